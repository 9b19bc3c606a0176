import { activityInfo } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import type { Mailer } from '../email/mailer';
import type { NotifyStores } from '../notify-stores';
import { safeWebhookBody } from '../secrecy/secrecy';
import { NON_RETRYABLE, type DeliveryActivities } from '../workflows/types';
import { postWebhook, type PostOutcome } from '../webhooks/post-webhook';
import { recordAfterSend } from './record-after-send';
import { signedHeaders } from '../webhooks/signature';
import { checkWebhookTarget, WebhookTargetRefused, type AddressPolicy, type CheckedTarget } from '../webhooks/webhook-target';

export interface DeliveryActivityDeps {
  stores: Pick<NotifyStores, 'deliveries' | 'endpoints' | 'emails'>;
  /** Absent when e-mail is not configured: nothing is queued then, and a stray send fails at once. */
  mailer?: Mailer;
  webhookTimeoutMs?: number;
  /** Where deliveries may go; by default the endpoints store's (the environment's allow-list, the system resolver). */
  addressPolicy?: AddressPolicy;
}

const attempt = () => activityInfo().attempt;

/** Each call is one attempt; Temporal retries a thrown one on the workflow's backoff schedule. */
export function deliveryActivities(deps: DeliveryActivityDeps): DeliveryActivities {
  const { deliveries, endpoints, emails } = deps.stores;
  const policy = deps.addressPolicy ?? endpoints.security.policy;
  return {
    async deliverWebhook(deliveryId) {
      const entry = await deliveries.byId(deliveryId);
      if (!entry) throw ApplicationFailure.create({ type: NON_RETRYABLE.noSuchDelivery, message: `no webhook delivery ${deliveryId}`, nonRetryable: true });
      if (entry.status === 'succeeded') return;
      const endpoint = (await endpoints.list(entry.org)).find((e) => e.id === entry.endpointId);
      if (!endpoint) {
        throw ApplicationFailure.create({ type: NON_RETRYABLE.endpointGone, message: `endpoint ${entry.endpointId} was removed`, nonRetryable: true });
      }
      const n = attempt();
      const record = (outcome: PostOutcome) =>
        deliveries.recordAttempt(entry, {
          attempt: n,
          at: new Date().toISOString(),
          ok: outcome.ok,
          durationMs: outcome.durationMs,
          ...(outcome.statusCode !== undefined && { statusCode: outcome.statusCode }),
          ...(outcome.error !== undefined && { error: outcome.error }),
        });
      // Checked on every attempt, after resolving, on the address then connected to: the
      // registration's check says nothing about what the name resolves to today.
      const started = performance.now();
      let target: CheckedTarget;
      try {
        target = await checkWebhookTarget(entry.url, policy);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        const refused = error instanceof WebhookTargetRefused;
        await record({ ok: false, error: `${refused ? 'refused' : 'unresolved'}: ${message}`, durationMs: Math.round(performance.now() - started) });
        throw ApplicationFailure.create({ type: refused ? NON_RETRYABLE.addressRefused : 'WebhookHostUnresolved', message: `attempt ${n}: ${message}`, nonRetryable: refused });
      }
      let secret: string;
      try {
        secret = endpoints.secretOf(entry.org, endpoint);
      } catch (error) {
        // A KEK that is not the one the secret was sealed with: retried, so fixing the configuration resumes deliveries.
        await record({ ok: false, error: `the endpoint's secret could not be unsealed (NOTIFY_SECRET_KEK): ${error instanceof Error ? error.message : String(error)}`, durationMs: 0 });
        throw error;
      }
      // Deliveries logged before notify dropped a secret document's free text, and replays of
      // them, lose it here; any other body goes out byte for byte as logged.
      const body = safeWebhookBody(entry.body);
      // Signed afresh each attempt: the timestamp is what stops receivers accepting stale replays.
      const headers = signedHeaders(secret, entry.eventId, body);
      const outcome = await postWebhook(target, body, { ...headers }, deps.webhookTimeoutMs ?? 15_000);
      if (outcome.ok) await recordAfterSend(() => record(outcome));
      else await record(outcome);
      if (!outcome.ok) throw ApplicationFailure.create({ type: 'WebhookDeliveryFailed', message: `attempt ${n}: ${outcome.error ?? 'failed'}` });
    },

    async markWebhookFailed(deliveryId, reason, status) {
      await deliveries.markFailed(deliveryId, reason, status ?? 'failed');
    },

    async sendEmail(notificationId) {
      const mail = await emails.get(notificationId);
      if (!mail?.to || mail.subject === undefined || mail.text === undefined) {
        throw ApplicationFailure.create({ type: NON_RETRYABLE.badAddress, message: `no queued e-mail ${notificationId}`, nonRetryable: true });
      }
      if (mail.status === 'sent') return;
      if (!deps.mailer) throw ApplicationFailure.create({ type: NON_RETRYABLE.notConfigured, message: 'e-mail is not configured (SMTP_URL)', nonRetryable: true });
      const n = attempt();
      let sent: { messageId: string };
      try {
        sent = await deps.mailer.send({
          to: mail.to,
          subject: mail.subject,
          text: mail.text,
          messageId: `<${Buffer.from(notificationId).toString('base64url')}@notify.vanthu>`,
        });
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        await emails.attempted(notificationId, n, message);
        // A permanent SMTP rejection (5xx) of the address will not change on retry.
        const code = (error as { responseCode?: number }).responseCode;
        if (code !== undefined && code >= 500 && code < 600) {
          throw ApplicationFailure.create({ type: NON_RETRYABLE.badAddress, message: `SMTP ${code}: ${message}`, nonRetryable: true });
        }
        throw error;
      }
      // Accepted by the SMTP server: a failure from here on is our database's, not the mail's.
      await recordAfterSend(() => emails.sent(notificationId, n, sent.messageId));
    },

    async markEmailFailed(notificationId, reason) {
      await emails.failed(notificationId, reason);
    },
  };
}
