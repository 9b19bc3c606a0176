import { checkEvent, EVENT_CATALOGUE, eventSchema, assertValidEvent, EventContractError, TOPICS } from '../../src';
import { documentEvent } from '../support/sample-events';

describe('the event catalogue', () => {
  it('names each type and version once, on a declared topic, keyed by a required data field', () => {
    const keys = EVENT_CATALOGUE.map((s) => `${s.type}@${s.version}`);
    expect(new Set(keys).size).toBe(keys.length);
    const topics = new Set(Object.values(TOPICS).map((t) => t.name));
    for (const spec of EVENT_CATALOGUE) {
      expect(topics).toContain(spec.topic);
      expect(spec.data.required).toContain(spec.key);
      expect(eventSchema(spec).$id).toMatch(new RegExp(`${spec.type}\\.v${spec.version}\\.json$`));
    }
  });

  it('covers the lifecycle the issue lists', () => {
    const types = new Set(EVENT_CATALOGUE.map((s) => s.type));
    for (const action of ['registered', 'approved', 'returned', 'rejected', 'signed', 'issued', 'delivered', 'received', 'assigned', 'processed', 'recalled', 'archived', 'deadline-approaching', 'overdue']) {
      expect(types).toContain(`document.${action}`);
    }
  });

  it('accepts an event as intake writes it', () => {
    expect(checkEvent(documentEvent('doc-1', 2))).toEqual({ ok: true });
  });

  it('names the field when an event breaks its contract', () => {
    const missing = documentEvent('doc-1', 2);
    delete (missing.data as Record<string, unknown>).issuer;
    expect(checkEvent(missing)).toEqual({ ok: false, reason: 'schema', errors: [expect.stringContaining("must have required property 'issuer'")] });

    const undocumented = documentEvent('doc-1', 2, 'registered', { subjectLine: 'Nghị quyết về ...' });
    expect(checkEvent(undocumented)).toEqual({ ok: false, reason: 'schema', errors: ['/data must NOT have additional properties: subjectLine'] });

    const badEnum = documentEvent('doc-1', 2, 'registered', { urgency: 'very' });
    expect(checkEvent(badEnum)).toMatchObject({ ok: false, errors: [expect.stringContaining('/data/urgency')] });
  });

  it('tells an unknown type from a broken one', () => {
    expect(checkEvent({ ...documentEvent('doc-1', 2), type: 'document.teleported' })).toMatchObject({ ok: false, reason: 'unknown-type' });
    expect(checkEvent({ ...documentEvent('doc-1', 2), version: 2 })).toMatchObject({ ok: false, reason: 'unknown-type' });
    expect(checkEvent(null)).toMatchObject({ ok: false, reason: 'unknown-type' });
  });

  it('refuses a broken event at the producer', () => {
    const bad = documentEvent('doc-1', 2, 'issued');
    expect(() => assertValidEvent(bad)).toThrow(EventContractError);
    expect(() => assertValidEvent(documentEvent('doc-1', 2, 'issued', { number: 3, notation: '3-NQ/TU', issuedAt: '2026-11-23T10:00:00+07:00', content: 'a'.repeat(64) }))).not.toThrow();
  });
});
