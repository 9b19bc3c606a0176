import { ActivityFailure, ApplicationFailure, proxyActivities } from '@temporalio/workflow';
import { NON_RETRYABLE, type DeliveryActivities, type DeliveryInput, type DeliveryOutcome, type RetrySettings } from './types';

export type { DeliveryInput, DeliveryOutcome } from './types';

/*
 * One workflow per delivery, its id derived from what is delivered, so a redelivered event
 * cannot start a second one. Temporal holds the retry schedule (exponential backoff) across
 * restarts of the worker; the activities log every attempt.
 */

function activities(retry: RetrySettings) {
  return proxyActivities<DeliveryActivities>({
    startToCloseTimeout: '1 minute',
    retry: {
      initialInterval: retry.initialIntervalMs,
      backoffCoefficient: 2,
      maximumInterval: retry.maximumIntervalMs,
      maximumAttempts: retry.maximumAttempts,
      nonRetryableErrorTypes: Object.values(NON_RETRYABLE),
    },
  });
}

const reasonOf = (error: unknown) => {
  const cause = error instanceof ActivityFailure ? error.cause : error;
  return cause instanceof ApplicationFailure || cause instanceof Error ? cause.message : String(cause);
};

export async function webhookDelivery(input: DeliveryInput): Promise<DeliveryOutcome> {
  const { deliverWebhook, markWebhookFailed } = activities(input.retry);
  try {
    await deliverWebhook(input.id);
    return 'sent';
  } catch (error) {
    if (!(error instanceof ActivityFailure)) throw error;
    const refused = error.cause instanceof ApplicationFailure && error.cause.type === NON_RETRYABLE.addressRefused;
    // Only a refusal passes the third argument, so replays of histories that failed otherwise stay the same.
    if (refused) await markWebhookFailed(input.id, reasonOf(error), 'refused');
    else await markWebhookFailed(input.id, reasonOf(error));
    return 'failed';
  }
}

export async function emailDelivery(input: DeliveryInput): Promise<DeliveryOutcome> {
  const { sendEmail, markEmailFailed } = activities(input.retry);
  try {
    await sendEmail(input.id);
    return 'sent';
  } catch (error) {
    if (!(error instanceof ActivityFailure)) throw error;
    await markEmailFailed(input.id, reasonOf(error));
    return 'failed';
  }
}
