import { request, type IncomingMessage } from 'node:http';

export interface SseEvent {
  id?: string;
  event?: string;
  data: string;
}

/** A plain HTTP client of an event stream, parsing events as they arrive (what EventSource does). */
export function openStream(url: string, headers: Record<string, string>): Promise<{ status: number; events: SseEvent[]; comments: number; next: (timeoutMs?: number) => Promise<SseEvent>; close: () => void }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { accept: 'text/event-stream', ...headers } }, (res: IncomingMessage) => {
      const events: SseEvent[] = [];
      const waiters: Array<(e: SseEvent) => void> = [];
      let buffer = '';
      let read = 0;
      const state = { comments: 0 };
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event: SseEvent = { data: '' };
          let fields = 0;
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) state.comments += 1;
            const [name, ...value] = line.split(':');
            const text = value.join(':').replace(/^ /, '');
            if (name === 'id') event.id = text;
            else if (name === 'event') event.event = text;
            else if (name === 'data') event.data += text;
            else continue;
            fields += 1;
          }
          if (fields > 0 && event.event) {
            events.push(event);
            waiters.shift()?.(event);
          }
        }
      });
      resolve({
        status: res.statusCode ?? 0,
        events,
        get comments() {
          return state.comments;
        },
        next: (timeoutMs = 20_000) =>
          new Promise<SseEvent>((done, fail) => {
            if (read < events.length) {
              done(events[read++]!);
              return;
            }
            const timer = setTimeout(() => fail(new Error('no event within the timeout')), timeoutMs);
            waiters.push((e) => {
              clearTimeout(timer);
              read += 1;
              done(e);
            });
          }),
        close: () => req.destroy(),
      });
    });
    req.on('error', reject);
    req.end();
  });
}
