import { describeStack, stackStatus, startStack, stopServers } from '../stack';

export async function stackStart(): Promise<void> {
  const { stack } = await startStack();
  for (const server of stack.servers) {
    for (const [label, url] of Object.entries(server.urls)) console.log(`  ${label.padEnd(20)} ${url}`);
  }
  console.log(`  ${'Logs'.padEnd(20)} ${stack.paths.logs}`);
  console.log('The servers keep running in the background; `npm run stack:stop` stops them.');
}

export async function stackStop(): Promise<void> {
  for (const { name, outcome } of await stopServers(describeStack().servers)) console.log(`${name.padEnd(10)} ${outcome}`);
}

export async function stackStatusCommand(): Promise<number> {
  const status = await stackStatus();
  console.table(
    status.map((s) => ({ server: s.name, address: s.address, ready: s.ready, pid: s.pid ?? (s.external ? 'external' : '-'), log: s.log ?? '-' })),
  );
  return status.every((s) => s.ready) ? 0 : 1;
}
