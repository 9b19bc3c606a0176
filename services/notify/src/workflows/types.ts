/** Retry schedule of a delivery; the defaults are in deliveries/retry-settings.ts. */
export interface RetrySettings {
  initialIntervalMs: number;
  maximumIntervalMs: number;
  maximumAttempts: number;
}

export interface DeliveryInput {
  /** A webhook delivery id, or an e-mail notification's ledger id: the activity reads the rest. */
  id: string;
  retry: RetrySettings;
}

export type DeliveryOutcome = 'sent' | 'failed';

/** The activities the delivery workflows call, on notify's task queue. */
export interface DeliveryActivities {
  deliverWebhook(deliveryId: string): Promise<void>;
  /** `refused` when the address was not allowed; absent (histories before it existed) is `failed`. */
  markWebhookFailed(deliveryId: string, reason: string, status?: 'failed' | 'refused'): Promise<void>;
  sendEmail(notificationId: string): Promise<void>;
  markEmailFailed(notificationId: string, reason: string): Promise<void>;
}

/** Failure types an activity throws when retrying cannot help. */
export const NON_RETRYABLE = {
  endpointGone: 'WebhookEndpointGone',
  noSuchDelivery: 'NoSuchDelivery',
  badAddress: 'BadAddress',
  notConfigured: 'EmailNotConfigured',
  /** The webhook's host is (or now resolves to) an address deliveries may not reach: asking DNS again will not make it safe. */
  addressRefused: 'WebhookAddressRefused',
} as const;
