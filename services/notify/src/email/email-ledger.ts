import { isDuplicateKeyError } from '@vanthu/shared';
import type { Category } from '../routing/categories';
import type { NotificationDoc, NotifyCollections } from '../store/collections';

/**
 * E-mail notifications in the ledger: queued by the consumer (address and text included, so the
 * workflow carries only the id), then marked sent or failed by the delivery activity.
 */
export class EmailLedger {
  constructor(private readonly c: Pick<NotifyCollections, 'notifications'>) {}

  async queue(entry: { id: string; eventId: string; userId: string; category: Category; to: string; subject: string; text: string }): Promise<void> {
    const doc: NotificationDoc = {
      _id: entry.id,
      eventId: entry.eventId,
      userId: entry.userId,
      channel: 'email',
      category: entry.category,
      status: 'queued',
      createdAt: new Date().toISOString(),
      to: entry.to,
      subject: entry.subject,
      text: entry.text,
      attempts: 0,
    };
    try {
      await this.c.notifications.insertOne(doc);
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
    }
  }

  get(id: string): Promise<NotificationDoc | null> {
    return this.c.notifications.findOne({ _id: id });
  }

  async attempted(id: string, attempt: number, error?: string): Promise<void> {
    await this.c.notifications.updateOne({ _id: id }, { $set: { attempts: attempt, ...(error !== undefined && { lastError: error }) } });
  }

  async sent(id: string, attempt: number, messageId: string): Promise<void> {
    await this.c.notifications.updateOne({ _id: id }, { $set: { status: 'sent', attempts: attempt, messageId, sentAt: new Date().toISOString() } });
  }

  async failed(id: string, reason: string): Promise<void> {
    await this.c.notifications.updateOne({ _id: id }, { $set: { status: 'failed', lastError: reason } });
  }
}
