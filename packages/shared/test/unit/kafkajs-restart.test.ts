import type { Consumer, ConsumerRunConfig } from 'kafkajs';
import { createLogger } from '../../src';
import { KafkajsSubscription, RESTART_FIRST_MS, RESTART_MAX_MS } from '../../src/kafka/kafkajs-bus';

/**
 * A stand-in for kafkajs's consumer, as far as a subscription uses it: the calls it makes and the
 * two events it listens to. kafkajs itself cannot be made to crash on a missing coordinator on
 * demand; what it does then (stop without restarting, `restart: false`) is read from
 * node_modules/kafkajs/src/consumer/index.js (onCrash).
 */
function fakeConsumer() {
  const listeners = new Map<string, (event: { payload: Record<string, unknown> }) => void>();
  const calls: string[] = [];
  const runs: ConsumerRunConfig[] = [];
  let failConnects = 0;
  const consumer = {
    events: { CRASH: 'consumer.crash', GROUP_JOIN: 'consumer.group_join' },
    on: (name: string, listener: (event: { payload: Record<string, unknown> }) => void) => listeners.set(name, listener),
    connect: async () => {
      calls.push('connect');
      if (failConnects > 0) {
        failConnects -= 1;
        throw new Error('connect ECONNREFUSED 127.0.0.1:9092');
      }
    },
    subscribe: async () => void calls.push('subscribe'),
    run: async (config: ConsumerRunConfig) => {
      calls.push('run');
      runs.push(config);
    },
    disconnect: async () => void calls.push('disconnect'),
  };
  return {
    consumer: consumer as unknown as Consumer,
    calls,
    runs,
    failNextConnects: (n: number) => (failConnects = n),
    crash: (restart: boolean) => listeners.get('consumer.crash')!({ payload: { error: new Error('Failed to find group coordinator'), restart } }),
    joined: () => listeners.get('consumer.group_join')!({ payload: {} }),
  };
}

describe('a consumer kafkajs leaves stopped', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  const subscribe = async () => {
    const fake = fakeConsumer();
    const subscription = new KafkajsSubscription('vanthu-tracking-inputs', fake.consumer, () => undefined, 3_000, createLogger({ test: 'kafkajs-restart' }, 'silent'));
    await subscription.run({ topics: ['vanthu.document.events.v1'] }, async () => undefined);
    fake.calls.length = 0;
    return { fake, subscription };
  };
  const runsAfter = async (ms: number) => {
    await jest.advanceTimersByTimeAsync(ms);
  };

  it('is started again, with the same handler, after a crash kafkajs does not restart', async () => {
    const { fake } = await subscribe();
    fake.crash(false);
    await runsAfter(RESTART_FIRST_MS - 1);
    expect(fake.calls).toEqual([]);
    await runsAfter(1);
    expect(fake.calls).toEqual(['connect', 'subscribe', 'run']);
    expect(fake.runs[1]!.eachMessage).toBe(fake.runs[0]!.eachMessage);
  });

  it('is left to kafkajs when kafkajs restarts it itself', async () => {
    const { fake } = await subscribe();
    fake.crash(true);
    await runsAfter(RESTART_MAX_MS * 2);
    expect(fake.calls).toEqual([]);
  });

  it('waits longer after each failed start, at most 30 s, and from 1 s again once the group is joined', async () => {
    const { fake } = await subscribe();
    fake.failNextConnects(6);
    fake.crash(false);
    // 1, 2, 4, 8, 16 s then 30 s (not 32): six failed starts, the seventh succeeds.
    for (const wait of [1_000, 2_000, 4_000, 8_000, 16_000, 30_000]) {
      const before = fake.calls.length;
      await runsAfter(wait - 1);
      expect(fake.calls.length).toBe(before);
      await runsAfter(1);
      expect(fake.calls.at(-1)).toBe('connect');
    }
    await runsAfter(RESTART_MAX_MS);
    expect(fake.calls.slice(-3)).toEqual(['connect', 'subscribe', 'run']);
    fake.joined();
    fake.calls.length = 0;
    fake.crash(false);
    await runsAfter(RESTART_FIRST_MS);
    expect(fake.calls).toEqual(['connect', 'subscribe', 'run']);
  });

  it('is not started again once closed, even with a restart pending', async () => {
    const { fake, subscription } = await subscribe();
    fake.crash(false);
    await subscription.close();
    await runsAfter(RESTART_MAX_MS * 2);
    expect(fake.calls).toEqual(['disconnect']);
  });
});
