import { execFile, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export interface RunOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Full output goes here; on failure the error names the file. */
  logFile: string;
  /** Called with each output line, for progress display. */
  onLine?: (line: string) => void;
}

/** Runs a build step to completion, keeping its whole output in a log and its last line for progress. */
export function runCommand(command: string, args: string[], options: RunOptions): Promise<string> {
  mkdirSync(dirname(options.logFile), { recursive: true });
  const log = createWriteStream(options.logFile, { flags: 'a' });
  log.write(`\n$ ${command} ${args.join(' ')}\n`);
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const onData = (chunk: Buffer) => {
      const text = chunk.toString();
      output += text;
      if (output.length > 200_000) output = output.slice(-100_000);
      log.write(text);
      const lines = text.split('\n').map((l) => l.trim()).filter(Boolean);
      const last = lines[lines.length - 1];
      if (last && options.onLine) options.onLine(last);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('error', (error) => {
      log.end();
      reject(new Error(`${command} could not be run: ${error.message}`));
    });
    child.on('close', (code) => {
      log.end();
      if (code === 0) resolve(output);
      else reject(new Error(`${command} ${args.join(' ')} exited with ${code}; see ${options.logFile}`));
    });
  });
}

/** The path of a program on PATH, or undefined. `command` is one of our own constant names. */
export function which(command: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile('sh', ['-c', `command -v ${command}`], (error, stdout) => resolve(error ? undefined : stdout.trim() || undefined));
  });
}
