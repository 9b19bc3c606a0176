import { checkEvent, DEMO_ORGANISATIONS, DEMO_USERS, SERVICES } from '@vanthu/shared';
import { INPUTS_GROUP, inputsGroupFor } from '../../src/consumers/inputs-consumer';
import { copyReceived, demoDirectoryEvents, documentIssued, documentRecalled } from '../support/input-events';

describe('the inputs consumer', () => {
  it('is one group in tracking\'s own database, and another group in any other database', () => {
    expect(inputsGroupFor(SERVICES.tracking.database)).toBe(INPUTS_GROUP);
    expect(inputsGroupFor(`${SERVICES.tracking.database}_e2e`)).toBe(`${INPUTS_GROUP}.${SERVICES.tracking.database}_e2e`);
  });
});

// The integration tests feed the consumer these events: they must be what the producers' contracts allow.
describe('the input events the tests publish', () => {
  const doc = { documentId: 'doc-1', issuer: 'BS-TU', type: 'NQ' as const, notation: '12-NQ/TU', number: 12, secrecy: 'none' as const, issuedAt: '2026-11-20T03:00:00.000Z' };

  it.each([
    ['the demo directory', demoDirectoryEvents()],
    ['an issuance, a recall and a copy', [documentIssued(doc), documentRecalled(doc), copyReceived(doc, 'BS-TL-DU')]],
  ])('%s pass the catalogue', (_name, events) => {
    for (const event of events) expect([event.id, checkEvent(event)]).toEqual([event.id, { ok: true }]);
  });

  it('covers every demo organisation and person', () => {
    expect(demoDirectoryEvents()).toHaveLength(DEMO_ORGANISATIONS.length + DEMO_USERS.length);
  });
});
