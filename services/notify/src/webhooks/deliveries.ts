import type { DomainEvent } from '@vanthu/shared';
import { SequencedLog, type Page, type SequencedEntry } from '../store/sequenced-log';
import type { DeliveryStatus, NotifyCollections, WebhookAttemptDoc, WebhookDelivery, WebhookEndpoint } from '../store/collections';

export const deliveryId = (endpointId: string, seq: number) => SequencedLog.entryId(endpointId, seq);
export const webhookWorkflowId = (id: string) => `webhook-${id}`;

export type DeliveryEntry = SequencedEntry<WebhookDelivery>;

export interface DeliveryView extends Omit<WebhookDelivery, 'body'> {
  id: string;
  workflowId: string;
  seq: number;
  attemptLog?: Array<Omit<WebhookAttemptDoc, '_id' | 'deliveryId'>>;
}

export function deliveryView(entry: DeliveryEntry, attempts?: WebhookAttemptDoc[]): DeliveryView {
  const { _id, stream: _stream, key: _key, body: _body, ...rest } = entry;
  return { ...rest, id: _id, workflowId: webhookWorkflowId(_id), ...(attempts && { attemptLog: attempts.map(({ _id: _a, deliveryId: _d, ...a }) => a) }) };
}

/**
 * The delivery log: each endpoint's deliveries as a SequencedLog (newest first by `_id` reads),
 * each attempt a document `${deliveryId}#${attempt}`. After its creation a delivery is written
 * only by its own workflow's activity, one attempt at a time.
 */
export class WebhookDeliveries {
  readonly log: SequencedLog<WebhookDelivery>;

  constructor(private readonly c: Pick<NotifyCollections, 'deliveries' | 'deliveryHeads' | 'attempts'>) {
    this.log = new SequencedLog(c.deliveries, c.deliveryHeads);
  }

  /** Once per (event, endpoint): a redelivered event finds its delivery and gets its id back. */
  async forEvent(org: string, endpoint: WebhookEndpoint, event: DomainEvent): Promise<string> {
    return this.add(endpoint.id, `event:${event.id}`, {
      org,
      endpointId: endpoint.id,
      eventId: event.id,
      eventType: event.type,
      url: endpoint.url,
      body: JSON.stringify(event),
    });
  }

  /** A new delivery of a logged one's exact body, to the endpoint's current URL. */
  async replay(original: DeliveryEntry, endpoint: WebhookEndpoint, requestKey: string): Promise<string> {
    return this.add(endpoint.id, `replay:${original._id}:${requestKey}`, {
      org: original.org,
      endpointId: endpoint.id,
      eventId: original.eventId,
      eventType: original.eventType,
      url: endpoint.url,
      body: original.body,
      replayOf: original._id,
    });
  }

  private async add(endpointId: string, key: string, fields: Pick<WebhookDelivery, 'org' | 'endpointId' | 'eventId' | 'eventType' | 'url' | 'body'> & { replayOf?: string }): Promise<string> {
    const { seq } = await this.log.append(endpointId, key, { ...fields, status: 'pending', attempts: 0, createdAt: new Date().toISOString() });
    return deliveryId(endpointId, seq);
  }

  async byId(id: string): Promise<DeliveryEntry | null> {
    return this.c.deliveries.findOne({ _id: id });
  }

  page(endpointId: string, options: { before?: number; limit: number }): Promise<Page<WebhookDelivery>> {
    return this.log.page(endpointId, options);
  }

  async attempts(entry: DeliveryEntry): Promise<WebhookAttemptDoc[]> {
    const found = await Promise.all(Array.from({ length: entry.attempts }, (_, i) => this.c.attempts.findOne({ _id: `${entry._id}#${i + 1}` })));
    return found.filter((a): a is WebhookAttemptDoc => a !== null);
  }

  /** Written by the delivering activity: the attempt, then the delivery's summary of it. */
  async recordAttempt(entry: DeliveryEntry, attempt: Omit<WebhookAttemptDoc, '_id' | 'deliveryId'>): Promise<void> {
    const id = `${entry._id}#${attempt.attempt}`;
    await this.c.attempts.replaceOne({ _id: id }, { deliveryId: entry._id, ...attempt }, { upsert: true });
    await this.c.deliveries.updateOne(
      { _id: entry._id },
      {
        $set: {
          attempts: Math.max(entry.attempts, attempt.attempt),
          ...(attempt.statusCode !== undefined && { lastStatusCode: attempt.statusCode }),
          ...(attempt.ok ? { status: 'succeeded', completedAt: attempt.at } : { lastError: attempt.error ?? 'failed' }),
        },
      },
    );
  }

  /** `refused`: stopped for where it was going (see webhook-target.ts), not for the receiver's answers. */
  async markFailed(id: string, reason: string, status: Extract<DeliveryStatus, 'failed' | 'refused'> = 'failed'): Promise<void> {
    await this.c.deliveries.updateOne({ _id: id }, { $set: { status, lastError: reason, completedAt: new Date().toISOString() } });
  }
}
