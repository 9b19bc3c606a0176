import { TOKEN_AUDIENCES, issueToken, DEMO_USERS } from '@vanthu/shared';
import { listen } from './sse-listener';

interface Notification {
  eventType: string;
  documentId: string;
  aggregateId: string;
}

/**
 * What a portal does instead of asking again and again: it holds each user's live stream from
 * notify open and acts when the notification comes. One stream per user, shared by every
 * scenario running at once; notifications that come before anyone waits for them are kept.
 */
export class LiveNotifications {
  private readonly seen = new Set<string>();
  private readonly waiting = new Map<string, () => void>();
  private readonly streams: Array<{ close: () => void }> = [];
  /** Every notification heard, as `user|event type|aggregate`, in the order they came. */
  readonly heard: string[] = [];

  private constructor(private readonly notifyUrl: string) {}

  static async open(notifyUrl: string, jwtSecret: string, userIds: string[]): Promise<LiveNotifications> {
    const live = new LiveNotifications(notifyUrl);
    for (const userId of userIds) {
      const user = DEMO_USERS.find((u) => u.id === userId);
      if (!user) throw new Error(`no demo user ${userId}`);
      const token = issueToken(jwtSecret, { userId, orgCode: user.org, role: user.role }, 24 * 3600, TOKEN_AUDIENCES.notify);
      live.streams.push(
        await listen(`${live.notifyUrl}/v1/me/stream`, token, (message) => {
          if (message.event !== 'notification') return;
          const n = JSON.parse(message.data) as Notification;
          live.arrived(LiveNotifications.key(userId, n.eventType, n.aggregateId));
        }),
      );
    }
    return live;
  }

  private static key(userId: string, eventType: string, aggregateId: string): string {
    return `${userId}|${eventType}|${aggregateId}`;
  }

  private arrived(key: string): void {
    this.heard.push(key);
    this.seen.add(key);
    this.waiting.get(key)?.();
  }

  /** Resolves when `userId` has been told of `eventType` about `aggregateId` (a document, or `<document>@<org>`). */
  waitFor(userId: string, eventType: string, aggregateId: string, timeoutMs: number): Promise<void> {
    const key = LiveNotifications.key(userId, eventType, aggregateId);
    if (this.seen.delete(key)) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(key);
        reject(new Error(`no ${eventType} notification for ${userId} about ${aggregateId} within ${timeoutMs} ms`));
      }, timeoutMs);
      // A waiter the caller stopped needing (it found the record by looking) must not hold the process.
      timer.unref();
      this.waiting.set(key, () => {
        clearTimeout(timer);
        this.waiting.delete(key);
        this.seen.delete(key);
        resolve();
      });
    });
  }

  /** Resolves once every key (`user|event type|aggregate`) has been heard, or rejects after `timeoutMs`. */
  async allHeard(keys: string[], timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!keys.every((k) => this.heard.includes(k))) {
      if (Date.now() > deadline) throw new Error(`not heard within ${timeoutMs} ms: ${keys.filter((k) => !this.heard.includes(k)).join(', ')}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  close(): void {
    for (const stream of this.streams) stream.close();
  }
}
