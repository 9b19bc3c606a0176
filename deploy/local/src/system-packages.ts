import { existsSync } from 'node:fs';
import { runCommand, which } from './run-command';

/** Programs some tests use as independent checkers (and the browser), and the Debian packages that carry them. */
export const TEST_TOOLS: Record<string, string> = {
  pdfsig: 'poppler-utils',
  kcat: 'kcat',
  openssl: 'openssl',
  certutil: 'libnss3-tools',
  // The console's browser tests (test/e2e/console): Debian's Chromium, driven by playwright-core.
  chromium: 'chromium',
};

/** Files some tests need that no program names, and the Debian packages that carry them. */
export const TEST_FILES: Record<string, string> = {
  // Chromium's Vietnamese interface, whose date inputs the browser tests show as in Vietnam (test/e2e/console/browser.ts).
  '/usr/lib/chromium/locales/vi.pak': 'chromium-l10n',
};

/**
 * Installs the missing checkers with apt-get (root only, as on our machines and CI). Elsewhere
 * it names what to install instead, and the tests that need a missing tool fail saying so.
 */
export async function ensureTestTools(logFile: string): Promise<string> {
  const missing: string[] = [];
  for (const [tool, pkg] of Object.entries(TEST_TOOLS)) if (!(await which(tool))) missing.push(pkg);
  for (const [file, pkg] of Object.entries(TEST_FILES)) if (!existsSync(file)) missing.push(pkg);
  if (missing.length === 0) return 'all present';
  const packages = [...new Set(missing)];
  if (process.getuid?.() !== 0 || !(await which('apt-get'))) {
    return `missing: ${packages.join(', ')} (install them with your package manager)`;
  }
  await runCommand('apt-get', ['update', '-qq'], { logFile });
  await runCommand('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...packages], {
    logFile,
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  return `installed ${packages.join(', ')}`;
}
