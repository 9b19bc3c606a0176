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
  /** Every notification heard, as `user|event type|aggregate`. */
  private readonly heard = new Set<string>();
  private readonly waiting = new Map<string, Set<() => void>>();
  private readonly streams: Array<{ close: () => void }> = [];

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

  static key(userId: string, eventType: string, aggregateId: string): string {
    return `${userId}|${eventType}|${aggregateId}`;
  }

  private arrived(key: string): void {
    this.heard.add(key);
    for (const wake of this.waiting.get(key) ?? []) wake();
    this.waiting.delete(key);
  }

  /** Resolves when `userId` has been told of `eventType` about `aggregateId` (a document, or `<document>@<org>`). */
  waitFor(userId: string, eventType: string, aggregateId: string, timeoutMs: number): Promise<void> {
    return this.waitForKey(LiveNotifications.key(userId, eventType, aggregateId), timeoutMs);
  }

  /** Resolves once every key (see `key`) has been heard, or rejects after `timeoutMs`. */
  async allHeard(keys: string[], timeoutMs: number): Promise<void> {
    await Promise.all(keys.map((key) => this.waitForKey(key, timeoutMs)));
  }

  private waitForKey(key: string, timeoutMs: number): Promise<void> {
    if (this.heard.has(key)) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const wake = () => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        this.waiting.get(key)?.delete(wake);
        reject(new Error(`not heard within ${timeoutMs} ms: ${key}`));
      }, timeoutMs);
      // A waiter the caller stopped needing (it found the record by looking) must not hold the process.
      timer.unref();
      this.waiting.set(key, (this.waiting.get(key) ?? new Set()).add(wake));
    });
  }

  close(): void {
    for (const stream of this.streams) stream.close();
  }
}
