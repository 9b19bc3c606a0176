import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import type { Logger, MessageBus, Subscription } from '@vanthu/shared';
import { LIVE_TOPIC, type LiveNotification } from './inbox-topic';

export type LiveListener = (notification: LiveNotification) => void;

/**
 * The API process's view of the live topic: each process reads every new notification with a
 * consumer group of its own (fan-out, not load sharing) and hands it to the streams of that user
 * connected here. A stream that reconnects fills any gap from the inbox (Last-Event-ID), so the
 * topic need not be replayed: a new group starts at the end.
 */
export class LiveHub {
  private readonly listeners = new Map<string, Set<LiveListener>>();
  private subscription?: Subscription;

  constructor(private readonly logger: Logger) {}

  async start(bus: MessageBus): Promise<void> {
    const group = `vanthu-notify-live-${hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`;
    this.subscription = bus.subscription(group);
    await this.subscription.run({ topics: [LIVE_TOPIC.name], fromBeginning: false }, async (message) => {
      let notification: LiveNotification;
      try {
        notification = JSON.parse(message.value.toString('utf8')) as LiveNotification;
      } catch (error) {
        this.logger.warn({ err: error, offset: message.offset }, 'unreadable live notification skipped');
        return;
      }
      this.dispatch(notification);
    });
  }

  dispatch(notification: LiveNotification): void {
    for (const listener of this.listeners.get(notification.userId) ?? []) {
      try {
        listener(notification);
      } catch (error) {
        this.logger.warn({ err: error, userId: notification.userId }, 'live listener failed');
      }
    }
  }

  /** Returns the function that removes the listener. */
  listen(userId: string, listener: LiveListener): () => void {
    const set = this.listeners.get(userId) ?? new Set<LiveListener>();
    set.add(listener);
    this.listeners.set(userId, set);
    return () => {
      set.delete(listener);
      if (set.size === 0 && this.listeners.get(userId) === set) this.listeners.delete(userId);
    };
  }

  get connectedUsers(): number {
    return this.listeners.size;
  }

  async stop(): Promise<void> {
    await this.subscription?.close();
  }
}
