import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import type { DeliveryInput, RetrySettings } from '../workflows/types';

/** Webhooks: about 28 hours of tries (1 s, 2 s, 4 s ... capped at an hour), then failed. */
export const WEBHOOK_RETRY: RetrySettings = { initialIntervalMs: 1_000, maximumIntervalMs: 3_600_000, maximumAttempts: 40 };
/** E-mail: about six hours of tries, so a mail relay down for a few hours loses no reminder. */
export const EMAIL_RETRY: RetrySettings = { initialIntervalMs: 5_000, maximumIntervalMs: 1_800_000, maximumAttempts: 20 };

export interface DeliveryStarterOptions {
  client: Client;
  taskQueue: string;
  webhookRetry?: RetrySettings;
  emailRetry?: RetrySettings;
}

export const emailWorkflowId = (notificationId: string) => `email-${notificationId}`;

/**
 * Starts delivery workflows. The workflow id is the delivery's own id and a finished workflow's
 * id is not reused, so starting twice (a redelivered event, a retried handler) delivers once.
 */
export class DeliveryStarter {
  constructor(private readonly options: DeliveryStarterOptions) {}

  webhook(deliveryId: string, workflowId: string): Promise<boolean> {
    return this.start('webhookDelivery', workflowId, { id: deliveryId, retry: this.options.webhookRetry ?? WEBHOOK_RETRY });
  }

  email(notificationId: string): Promise<boolean> {
    return this.start('emailDelivery', emailWorkflowId(notificationId), { id: notificationId, retry: this.options.emailRetry ?? EMAIL_RETRY });
  }

  /** Resolves false when the workflow had already been started. */
  private async start(type: string, workflowId: string, input: DeliveryInput): Promise<boolean> {
    try {
      await this.options.client.workflow.start(type, {
        workflowId,
        taskQueue: this.options.taskQueue,
        args: [input],
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
      });
      return true;
    } catch (error) {
      if (error instanceof WorkflowExecutionAlreadyStartedError) return false;
      throw error;
    }
  }
}
