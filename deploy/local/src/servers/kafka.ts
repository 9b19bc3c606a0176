import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import type { StackPaths } from '../paths';
import { spawnDetached } from '../proc';
import { runCommand, which } from '../run-command';
import type { ManagedServer } from './server';
import { LOOPBACK, type StackConfig } from './stack-config';

/** kafkajs speaks the protocol versions of 3.x; Kafka 4 removed some of them. */
export const KAFKA_VERSION = '3.9.1';

const POM = `<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>local.vanthu</groupId><artifactId>kafka-runtime</artifactId><version>1</version><packaging>pom</packaging>
  <dependencies>
    <dependency><groupId>org.apache.kafka</groupId><artifactId>kafka_2.13</artifactId><version>${KAFKA_VERSION}</version></dependency>
    <dependency><groupId>org.slf4j</groupId><artifactId>slf4j-reload4j</artifactId><version>1.7.36</version></dependency>
  </dependencies>
</project>
`;

const LOG4J = `log4j.rootLogger=WARN, stdout
log4j.appender.stdout=org.apache.log4j.ConsoleAppender
log4j.appender.stdout.layout=org.apache.log4j.PatternLayout
log4j.appender.stdout.layout.ConversionPattern=[%d] %p %m (%c)%n
log4j.logger.kafka=WARN
log4j.logger.org.apache.kafka=WARN
`;

function serverProperties(config: StackConfig, logDir: string): string {
  return [
    'process.roles=broker,controller',
    'node.id=1',
    `controller.quorum.voters=1@${LOOPBACK}:${config.VANTHU_KAFKA_CONTROLLER_PORT}`,
    `listeners=PLAINTEXT://${LOOPBACK}:${config.VANTHU_KAFKA_PORT},CONTROLLER://${LOOPBACK}:${config.VANTHU_KAFKA_CONTROLLER_PORT}`,
    `advertised.listeners=PLAINTEXT://${LOOPBACK}:${config.VANTHU_KAFKA_PORT}`,
    'controller.listener.names=CONTROLLER',
    'listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
    'inter.broker.listener.name=PLAINTEXT',
    `log.dirs=${logDir}`,
    'num.partitions=1',
    'offsets.topic.replication.factor=1',
    'transaction.state.log.replication.factor=1',
    'transaction.state.log.min.isr=1',
    'group.initial.rebalance.delay.ms=0',
    // Topics are part of our contract: they are created explicitly, never by a typo.
    'auto.create.topics.enable=false',
    '',
  ].join('\n');
}

export function kafkaServer(config: StackConfig, paths: StackPaths): ManagedServer {
  const external = config.KAFKA_BROKERS !== undefined;
  const address = config.KAFKA_BROKERS ?? `${LOOPBACK}:${config.VANTHU_KAFKA_PORT}`;
  const first = address.split(',')[0] ?? address;
  const [host = LOOPBACK, portText = '9092'] = first.split(':');
  const home = join(paths.cache, `kafka-${KAFKA_VERSION}`);
  const libs = join(home, 'libs');
  const complete = join(home, '.complete');
  const dataDir = join(paths.data, 'kafka');
  const java = (args: string[], extraEnv: NodeJS.ProcessEnv = {}) =>
    execFileSync('java', args, { env: { ...process.env, CLASSPATH: `${libs}/*`, ...extraEnv }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

  return {
    name: 'kafka',
    external,
    address,
    host,
    port: Number(portText),
    urls: { 'Kafka bootstrap': address },
    logFile: join(paths.logs, 'kafka.log'),
    pidFile: join(paths.run, 'kafka.pid'),
    startTimeoutMs: 60_000,

    async obtain(progress) {
      if (external) return 'external';
      if (existsSync(complete)) return 'cached';
      for (const tool of ['java', 'mvn']) {
        if (!(await which(tool))) throw new Error(`${tool} is needed to obtain Apache Kafka from Maven Central: install a JDK (17+) and Maven`);
      }
      mkdirSync(home, { recursive: true });
      writeFileSync(join(home, 'pom.xml'), POM);
      progress(`mvn dependency:copy-dependencies kafka_2.13:${KAFKA_VERSION}`);
      await runCommand('mvn', ['-B', '-q', 'dependency:copy-dependencies', `-DoutputDirectory=${libs}`, '-DincludeScope=runtime'], {
        cwd: home,
        logFile: join(paths.logs, 'build-kafka.log'),
        onLine: progress,
      });
      writeFileSync(complete, `${new Date().toISOString()}\n`);
      return 'obtained';
    },

    async start() {
      const logDir = join(dataDir, 'data');
      mkdirSync(logDir, { recursive: true });
      const properties = join(dataDir, 'server.properties');
      const log4j = join(dataDir, 'log4j.properties');
      writeFileSync(properties, serverProperties(config, logDir));
      writeFileSync(log4j, LOG4J);
      // The storage is formatted once; formatting again would orphan the existing data.
      if (!existsSync(join(logDir, 'meta.properties'))) {
        const idFile = join(dataDir, 'cluster-id');
        if (!existsSync(idFile)) writeFileSync(idFile, java(['kafka.tools.StorageTool', 'random-uuid']).trim());
        const clusterId = readFileSync(idFile, 'utf8').trim();
        java(['-Dlog4j.configuration=file:' + log4j, 'kafka.tools.StorageTool', 'format', '-t', clusterId, '-c', properties]);
      }
      return spawnDetached({
        command: 'java',
        args: [`-Xmx${config.VANTHU_KAFKA_HEAP}`, `-Xms256m`, `-Dlog4j.configuration=file:${log4j}`, 'kafka.Kafka', properties],
        env: { ...process.env, CLASSPATH: `${libs}/*` },
        logFile: this.logFile,
        pidFile: this.pidFile,
      });
    },

    async isReady() {
      const admin = new Kafka({
        clientId: 'vanthu-stack-probe',
        brokers: address.split(','),
        logLevel: logLevel.NOTHING,
        connectionTimeout: 1_000,
        retry: { retries: 0 },
      }).admin();
      try {
        await admin.connect();
        const cluster = await admin.describeCluster();
        return cluster.brokers.length > 0;
      } catch {
        return false;
      } finally {
        await admin.disconnect().catch(() => undefined);
      }
    },
  };
}
