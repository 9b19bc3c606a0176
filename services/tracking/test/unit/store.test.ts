import mongoose from 'mongoose';
import { newTaskRecord } from '../../src/activities/record-task-transition';
import { evidenceModel, trackingCollections } from '../../src/store/collections';
import { sampleTaskInput, transitionOf } from '../support/task-inputs';

// An unconnected connection: the models and their schemas only, nothing is sent anywhere.
const connection = mongoose.createConnection();
afterAll(() => connection.close());

const indexKeys = (model: mongoose.Model<never>) => model.schema.indexes().map(([keys]) => keys);

describe('the tracking store', () => {
  const { tasks, sources, organisations, users } = trackingCollections(connection);

  it('indexes tasks for every list the API serves', () => {
    expect(indexKeys(tasks as unknown as mongoose.Model<never>)).toEqual(
      expect.arrayContaining([{ leadOrg: 1, status: 1 }, { assignerOrg: 1, status: 1 }, { rootTaskId: 1 }, { parentTaskId: 1 }, { 'source.documentId': 1 }]),
    );
    expect(indexKeys(evidenceModel(connection) as unknown as mongoose.Model<never>)).toEqual([{ taskId: 1 }]);
  });

  it('accepts a task record as the first transition creates it', () => {
    const task = sampleTaskInput();
    const record = new tasks(newTaskRecord(task, transitionOf(task, { seq: 1, action: 'assigned', status: 'assigned', create: true })));
    expect(record.validateSync()).toBeUndefined();
  });

  it('refuses a field the task record does not have, instead of dropping it', () => {
    const task = sampleTaskInput();
    expect(() => new tasks({ ...newTaskRecord(task, transitionOf(task, { seq: 1, action: 'assigned', status: 'assigned' })), leader: 'someone' })).toThrow(/leader/);
  });

  it('holds only the directory fields tracking knows', () => {
    expect(new organisations({ _id: 'X', name: 'X', level: 'galaxy', notationCode: 'X' }).validateSync()?.errors.level).toBeDefined();
    expect(new users({ _id: 'u', fullName: 'U', position: 'P', role: 'emperor', org: 'X', email: 'u@x' }).validateSync()?.errors.role).toBeDefined();
    expect(new sources({ _id: 'd', issuer: 'BS-TU', type: 'NQ', notation: '1-NQ/TU', number: 1, secrecy: 'none', issuedAt: '2026-01-01T00:00:00.000Z' }).validateSync()).toBeUndefined();
  });
});
