import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONSOLE_PORT, DEVELOPMENT_SERVICE_TOKEN_SECRET, issueServiceToken, SERVICES, TOKEN_AUDIENCES, type ProbeReport } from '@vanthu/shared';
import { buildConsoleWeb, startConsole, type RunningConsole } from '../console';
import { livePid } from '../proc';
import { serviceSpecs, startServices, stopServices, type RunningService } from '../services';
import { describeStack, stackEnv, startStack, stopServers } from '../stack';

function printUrls(lines: Array<[string, string]>): void {
  const width = Math.max(...lines.map(([label]) => label.length)) + 2;
  for (const [label, url] of lines) console.log(`  ${label.padEnd(width)}${url}`);
}

async function probe(intakePort: number): Promise<ProbeReport[]> {
  // The probe starts workflows on every worker, so it is closed too; the supervisor calls it as an operator.
  const token = issueServiceToken(process.env.SERVICE_TOKEN_SECRET ?? DEVELOPMENT_SERVICE_TOKEN_SECRET, 'operator', TOKEN_AUDIENCES.intake, 120);
  const res = await fetch(`http://127.0.0.1:${intakePort}/v1/system/probe`, { headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(60_000) });
  const body = (await res.json()) as { services?: ProbeReport[]; detail?: string };
  if (!res.ok || !body.services) throw new Error(`system probe failed: ${body.detail ?? res.status}`);
  return body.services;
}

/**
 * `npm start`: the stack, then every service, then a probe workflow through every service's worker.
 * Runs in the foreground; Ctrl-C stops the services, and the servers this run started.
 */
export async function startCommand(): Promise<number> {
  const begun = Date.now();
  const stack = describeStack();
  const lock = join(stack.paths.run, 'supervisor.pid');
  const other = livePid(lock);
  const urls: Array<[string, string]> = [
    ['Console', `http://127.0.0.1:${CONSOLE_PORT}`],
    ...(Object.keys(SERVICES) as Array<keyof typeof SERVICES>).map(
      (name): [string, string] => [`${name[0]!.toUpperCase()}${name.slice(1)} API`, `http://127.0.0.1:${SERVICES[name].apiPort}`],
    ),
    ...stack.servers.flatMap((s) => Object.entries(s.urls)),
    ['Logs', stack.paths.logs],
  ];
  if (other !== undefined) {
    console.log(`Vanthu is already running (supervisor pid ${other}); nothing started.`);
    printUrls(urls);
    return 0;
  }
  mkdirSync(stack.paths.run, { recursive: true });
  writeFileSync(lock, `${process.pid}\n`);

  const { started } = await startStack(stack);
  let running: RunningService[] = [];
  let webConsole: RunningConsole | undefined;
  let stopping: Promise<void> | undefined;
  const stopAll = (why: string) =>
    (stopping ??= (async () => {
      console.log(`\n${why}: stopping the console and services…`);
      await webConsole?.stop();
      await stopServices(running);
      if (started.length > 0) {
        console.log(`stopping ${started.map((s) => s.name).join(', ')} (started by this run)…`);
        await stopServers(started);
      }
      rmSync(lock, { force: true });
      console.log('stopped.');
    })());
  process.once('SIGINT', () => void stopAll('Ctrl-C').then(() => process.exit(0)));
  process.once('SIGTERM', () => void stopAll('SIGTERM').then(() => process.exit(0)));

  try {
    console.log(`Starting ${serviceSpecs({ paths: stack.paths, env: {} }).length} service processes…`);
    running = await startServices({
      paths: stack.paths,
      env: { ...stackEnv(stack), NODE_ENV: 'development' },
      onLogLine: (name, line) => console.log(`[${name}] ${line}`),
    });
    console.log(`Console web bundle: ${await buildConsoleWeb(join(stack.paths.logs, 'console-build.log'))}`);
    webConsole = await startConsole({ paths: stack.paths, env: { NODE_ENV: 'development' }, onLogLine: (line) => console.log(`[console] ${line}`) });
    const reports = await probe(SERVICES.intake.apiPort);
    console.log('System probe (a workflow through every worker):');
    console.table(reports.map((r) => ({ service: r.service, taskQueue: r.taskQueue, mongoMs: r.mongoMs, kafkaMs: r.kafkaMs, pid: r.pid })));
  } catch (error) {
    console.error((error as Error).message);
    await stopAll('start failed');
    return 1;
  }

  console.log(`\nVanthu is up in ${((Date.now() - begun) / 1000).toFixed(1)} s:`);
  printUrls(urls);
  console.log('Press Ctrl-C to stop.');
  for (const r of running) {
    void r.exited.then((code) => {
      if (!stopping) console.error(`[${r.spec.service}-${r.spec.role}] exited with code ${code}; see ${r.spec.logFile}`);
    });
  }
  await new Promise<never>(() => undefined);
  return 0;
}
