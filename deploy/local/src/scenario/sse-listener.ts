import { request } from 'node:http';
import { createParser, type EventSourceMessage } from 'eventsource-parser';

/** A portal's live stream: calls `onEvent` for each server-sent event as it arrives. */
export function listen(url: string, token: string, onEvent: (message: EventSourceMessage) => void): Promise<{ close: () => void }> {
  return new Promise((resolve, reject) => {
    const parser = createParser({ onEvent });
    const req = request(url, { headers: { accept: 'text/event-stream', authorization: `Bearer ${token}` } }, (res) => {
      if (res.statusCode !== 200) {
        reject(new Error(`stream ${url} answered ${res.statusCode}`));
        res.resume();
        return;
      }
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => parser.feed(chunk));
      resolve({ close: () => req.destroy() });
    });
    req.on('error', (error) => {
      if (!req.destroyed) reject(error);
    });
    req.end();
  });
}
