import type mongoose from 'mongoose';

type MongoClient = mongoose.mongo.MongoClient;

interface Started {
  requestId: number;
  commandName: string;
  command: Record<string, unknown>;
}

interface Finished {
  requestId: number;
  duration: number;
}

/**
 * Where the database time goes (`BENCH_PROFILE=1`): every command the client sends, grouped by
 * phase, command, collection and the shape of its filter (`{_id:string}`, `{packageId:string}`,
 * `{_id:$in}`…), with its count and time. A filter other than a bare string `_id` is a full
 * collection scan on our database, so the shapes alone show what grows with the archive.
 */
export function profileCommands(client: MongoClient) {
  let phase = 'setup';
  const open = new Map<number, string>();
  const totals = new Map<string, { count: number; ms: number; maxMs: number }>();
  client.on('commandStarted', (event: Started) => open.set(event.requestId, `${phase} ${shapeOf(event)}`));
  const finish = (event: Finished) => {
    const key = open.get(event.requestId);
    if (key === undefined) return;
    open.delete(event.requestId);
    const total = totals.get(key) ?? { count: 0, ms: 0, maxMs: 0 };
    total.count++;
    total.ms += event.duration;
    total.maxMs = Math.max(total.maxMs, event.duration);
    totals.set(key, total);
  };
  client.on('commandSucceeded', finish);
  client.on('commandFailed', finish);
  return {
    /** Totals so far, by `phase command collection {filter}`. */
    totals: () => Object.fromEntries([...totals].map(([key, t]) => [key, { ...t }])),
    phase: (name: string) => {
      phase = name;
    },
    print: () => {
      const rows = [...totals]
        .map(([key, t]) => ({ 'phase command collection {filter}': key, count: t.count, totalMs: Math.round(t.ms), meanMs: Math.round((t.ms / t.count) * 10) / 10, maxMs: t.maxMs }))
        .sort((a, b) => b.totalMs - a.totalMs);
      console.log('\ndatabase commands (time is per command, overlapping under concurrency)');
      console.table(rows);
    },
  };
}

function shapeOf(event: Started): string {
  const { commandName: name, command } = event;
  const collection = typeof command[name] === 'string' ? (command[name] as string) : '';
  const first = (list: unknown) => (Array.isArray(list) ? (list[0] as { q?: unknown } | undefined)?.q : undefined);
  const filter = (command.filter ?? first(command.updates) ?? first(command.deletes)) as Record<string, unknown> | undefined;
  const fields = Object.entries(filter ?? {}).map(([field, value]) =>
    value !== null && typeof value === 'object' && !(value instanceof Uint8Array) ? `${field}:${Object.keys(value).join(',')}` : `${field}:${typeof value}`,
  );
  return `${name} ${collection} {${fields.join('&')}}${command.sort ? ' sorted' : ''}`;
}
