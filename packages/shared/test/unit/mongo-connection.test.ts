import { MonitorCheckWatch, mongoConnectOptions, monitorStallAfterMs } from '../../src/mongo/connection';
import { createLogger } from '../../src';

describe('mongoConnectOptions', () => {
  const logger = createLogger({ test: 'mongo-connection' }, 'silent');

  it('bounds connects and monitor checks by default', () => {
    const options = mongoConnectOptions({ url: 'mongodb://127.0.0.1:1', database: 'vanthu_x', logger });
    expect(options).toMatchObject({ dbName: 'vanthu_x', serverSelectionTimeoutMS: 5_000, connectTimeoutMS: 10_000, autoIndex: true });
  });

  it('takes the timeouts it is given', () => {
    const options = mongoConnectOptions({
      url: 'mongodb://127.0.0.1:1',
      database: 'vanthu_x',
      logger,
      serverSelectionTimeoutMS: 1_000,
      connectTimeoutMS: 2_000,
    });
    expect(options).toMatchObject({ serverSelectionTimeoutMS: 1_000, connectTimeoutMS: 2_000 });
  });
});

describe('MonitorCheckWatch', () => {
  const stallAfterMs = monitorStallAfterMs(10_000);

  it('allows a check the time of a connect and a hello, with margin', () => {
    expect(stallAfterMs).toBe(25_000);
  });

  it('reports a check that has run past the limit, and only that one', () => {
    const watch = new MonitorCheckWatch(stallAfterMs);
    watch.started('a:27017', 0);
    watch.started('b:27017', 20_000);
    expect(watch.stalled(25_000)).toEqual([]);
    expect(watch.stalled(25_001)).toEqual(['a:27017']);
  });

  it('forgets a check once it succeeds or fails', () => {
    const watch = new MonitorCheckWatch(stallAfterMs);
    watch.started('a:27017', 0);
    watch.ended('a:27017');
    expect(watch.stalled(60_000)).toEqual([]);
  });

  it('measures from the latest start when a server is checked again', () => {
    const watch = new MonitorCheckWatch(stallAfterMs);
    watch.started('a:27017', 0);
    watch.started('a:27017', 30_000);
    expect(watch.stalled(40_000)).toEqual([]);
  });

  it('starts over after a clear', () => {
    const watch = new MonitorCheckWatch(stallAfterMs);
    watch.started('a:27017', 0);
    watch.clear();
    expect(watch.stalled(60_000)).toEqual([]);
  });
});
