import { ConfigError, baseEnvSchema, loadConfig, loadServiceConfig, SERVICES } from '../../src';

describe('configuration from the environment', () => {
  it('defaults to the embedded local stack when nothing is set', () => {
    const config = loadConfig(baseEnvSchema, {});
    expect(config).toMatchObject({
      TEMPORAL_ADDRESS: '127.0.0.1:7233',
      TEMPORAL_NAMESPACE: 'default',
      KAFKA_BROKERS: ['127.0.0.1:9092'],
      MONGO_URL: 'mongodb://127.0.0.1:27017',
      HTTP_HOST: '127.0.0.1',
    });
  });

  it('splits and trims a broker list', () => {
    const config = loadConfig(baseEnvSchema, { KAFKA_BROKERS: 'k1:9092, k2:9092 ,k3:9092' });
    expect(config.KAFKA_BROKERS).toEqual(['k1:9092', 'k2:9092', 'k3:9092']);
  });

  it('treats empty variables as unset, as compose files and shells write them', () => {
    expect(loadConfig(baseEnvSchema, { TEMPORAL_ADDRESS: '' }).TEMPORAL_ADDRESS).toBe('127.0.0.1:7233');
  });

  it('names every bad variable at once', () => {
    let error: unknown;
    try {
      loadConfig(baseEnvSchema, { TEMPORAL_ADDRESS: 'no-port', MONGO_URL: 'postgres://x', LOG_LEVEL: 'loud' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    expect(problems).toMatch(/TEMPORAL_ADDRESS/);
    expect(problems).toMatch(/MONGO_URL/);
    expect(problems).toMatch(/LOG_LEVEL/);
  });

  it('gives each service role its own port, database and task queue', () => {
    const api = loadServiceConfig('signing', 'api', {});
    const worker = loadServiceConfig('signing', 'worker', {});
    expect(api.PORT).toBe(SERVICES.signing.apiPort);
    expect(worker.PORT).toBe(SERVICES.signing.workerHealthPort);
    expect(api.MONGO_DATABASE).toBe('vanthu_signing');
    expect(worker.TEMPORAL_TASK_QUEUE).toBe('signing');
  });

  it('rejects a port out of range', () => {
    expect(() => loadServiceConfig('intake', 'api', { PORT: '70000' })).toThrow(/PORT/);
  });
});

describe('the service table', () => {
  it('has no two processes on one port and no two services sharing a database or task queue', () => {
    const specs = Object.values(SERVICES);
    const ports = specs.flatMap((s) => [s.apiPort, s.workerHealthPort]);
    expect(new Set(ports).size).toBe(ports.length);
    expect(new Set(specs.map((s) => s.database)).size).toBe(specs.length);
    expect(new Set(specs.map((s) => s.taskQueue)).size).toBe(specs.length);
  });
});
