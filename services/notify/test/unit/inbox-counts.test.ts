import { unreadCount } from '../../src/inbox/inbox';
import { KeyedMutex } from '../../src/inbox/keyed-mutex';

describe('inbox read marks', () => {
  it('derives the unread count from the newest seq and the marks', () => {
    expect(unreadCount(0, { upTo: 0, above: [] })).toBe(0);
    expect(unreadCount(5, { upTo: 0, above: [] })).toBe(5);
    expect(unreadCount(5, { upTo: 2, above: [4] })).toBe(2);
    expect(unreadCount(5, { upTo: 2, above: [2, 4, 4, 9] })).toBe(2);
    expect(unreadCount(3, { upTo: 7, above: [] })).toBe(0);
  });

  it('runs tasks one at a time per key', async () => {
    const mutex = new KeyedMutex();
    const order: string[] = [];
    const task = (name: string, ms: number) => () => new Promise<void>((r) => setTimeout(() => (order.push(name), r()), ms));
    await Promise.all([mutex.run('u1', task('a', 30)), mutex.run('u1', task('b', 1)), mutex.run('u2', task('c', 5))]);
    expect(order).toEqual(['c', 'a', 'b']);
    await expect(mutex.run('u1', () => Promise.reject(new Error('x')))).rejects.toThrow('x');
    await expect(mutex.run('u1', async () => 'after a failure')).resolves.toBe('after a failure');
  });
});
