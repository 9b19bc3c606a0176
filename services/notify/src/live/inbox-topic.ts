import { TOPICS, type MessageBus, type Publisher } from '@vanthu/shared';
import type { InboxEntryView } from '../inbox/inbox';

/** A new inbox item, as the worker announces it to the API processes that stream to portals. */
export interface LiveNotification {
  userId: string;
  item: InboxEntryView;
}

export const LIVE_TOPIC = TOPICS.notifyInbox;

/** The worker's side: one publisher, opened on first use. */
export class LivePublisher {
  private publisher?: Promise<Publisher>;

  constructor(private readonly bus: MessageBus) {}

  async publish(notification: LiveNotification): Promise<void> {
    this.publisher ??= this.bus.publisher();
    const publisher = await this.publisher.catch((error: unknown) => {
      this.publisher = undefined;
      throw error;
    });
    // Keyed by user: one user's notifications stay in order on one partition.
    await publisher.publish(LIVE_TOPIC.name, [{ key: notification.userId, value: JSON.stringify(notification) }]);
  }

  async close(): Promise<void> {
    const publisher = await this.publisher?.catch(() => undefined);
    await publisher?.close();
  }
}
