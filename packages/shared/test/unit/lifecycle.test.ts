import { createLogger, Lifecycle } from '../../src';

describe('shutdown order', () => {
  it('stops resources in reverse order of opening, once, and keeps going past a failure', async () => {
    const order: string[] = [];
    const lifecycle = new Lifecycle(createLogger({}, 'silent'));
    lifecycle.onStop('database', async () => order.push('database'));
    lifecycle.onStop('bus', async () => {
      order.push('bus');
      throw new Error('already closed');
    });
    lifecycle.onStop('http', async () => order.push('http'));
    await Promise.all([lifecycle.stop(), lifecycle.stop()]);
    expect(order).toEqual(['http', 'bus', 'database']);
    expect(lifecycle.health.draining).toBe(true);
  });
});
