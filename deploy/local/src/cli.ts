#!/usr/bin/env node
import { ConfigError } from '@vanthu/shared';
import { benchCommand } from './commands/bench';
import { bootstrapCommand } from './commands/bootstrap';
import { chaosCommand } from './commands/chaos';
import { demoCommand } from './commands/demo';
import { eventsCommand, EVENTS_USAGE } from './commands/events';
import { keysCommand } from './commands/keys';
import { REPO_ROOT } from './paths';
import { stackStart, stackStatusCommand, stackStop } from './commands/stack';
import { startCommand } from './commands/start';
import { testCommand } from './commands/test';
import { tokenCommand } from './commands/token';

const USAGE = `usage: vanthu <command>
  start                 start the stack and every service, print the URLs, stop all on Ctrl-C
  test [unit|integration] [jest args]
                        lint, type-check, unit tests, then integration tests on the real stack
  stack start|stop|status   manage the local Temporal, Kafka and FerretDB servers
  demo                  run one document through its whole lifecycle against the started system
  bench <area>          run a benchmark (npm run bench:<area>) against the real stack
  chaos [flags]         documents through their lives while processes and servers fail; counts lost,
                        stuck and duplicated work (npm run chaos; --help for the flags)
  token <user>          print a development bearer token for a demo user (npm run -s token -- bs-clerk)
  keys rewrap           after a key rotation, re-wrap secret documents' keys (npm run keys:rewrap)
  bootstrap             create Kafka topics and Temporal search attributes (production job)
${EVENTS_USAGE}`;

async function main(argv: string[]): Promise<number> {
  const [command, sub] = argv;
  switch (command) {
    case 'stack':
      if (sub === 'start') return stackStart().then(() => 0);
      if (sub === 'stop') return stackStop().then(() => 0);
      if (sub === 'status') return stackStatusCommand();
      break;
    case 'test':
      return testCommand(argv.slice(1));
    case 'start':
      return startCommand();
    case 'bench':
      return benchCommand(sub, argv.slice(2));
    case 'demo':
      return demoCommand();
    case 'chaos':
      return chaosCommand(argv.slice(1));
    case 'events':
      return eventsCommand(REPO_ROOT, argv.slice(1));
    case 'token':
      return tokenCommand(argv.slice(1));
    case 'keys':
      return keysCommand(argv.slice(1));
    case 'bootstrap':
      return bootstrapCommand().then(() => 0);
    default:
      break;
  }
  console.error(USAGE);
  return 64;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof ConfigError || error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
