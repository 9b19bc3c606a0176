import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { temporalDataConverter } from '@vanthu/shared';
import { ensureFixitySchedule } from '../../src/fixity/schedule';
import { integrationEnv } from '../support/archive-env';

describe('the fixity audit schedule (real Temporal)', () => {
  let connection: Connection;
  let client: Client;
  const scheduleId = `archive-it-fixity-${randomUUID()}`;

  beforeAll(async () => {
    const { TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE } = integrationEnv();
    connection = await Connection.connect({ address: TEMPORAL_ADDRESS });
    client = new Client({ connection, namespace: TEMPORAL_NAMESPACE, dataConverter: temporalDataConverter() });
  });

  afterAll(async () => {
    await client.schedule.getHandle(scheduleId).delete().catch(() => undefined);
    await connection.close();
  });

  it('is created by the first worker start and found by every later one, concurrent ones included', async () => {
    const outcomes = await Promise.all(Array.from({ length: 4 }, () => ensureFixitySchedule(client, 'archive-it', '0 2 * * *', scheduleId)));
    expect(outcomes.sort()).toEqual(['created', 'exists', 'exists', 'exists']);
    const described = await client.schedule.getHandle(scheduleId).describe();
    expect(described.action).toMatchObject({ type: 'startWorkflow', workflowType: 'fixityAuditWorkflow', taskQueue: 'archive-it' });
    expect(described.spec.calendars?.length ?? 0).toBeGreaterThan(0);
  });
});
