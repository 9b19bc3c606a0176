import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { StackPaths } from '../paths';
import { runCommand, which } from '../run-command';

/** Temporal's Java test server: time-skipping, so a 10-day deadline passes in seconds. */
export const TEST_SERVER_VERSION = '1.31.0';

const POM = `<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>local.vanthu</groupId><artifactId>temporal-test-server-runtime</artifactId><version>1</version><packaging>pom</packaging>
  <dependencies>
    <dependency><groupId>io.temporal</groupId><artifactId>temporal-test-server</artifactId><version>${TEST_SERVER_VERSION}</version></dependency>
    <dependency><groupId>org.slf4j</groupId><artifactId>slf4j-simple</artifactId><version>2.0.16</version></dependency>
  </dependencies>
</project>
`;

export function testServerPaths(paths: StackPaths) {
  const home = join(paths.cache, `temporal-test-server-${TEST_SERVER_VERSION}`);
  return { home, libs: join(home, 'libs'), script: join(home, 'run.sh'), complete: join(home, '.complete') };
}

/**
 * Obtains the test server's jars and writes the launcher script the SDK's
 * `TestWorkflowEnvironment.createTimeSkipping` runs (its own download cannot work here).
 */
export async function obtainTestServer(paths: StackPaths, progress: (line: string) => void): Promise<'cached' | 'obtained'> {
  const { home, libs, script, complete } = testServerPaths(paths);
  if (existsSync(complete) && existsSync(script)) return 'cached';
  for (const tool of ['java', 'mvn']) {
    if (!(await which(tool))) throw new Error(`${tool} is needed to obtain Temporal's test server from Maven Central`);
  }
  mkdirSync(home, { recursive: true });
  writeFileSync(join(home, 'pom.xml'), POM);
  progress(`mvn dependency:copy-dependencies temporal-test-server:${TEST_SERVER_VERSION}`);
  await runCommand('mvn', ['-B', '-q', 'dependency:copy-dependencies', `-DoutputDirectory=${libs}`, '-DincludeScope=runtime'], {
    cwd: home,
    logFile: join(paths.logs, 'build-temporal-test-server.log'),
    onLine: progress,
  });
  writeFileSync(script, `#!/bin/sh\nexec java -Xmx512m -cp "${libs}/*" io.temporal.testserver.TestServer "$@"\n`, { mode: 0o755 });
  writeFileSync(complete, `${new Date().toISOString()}\n`);
  return 'obtained';
}
