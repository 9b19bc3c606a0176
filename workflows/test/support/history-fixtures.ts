import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { temporal } from '@temporalio/proto';
import * as intakeWorkflows from '@vanthu/workflows';
import * as trackingWorkflows from '@vanthu/workflows/dist/tracking';
import * as archiveWorkflows from '@vanthu/archive/dist/workflows';
import * as notifyWorkflows from '@vanthu/notify/dist/workflows';

/*
 * The recorded histories the replay guard holds the workflow code to: one folder per release
 * (`histories/<version>/`, the version of the root package.json when it was recorded), each
 * history a file named for what it ran. Sets are only ever added to: a workflow started under
 * an old release may still be running (a retention period is a decade), so its history must
 * replay on every later release (docs/lifecycle.md, Versioning).
 */

export const HISTORIES = join(__dirname, '..', 'fixtures', 'histories');
const ROOT_PACKAGE = join(__dirname, '..', '..', '..', 'package.json');

/** The release being built: new recordings go to its folder. */
export function currentRelease(): string {
  return (JSON.parse(readFileSync(ROOT_PACKAGE, 'utf8')) as { version: string }).version;
}

const numeric = (release: string) => release.split(/[.-]/).map((part) => (/^\d+$/.test(part) ? Number(part) : part));
function compareReleases(a: string, b: string): number {
  const [x, y] = [numeric(a), numeric(b)];
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    if (x[i] === y[i]) continue;
    if (x[i] === undefined) return -1;
    if (y[i] === undefined) return 1;
    return typeof x[i] === 'number' && typeof y[i] === 'number' ? (x[i] as number) - (y[i] as number) : String(x[i]).localeCompare(String(y[i]));
  }
  return 0;
}

/** Every release that left a set, oldest first. */
export function releases(): string[] {
  return readdirSync(HISTORIES, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort(compareReleases);
}

export interface RecordedHistory {
  release: string;
  file: string;
  /** `<release>/<file>`: how a replay names it. */
  name: string;
  history: temporal.api.history.v1.History;
  workflowType: string;
}

export function loadHistory(release: string, file: string): RecordedHistory {
  const history = temporal.api.history.v1.History.fromObject(JSON.parse(readFileSync(join(HISTORIES, release, file), 'utf8')) as Record<string, unknown>);
  const workflowType = history.events[0]?.workflowExecutionStartedEventAttributes?.workflowType?.name;
  if (!workflowType) throw new Error(`${release}/${file} does not start with a workflow's start`);
  return { release, file, name: `${release}/${file}`, history, workflowType };
}

export function historiesOf(release: string): RecordedHistory[] {
  return readdirSync(join(HISTORIES, release))
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((file) => loadHistory(release, file));
}

/** The workflow types a bundle registers: every exported async function (the SDK registers each export). */
const workflowTypes = (module: Record<string, unknown>) =>
  Object.entries(module)
    .filter(([, value]) => typeof value === 'function' && value.constructor.name === 'AsyncFunction')
    .map(([name]) => name)
    .sort();

/**
 * Every workflow bundle the platform's workers run, as each worker loads it (the built module):
 * the intake worker's and the tracking worker's from the workflows package, and the archive's
 * (disposition, fixity audit) and notify's (deliveries), which those services keep beside their
 * activities.
 */
export const BUNDLES = [
  { name: 'intake', workflowsPath: require.resolve('@vanthu/workflows'), types: workflowTypes(intakeWorkflows) },
  { name: 'tracking', workflowsPath: require.resolve('@vanthu/workflows/dist/tracking'), types: workflowTypes(trackingWorkflows) },
  { name: 'archive', workflowsPath: require.resolve('@vanthu/archive/dist/workflows'), types: workflowTypes(archiveWorkflows) },
  { name: 'notify', workflowsPath: require.resolve('@vanthu/notify/dist/workflows'), types: workflowTypes(notifyWorkflows) },
];

/** A workflow run a recorder keeps, and the fixture file it goes to. */
export interface RecordedRun {
  file: string;
  workflowId: string;
  /** A run other than the latest (one a workflow continued as new from). */
  runId?: string;
}

/** protobufjs's own object form (bytes in base64, enums by name), which History.fromObject reads back. */
const historyJson = (history: temporal.api.history.v1.IHistory) =>
  JSON.stringify(temporal.api.history.v1.History.toObject(temporal.api.history.v1.History.fromObject(history), { longs: String, enums: String, bytes: String }), null, 1);

/**
 * With `VANTHU_WRITE_HISTORIES=1`, writes the histories a recorder ran into the current release's
 * folder. A file already there is kept, never rewritten: it may be what a running workflow did.
 * Returns the files written.
 */
export function saveHistories(histories: { file: string; history: temporal.api.history.v1.IHistory }[]): string[] {
  if (process.env.VANTHU_WRITE_HISTORIES !== '1') return [];
  const folder = join(HISTORIES, currentRelease());
  mkdirSync(folder, { recursive: true });
  const written: string[] = [];
  for (const { file, history } of histories) {
    const path = join(folder, file);
    if (existsSync(path)) continue;
    writeFileSync(path, historyJson(history));
    written.push(file);
  }
  return written;
}
