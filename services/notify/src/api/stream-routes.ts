import type { Response } from 'express';
import { z } from 'zod';
import type { HealthState } from '@vanthu/shared';
import { leaveInFlight, loadConfig, principalOf, Problem, secureRouter, type SecureRouter, anyUser, withQueryToken } from '@vanthu/shared';
import type { Inbox, InboxEntryView } from '../inbox/inbox';
import type { LiveHub } from '../live/live-hub';
import { wants, type PreferenceStore } from '../preferences/preferences';

export interface StreamOptions {
  heartbeatMs?: number;
  /** How many missed notifications a stream is sent from the inbox (on reconnection, or to fill a gap) before live ones. */
  resumeLimit?: number;
  /** Streams one process holds open at most (NOTIFY_MAX_STREAMS); past it, 503 with Retry-After. */
  maxStreams?: number;
  /** What a stream may have written and its client not yet read before it is dropped (the client resumes from the inbox). */
  maxBufferedBytes?: number;
  /** Steps (announcements to send) a stream may have waiting before it is dropped likewise. */
  maxPendingSteps?: number;
}

const streamEnvSchema = z.object({ NOTIFY_MAX_STREAMS: z.coerce.number().int().min(1).max(1_000_000).default(5_000) });

/** The streams' limits from the environment (NOTIFY_MAX_STREAMS). */
export function streamOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): StreamOptions {
  return { maxStreams: loadConfig(streamEnvSchema, env).NOTIFY_MAX_STREAMS };
}

const lastEventId = z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

function eventText(item: InboxEntryView): string {
  // The id is the inbox seq: the browser sends it back as Last-Event-ID when it reconnects.
  return `id: ${item.seq}\nevent: notification\ndata: ${JSON.stringify(item)}\n\n`;
}

/**
 * Server-sent events: the caller's new notifications, live, in inbox order, each once.
 *
 * The inbox, not the live topic, decides what is sent and in which order. Several workers append
 * to one user's inbox at once and each announces its items on the live topic itself, so item 6
 * may be announced before item 5. A stream sends an announced item only once everything before
 * it has been sent: an announcement beyond the next seq is preceded by the items in between,
 * read from the inbox (they are there: the inbox has no gaps) and kept to the categories the
 * user takes live (the worker announces only those; the others are the gaps preferences make).
 * An announcement at or below the last seq sent (a republish, or one overtaken so) is dropped.
 * Every step runs after the one before, so nothing is sent twice or out of order.
 *
 * Back-pressure: an open stream holds a socket, not work, so it leaves the edge's in-flight cap
 * once set up and counts against a cap of streams of its own instead. A client that stops reading
 * (a laptop asleep on a live TCP connection) would make the process buffer its notifications for
 * ever: past `maxBufferedBytes` unread, or `maxPendingSteps` waiting, the stream is cut, and the
 * client's reconnection with Last-Event-ID fetches what it missed from the inbox.
 */
export function streamRoutes(inbox: Inbox, preferences: PreferenceStore, hub: LiveHub, health: HealthState, options: StreamOptions = {}): SecureRouter {
  const router = secureRouter();
  const open = new Set<Response>();
  const resumeLimit = options.resumeLimit ?? 100;
  const maxStreams = options.maxStreams ?? 5_000;
  const maxBufferedBytes = options.maxBufferedBytes ?? 256 * 1024;
  const maxPendingSteps = options.maxPendingSteps ?? 100;
  // Open streams would hold the HTTP server's shutdown for the whole grace period: end them as
  // soon as the process starts draining; clients reconnect to another instance.
  const drainWatch = setInterval(() => {
    if (!health.draining) return;
    for (const res of open) res.end();
    open.clear();
  }, 500);
  drainWatch.unref();

  router.get('/v1/me/stream', withQueryToken(anyUser()), (req, res) => {
    const { userId } = principalOf(res);
    const header = req.get('last-event-id') ?? (typeof req.query.lastEventId === 'string' ? req.query.lastEventId : undefined);
    const resumeFrom = header === undefined ? undefined : lastEventId.parse(header);
    if (open.size >= maxStreams) {
      throw new Problem(503, 'too-many-streams', `This server holds ${maxStreams} live streams already; reconnect shortly (the inbox keeps everything meanwhile).`, { retryAfterSeconds: 5 });
    }

    res.status(200).set({
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      // Proxies such as nginx would otherwise buffer the stream.
      'x-accel-buffering': 'no',
    });
    res.flushHeaders();
    leaveInFlight(res);

    let lastSent = 0;
    let closed = false;
    let pending = 0;
    /** Cuts the stream whose client does not keep up; it reconnects and resumes from the inbox. */
    const cut = (why: string) => {
      if (closed) return;
      close();
      (req as { log?: { warn(o: object, m: string): void } }).log?.warn({ userId, why, buffered: res.writableLength }, 'live stream cut: the client does not keep up');
      res.destroy();
    };
    const write = (text: string) => {
      if (closed) return;
      res.write(text);
      if (res.writableLength > maxBufferedBytes) cut(`over ${maxBufferedBytes} bytes unread`);
    };
    const writeEvent = (item: InboxEntryView) => write(eventText(item));
    const send = (item: InboxEntryView) => {
      writeEvent(item);
      lastSent = item.seq;
    };
    /** The inbox's items after the last sent, up to `to`, that the user takes live (at most `resumeLimit`). */
    const sendFromInbox = async (to: number) => {
      if (to <= lastSent) return;
      const [items, chosen] = await Promise.all([inbox.range(userId, Math.max(lastSent + 1, to - resumeLimit + 1), to), preferences.get(userId)]);
      for (const item of items) if (wants(chosen, 'sse', item.category)) writeEvent(item);
      lastSent = to;
    };

    let steps: Promise<void> = Promise.resolve();
    const close = () => {
      closed = true;
      stop();
      clearInterval(heartbeat);
      open.delete(res);
    };
    const step = (work: () => Promise<void>) => {
      if (pending >= maxPendingSteps) return cut(`${maxPendingSteps} announcements waiting`);
      pending += 1;
      steps = steps
        .then(() => (closed ? undefined : work()))
        .finally(() => {
          pending -= 1;
        })
        .catch((error: unknown) => {
          // The client reconnects with Last-Event-ID and gets what it missed.
          if (closed) return;
          close();
          res.end();
          (req as { log?: { error(o: object, m: string): void } }).log?.error({ err: error }, 'live stream failed');
        });
    };

    // Attached before the inbox is read: an announcement arriving meanwhile waits for the first step.
    const stop = hub.listen(userId, ({ item }) =>
      step(async () => {
        if (item.seq <= lastSent) return;
        await sendFromInbox(item.seq - 1);
        send(item);
      }),
    );
    const heartbeat = setInterval(() => write(': keep-alive\n\n'), options.heartbeatMs ?? 15_000);
    // First on the wire: every step writes later, after a database read.
    write('retry: 3000\n\n');
    open.add(res);
    res.on('close', close);

    step(async () => {
      const newest = await inbox.newest(userId);
      if (resumeFrom === undefined) {
        // A fresh stream starts at the present: the inbox list shows the past.
        lastSent = newest;
        return;
      }
      // An id from beyond the newest (an inbox restored from an older backup) resumes from the newest.
      lastSent = Math.min(resumeFrom, newest);
      await sendFromInbox(newest);
    });
  });

  return router;
}
