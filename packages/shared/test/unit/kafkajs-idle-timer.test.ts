import { kafkajsRequestQueue } from '../../src/kafka/request-queue-fix';

type Queue = {
  pending: unknown[];
  throttledUntil: number;
  throttleCheckTimeoutId: NodeJS.Timeout | null;
  checkPendingRequests(): void;
  canSendSocketRequestImmediately(): boolean;
};
const RequestQueue = kafkajsRequestQueue as unknown as new (options: Record<string, unknown>) => Queue;
const logger = { debug: () => undefined, warn: () => undefined, info: () => undefined, error: () => undefined };

describe('kafkajs request queue (idle timer fix)', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  const queue = () => new RequestQueue({ maxInFlightRequests: 1, requestTimeout: 30_000, clientId: 'test', broker: 'b:9092', logger });

  it('arms no timer when nothing is pending and nothing throttles (kafkajs 2.2.4 re-armed one every millisecond)', () => {
    const q = queue();
    q.checkPendingRequests();
    expect(q.throttleCheckTimeoutId).toBeNull();
    expect(jest.getTimerCount()).toBe(0);
  });

  it('still schedules a check while requests wait, and after a throttle ends', () => {
    const q = queue();
    q.pending.push({});
    q.canSendSocketRequestImmediately = () => false;
    q.checkPendingRequests();
    expect(jest.getTimerCount()).toBe(1);

    const throttled = queue();
    throttled.throttledUntil = Date.now() + 500;
    throttled.checkPendingRequests();
    expect(jest.getTimerCount()).toBe(2);
  });
});
