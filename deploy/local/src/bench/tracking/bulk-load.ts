import type { Publisher } from '@vanthu/shared';
import { EVENT_HEADERS } from '@vanthu/shared';
import { taskEvents, type TaskOrgs } from './synthetic-tasks';

/**
 * Publishes the events of `tasks` synthetic tasks, a chunk of tasks at a time (the whole set would
 * not fit in memory comfortably); returns how many events went out.
 */
export async function publishTasks(publisher: Publisher, topic: string, run: string, tasks: number, communes: number, now: number, orgs?: TaskOrgs): Promise<number> {
  let events = 0;
  // A produce request must stay under the broker's message.max.bytes (1 MB): about 250 KB per call.
  const CHUNK = 100;
  for (let start = 0; start < tasks; start += CHUNK) {
    const batch = [];
    for (let i = start; i < Math.min(tasks, start + CHUNK); i++) {
      for (const e of taskEvents(run, i, communes, now, orgs)) {
        batch.push({
          key: e.subject,
          value: JSON.stringify(e),
          headers: { [EVENT_HEADERS.id]: e.id, [EVENT_HEADERS.type]: e.type, [EVENT_HEADERS.version]: String(e.version), [EVENT_HEADERS.contentType]: 'application/json' },
        });
      }
    }
    await publisher.publish(topic, batch);
    events += batch.length;
  }
  return events;
}
