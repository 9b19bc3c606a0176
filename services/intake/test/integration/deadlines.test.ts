import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import type { Connection } from 'mongoose';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import {
  baseEnvSchema,
  connectMongo,
  createLogger,
  DEMO_USERS,
  gridFsBlobStore,
  loadConfig,
  TASK_QUEUES,
  temporalDataConverter,
  type BlobStore,
  type IncomingInput,
  type RecipientState,
} from '@vanthu/shared';
import { assignUpdate, completeUpdate, incomingStateQuery } from '@vanthu/workflows';
import { loadSigningConfig } from '../../../signing/src/config';
import { signingActivities } from '../../../signing/src/activities/signing-activities';
import { DEVELOPMENT_PIN } from '../../../signing/src/intent/demo-pins';
import { createSigningModule, prepareSigning } from '../../../signing/src/signing/signing-module';
import { intakeActivities } from '../../src/activities/intake-activities';
import { arrivalAllocator, numberAllocator, prepareIntake } from '../../src/prepare';
import { documentModel } from '../../src/records/documents';
import { transitionsModel } from '../../src/records/transitions';
import { makePdf } from '../support/pdf';

/**
 * Deadlines at their real durations on Temporal's time-skipping test server: a normal document
 * assigned today is due in 10 days; the reminder comes 2 days before, the escalation when it
 * passes. The activities are the real intake and signing ones, on databases of the test's own.
 */
describe('a recipient deadline: reminder, then escalation (time-skipping)', () => {
  let env: TestWorkflowEnvironment;
  let intakeDb: Connection;
  let signingDb: Connection;
  let blobs: BlobStore;
  const suffix = randomUUID().slice(0, 8);

  beforeAll(async () => {
    env = await TestWorkflowEnvironment.createTimeSkipping({
      client: { dataConverter: temporalDataConverter() },
      server: {
        executable: {
          type: 'existing-path',
          path: process.env.TEMPORAL_TEST_SERVER ?? join(homedir(), '.cache/vanthu/temporal-test-server-1.31.0/run.sh'),
        },
      },
    });
    const url = loadConfig(baseEnvSchema).MONGO_URL;
    const logger = createLogger({ test: 'deadlines' }, 'silent');
    intakeDb = await connectMongo({ url, database: `vanthu_it_deadlines_${suffix}`, logger });
    signingDb = await connectMongo({ url, database: `vanthu_it_deadlines_signing_${suffix}`, logger });
    blobs = gridFsBlobStore(intakeDb, `vanthu_it_deadlines_blobs_${suffix}`);
    await prepareIntake({ mongo: intakeDb });
  }, 120_000);

  afterAll(async () => {
    for (const db of [intakeDb, signingDb]) {
      await db?.dropDatabase().catch(() => undefined);
    }
    await intakeDb?.getClient().db(`vanthu_it_deadlines_blobs_${suffix}`).dropDatabase().catch(() => undefined);
    await Promise.all([intakeDb?.close(), signingDb?.close()]);
    await env?.teardown();
  }, 60_000);

  it('reminds two days before a ten-day deadline and escalates to the leader when it passes', async () => {
    const signing = createSigningModule(signingDb, blobs, loadSigningConfig({ NODE_ENV: 'test' }));
    await prepareSigning(signing);
    const sign = signingActivities(signing);
    const secretary = DEMO_USERS.find((u) => u.id === 'bs-secretary')!;
    const documentId = `deadline-${suffix}`;
    const draft = await blobs.put(await makePdf('Thông báo', 1), 'application/pdf');
    // The secretary confirms with the demo PIN, as the portal would before the sign step.
    const { authorisation } = await signing.intent.authorisations.issue(
      { userId: secretary.id, orgCode: 'BS-TU', role: 'leader' },
      { pin: DEVELOPMENT_PIN, documentId },
    );
    const signed = await sign.signAsPerson({
      documentId,
      signingAuthorisation: authorisation,
      content: draft,
      signer: { userId: secretary.id, fullName: secretary.fullName, position: secretary.position, orgCode: 'BS-TU', orgName: 'Tỉnh ủy Bắc Sơn' },
      orgCode: 'BS-TU',
      authority: 'none',
    });
    const sealed = await sign.signAsOrganisation({ documentId, content: signed.content, attachments: [], orgCode: 'BS-TU', orgName: 'Tỉnh ủy Bắc Sơn', notation: '07-TB/TU', issuedAt: '2026-11-23T09:00:00+07:00' });
    await documentModel(intakeDb).create({
      _id: documentId, workflowId: `document-${documentId}`, status: 'distributed', type: 'TB', subject: 'Thông báo', issuer: 'BS-TU',
      number: 7, notation: '07-TB/TU', issuedAt: '2026-11-23T09:00:00+07:00', urgency: 'normal', secrecy: 'none', pageCount: 1,
      signer: { userId: secretary.id, authority: 'none' }, approvers: [], recipients: [], content: sealed.content, attachments: [],
      createdBy: 'bs-specialist', createdAt: '2026-11-23T08:00:00+07:00', updatedAt: '2026-11-23T09:00:00+07:00', seq: 9,
    });

    const workers = await Promise.all([
      Worker.create({
        connection: env.nativeConnection,
        taskQueue: TASK_QUEUES.intake,
        workflowsPath: require.resolve('../support/timer-workflows'),
        dataConverter: temporalDataConverter(),
        activities: intakeActivities({ mongo: intakeDb, numbers: numberAllocator({ mongo: intakeDb }), arrivals: arrivalAllocator({ mongo: intakeDb }) }),
      }),
      Worker.create({ connection: env.nativeConnection, taskQueue: TASK_QUEUES.signing, activities: sign, dataConverter: temporalDataConverter() }),
    ]);
    const run = Promise.all(workers.map((w) => w.run()));
    try {
      const sender = await env.client.workflow.start('senderStub', { workflowId: `sender-${suffix}`, taskQueue: TASK_QUEUES.intake });
      const input: IncomingInput = {
        documentId, org: 'BS-TL-DU', parentWorkflowId: sender.workflowId, urgency: 'normal', secrecy: 'none', content: sealed.content, attachments: [],
      };
      const incoming = await env.client.workflow.start('incomingDocument', { workflowId: `incoming-${suffix}`, taskQueue: TASK_QUEUES.intake, args: [input] });
      for (let i = 0; i < 100 && (await incoming.query(incomingStateQuery)).status !== 'accepted'; i++) await new Promise((r) => setTimeout(r, 100));

      const clerk = { userId: 'tl-clerk', org: 'BS-TL-DU', role: 'clerk' as const };
      const assigned = await incoming.executeUpdate(assignUpdate, { args: [clerk, 'tl-specialist', null] });
      const deadline = new Date(assigned.deadline!).getTime();
      const assignedAt = (await env.currentTimeMs());
      expect(deadline - assignedAt).toBeGreaterThan(9.9 * 86_400_000);

      const events = async () =>
        (await transitionsModel(intakeDb).find({ aggregateId: `${documentId}@BS-TL-DU` }).sort({ seq: 1 }).lean()).map((r) => ({ type: r.event.type, data: r.event.data }));

      await env.sleep('7 days');
      expect((await events()).map((e) => e.type)).not.toContain('document.deadline-approaching');
      await env.sleep('25 hours');
      expect((await events()).map((e) => e.type)).toContain('document.deadline-approaching');
      expect((await events()).map((e) => e.type)).not.toContain('document.overdue');

      await env.sleep('3 days');
      const overdue = (await events()).find((e) => e.type === 'document.overdue');
      expect(overdue?.data).toMatchObject({ org: 'BS-TL-DU', handler: 'tl-specialist', escalateTo: { org: 'BS-TL-DU', role: 'leader' } });

      // Late, but done: the sender hears of each step.
      await incoming.executeUpdate(completeUpdate, { args: [{ userId: 'tl-specialist', org: 'BS-TL-DU', role: 'specialist' }, 'Hoàn thành muộn'] });
      const reports: RecipientState[] = await sender.result();
      expect(reports.map((r) => r.status)).toEqual(['arrived', 'accepted', 'assigned', 'done']);
    } finally {
      workers.forEach((w) => w.shutdown());
      await run;
    }
  }, 180_000);
});
