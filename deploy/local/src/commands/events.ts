import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  asyncApiDocument,
  createLogger,
  createMessageBus,
  EVENT_CATALOGUE,
  eventSchema,
  listDeadLetters,
  replayDeadLetters,
  type DeadLetter,
  type DeadLetterFilter,
} from '@vanthu/shared';
import { describeStack, stackEnv } from '../stack';
import { eventCatalogueMarkdown } from '../events/catalogue-markdown';

export const EVENTS_USAGE = `  events docs           write docs/events/ (AsyncAPI, JSON Schemas, catalogue) from the catalogue in code
  events dlq list [--group G]
                        show the dead letters (events a consumer group gave up on)
  events dlq replay [--group G] [--event ID]...
                        put dead letters back on their topic; only the group that failed handles them again`;

/** The generated contract files, by path relative to the repo root. */
export function eventDocs(version: string): Map<string, string> {
  const files = new Map<string, string>();
  const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
  files.set('docs/events/asyncapi.json', json(asyncApiDocument(version)));
  for (const spec of EVENT_CATALOGUE) files.set(`docs/events/schemas/${spec.type}.v${spec.version}.json`, json(eventSchema(spec)));
  files.set('docs/events/catalogue.md', eventCatalogueMarkdown());
  return files;
}

async function writeDocs(root: string): Promise<void> {
  const { version } = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as { version: string };
  const files = eventDocs(version);
  await rm(join(root, 'docs/events/schemas'), { recursive: true, force: true });
  await mkdir(join(root, 'docs/events/schemas'), { recursive: true });
  for (const [path, text] of files) await writeFile(join(root, path), text);
  console.log(`wrote ${files.size} files under docs/events/ (${(await readdir(join(root, 'docs/events/schemas'))).length} schemas)`);
}

function parseFilter(args: string[]): DeadLetterFilter {
  const filter: DeadLetterFilter = {};
  for (let i = 0; i < args.length; i += 2) {
    const [flag, value] = [args[i], args[i + 1]];
    if (value === undefined) throw new Error(`${flag} needs a value`);
    if (flag === '--group') filter.group = value;
    else if (flag === '--event') filter.eventIds = [...(filter.eventIds ?? []), value];
    else throw new Error(`unknown option ${flag}`);
  }
  return filter;
}

const row = (l: DeadLetter) => ({
  group: l.group,
  reason: l.reason,
  event: l.eventId ?? '(unparseable)',
  type: l.eventType ?? '',
  from: `${l.source.topic}[${l.source.partition}]@${l.source.offset}`,
  attempts: l.attempts,
  failedAt: l.failedAt,
  error: l.error.slice(0, 80),
});

async function deadLetters(action: string | undefined, args: string[]): Promise<number> {
  const brokers = (process.env.KAFKA_BROKERS ?? stackEnv(describeStack()).KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
  const bus = createMessageBus({ brokers, clientId: 'vanthu-dlq', logger: createLogger({ tool: 'dlq' }, 'warn') });
  try {
    const filter = parseFilter(args);
    if (action === 'list') {
      const letters = await listDeadLetters(bus, filter);
      if (letters.length === 0) console.log('no dead letters');
      else console.table(letters.map(row));
      return 0;
    }
    if (action === 'replay') {
      const replayed = await replayDeadLetters(bus, filter);
      console.log(`replayed ${replayed.length} dead letter(s)`);
      if (replayed.length > 0) console.table(replayed.map(row));
      return 0;
    }
  } finally {
    await bus.close();
  }
  console.error(`usage:\n${EVENTS_USAGE}`);
  return 64;
}

export async function eventsCommand(root: string, args: string[]): Promise<number> {
  const [sub, action, ...rest] = args;
  if (sub === 'docs') return writeDocs(root).then(() => 0);
  if (sub === 'dlq') return deadLetters(action, rest);
  console.error(`usage:\n${EVENTS_USAGE}`);
  return 64;
}
