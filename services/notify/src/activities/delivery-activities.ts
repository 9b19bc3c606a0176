import { activityInfo } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import type { Mailer } from '../email/mailer';
import type { NotifyStores } from '../notify-stores';
import { NON_RETRYABLE, type DeliveryActivities } from '../workflows/types';
import { postWebhook } from '../webhooks/post-webhook';
import { signedHeaders } from '../webhooks/signature';

export interface DeliveryActivityDeps {
  stores: Pick<NotifyStores, 'deliveries' | 'endpoints' | 'emails'>;
  /** Absent when e-mail is not configured: nothing is queued then, and a stray send fails at once. */
  mailer?: Mailer;
  webhookTimeoutMs?: number;
}

const attempt = () => activityInfo().attempt;

/** Each call is one attempt; Temporal retries a thrown one on the workflow's backoff schedule. */
export function deliveryActivities(deps: DeliveryActivityDeps): DeliveryActivities {
  const { deliveries, endpoints, emails } = deps.stores;
  return {
    async deliverWebhook(deliveryId) {
      const entry = await deliveries.byId(deliveryId);
      if (!entry) throw ApplicationFailure.create({ type: NON_RETRYABLE.noSuchDelivery, message: `no webhook delivery ${deliveryId}`, nonRetryable: true });
      if (entry.status === 'succeeded') return;
      const endpoint = (await endpoints.list(entry.org)).find((e) => e.id === entry.endpointId);
      if (!endpoint) {
        throw ApplicationFailure.create({ type: NON_RETRYABLE.endpointGone, message: `endpoint ${entry.endpointId} was removed`, nonRetryable: true });
      }
      // Signed afresh each attempt: the timestamp is what stops receivers accepting stale replays.
      const headers = signedHeaders(endpoint.secret, entry.eventId, entry.body);
      const outcome = await postWebhook(entry.url, entry.body, { ...headers }, deps.webhookTimeoutMs ?? 15_000);
      const n = attempt();
      await deliveries.recordAttempt(entry, {
        attempt: n,
        at: new Date().toISOString(),
        ok: outcome.ok,
        durationMs: outcome.durationMs,
        ...(outcome.statusCode !== undefined && { statusCode: outcome.statusCode }),
        ...(outcome.error !== undefined && { error: outcome.error }),
      });
      if (!outcome.ok) throw ApplicationFailure.create({ type: 'WebhookDeliveryFailed', message: `attempt ${n}: ${outcome.error ?? 'failed'}` });
    },

    async markWebhookFailed(deliveryId, reason) {
      await deliveries.markFailed(deliveryId, reason);
    },

    async sendEmail(notificationId) {
      const mail = await emails.get(notificationId);
      if (!mail?.to || mail.subject === undefined || mail.text === undefined) {
        throw ApplicationFailure.create({ type: NON_RETRYABLE.badAddress, message: `no queued e-mail ${notificationId}`, nonRetryable: true });
      }
      if (mail.status === 'sent') return;
      if (!deps.mailer) throw ApplicationFailure.create({ type: NON_RETRYABLE.notConfigured, message: 'e-mail is not configured (SMTP_URL)', nonRetryable: true });
      const n = attempt();
      try {
        const sent = await deps.mailer.send({
          to: mail.to,
          subject: mail.subject,
          text: mail.text,
          messageId: `<${Buffer.from(notificationId).toString('base64url')}@notify.vanthu>`,
        });
        await emails.sent(notificationId, n, sent.messageId);
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
    },

    async markEmailFailed(notificationId, reason) {
      await emails.failed(notificationId, reason);
    },
  };
}
