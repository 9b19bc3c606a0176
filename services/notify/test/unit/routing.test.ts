import { checkEvent, type DomainEvent } from '@vanthu/shared';
import { ROUTES } from '../../src/routing/routes';
import { fieldOf, recipientsOf, routeOf } from '../../src/routing/resolve';
import { copyEvent, outgoingEvent, userRegistered } from '../support/events';
import { DEMO_USERS } from '@vanthu/shared';

const members: Record<string, string[]> = {
  'BS-TU|clerk': ['bs-clerk'],
  'BS-TU|leader': ['bs-deputy', 'bs-secretary'],
  'BS-TL-DU|clerk': ['tl-clerk'],
  'BS-TL-DU|leader': ['tl-secretary'],
};
const directory = { members: async (org: string, role: string) => members[`${org}|${role}`] ?? [] };
const people = { org: 'BS-TU', createdBy: 'bs-specialist', signer: 'bs-secretary' };

async function recipients(event: DomainEvent): Promise<string[]> {
  const route = routeOf(event);
  return route ? recipientsOf(event, route, directory) : [];
}

describe('routing table', () => {
  it('sends a review to the current approver, and the end of review to the signer', async () => {
    expect(await recipients(outgoingEvent('d1', 3, 'review-started', { ...people, currentApprover: 'bs-deputy' }, { approvers: ['bs-deputy'] }))).toEqual(['bs-deputy']);
    expect(await recipients(outgoingEvent('d1', 4, 'approved', people, { nextApprover: null, actor: 'bs-deputy' }))).toEqual(['bs-secretary']);
    expect(await recipients(outgoingEvent('d1', 4, 'approved', people, { nextApprover: 'bs-deputy', actor: 'x' }))).toEqual(['bs-deputy']);
  });

  it('falls back to the approvers list when the producer did not name the current approver', async () => {
    expect(await recipients(outgoingEvent('d1', 3, 'review-started', people, { approvers: ['bs-deputy', 'bs-secretary'] }))).toEqual(['bs-deputy']);
  });

  it('tells the issuer’s clerks and the drafter of a signature, but not the signer who acted', async () => {
    expect(await recipients(outgoingEvent('d1', 6, 'signed', people, { actor: 'bs-secretary' }))).toEqual(['bs-clerk', 'bs-specialist']);
  });

  it('reminds the handler, and escalates an overdue copy to the organisation’s leaders', async () => {
    expect(await recipients(copyEvent('d1', 'BS-TL-DU', 5, 'deadline-approaching', { handler: 'tl-specialist', escalateTo: null }))).toEqual(['tl-specialist']);
    expect(
      await recipients(copyEvent('d1', 'BS-TL-DU', 6, 'overdue', { handler: 'tl-specialist', escalateTo: { org: 'BS-TL-DU', role: 'leader' } })),
    ).toEqual(['tl-specialist', 'tl-secretary']);
  });

  it('tolerates missing fields: a target without its field reaches nobody', async () => {
    expect(await recipients(copyEvent('d1', 'BS-TL-DU', 6, 'overdue', {}))).toEqual([]);
    expect(await recipients({ ...copyEvent('d1', 'X', 1, 'assigned'), data: {} })).toEqual([]);
    expect(routeOf(outgoingEvent('d1', 1, 'created', people))).toBeUndefined();
    expect(routeOf({ ...outgoingEvent('d1', 1, 'x', people), type: 'toString' })).toBeUndefined();
  });

  it('reads dotted paths', () => {
    expect(fieldOf({ a: { b: ['x', 'y'] } }, 'a.b.1')).toBe('y');
    expect(fieldOf({ a: null }, 'a.b')).toBeUndefined();
  });

  it('routes only event types the catalogue knows', () => {
    for (const type of Object.keys(ROUTES)) {
      const check = checkEvent({ ...outgoingEvent('d', 1, 'x', people), type });
      expect(check.ok ? type : `${type}: ${check.reason}`).not.toMatch(/unknown-type/);
    }
  });

  it('builds test events the shared contracts accept', () => {
    for (const event of [
      userRegistered(DEMO_USERS[0]!),
      outgoingEvent('d1', 3, 'review-started', { ...people, currentApprover: 'bs-deputy' }, { approvers: ['bs-deputy'] }),
      copyEvent('d1', 'BS-TL-DU', 4, 'assigned', { handler: 'tl-specialist', deadline: '2026-12-01T16:59:59.999Z' }),
      copyEvent('d1', 'BS-TL-DU', 6, 'overdue', { handler: 'tl-specialist', deadline: '2026-12-01T16:59:59.999Z', escalateTo: { org: 'BS-TL-DU', role: 'leader' } }),
    ]) {
      expect(checkEvent(event)).toEqual({ ok: true });
    }
  });
});
