import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

/**
 * The console's API types are generated from the services' OpenAPI documents and committed: a
 * document changed without `npm run generate -w @vanthu/console` fails here, naming the file.
 */
describe('the generated API types', () => {
  it('match the OpenAPI document of every service that has one', async () => {
    const script = join(__dirname, '../../scripts/generate-api-types.mjs');
    const run = await promisify(execFile)(process.execPath, [script, '--check']).catch((error: { stderr?: string; code?: number }) => ({
      stdout: '',
      stderr: error.stderr ?? String(error),
    }));
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/^up to date: .*intake\.ts/);
    // A process of its own that parses five documents: seconds on a loaded machine.
  }, 60_000);
});
