import { checkEvent, EVENT_CATALOGUE, eventSchema, assertValidEvent, EventContractError, TOPICS, type DomainEvent } from '../../src';
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

  it('lets a consumer read a field a newer producer added, still checking the fields it knows', () => {
    const newer = documentEvent('doc-1', 2, 'registered', { receivedVia: 'edxml' });
    expect(checkEvent(newer)).toMatchObject({ ok: false, errors: ['/data must NOT have additional properties: receivedVia'] });
    expect(checkEvent(newer, { as: 'consumer' })).toEqual({ ok: true });
    const broken = documentEvent('doc-1', 2, 'registered', { receivedVia: 'edxml', urgency: 'very' });
    expect(checkEvent(broken, { as: 'consumer' })).toMatchObject({ ok: false, reason: 'schema', errors: [expect.stringContaining('/data/urgency')] });
    delete (broken.data as Record<string, unknown>).issuer;
    expect(checkEvent(broken, { as: 'consumer' })).toMatchObject({ ok: false, errors: expect.arrayContaining([expect.stringContaining("must have required property 'issuer'")]) });
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

  describe('tracking events', () => {
    const tracking = EVENT_CATALOGUE.filter((spec) => spec.type.startsWith('tracking.'));
    /** The task's whole snapshot, as the tracking service's outbox writes it, with what each type requires besides. */
    const taskEvent = (type: string, extra: Record<string, unknown> = {}): DomainEvent => {
      const required = new Set(tracking.find((spec) => spec.type === type)?.data.required ?? []);
      return {
        id: 'task-1:3',
        type,
        version: 1,
        occurredAt: '2026-11-23T03:12:09.412Z',
        source: 'tracking',
        subject: 'task-1',
        data: {
          taskId: 'task-1', seq: 3, kind: 'task', status: 'in_progress', title: 'Xây dựng kế hoạch chuyển đổi số', clause: 'Mục III.2',
          sourceDocumentId: 'doc-1', sourceNotation: '12-NQ/TU', documentType: 'NQ', assignerOrg: 'BS-TU', assignedBy: 'bs-specialist',
          leadOrg: 'BS-HB-DU', cooperating: ['BS-TL-DU'], rootTaskId: 'task-1', depth: 0, priority: 'high', weight: 100,
          deadline: '2026-12-01T16:59:59.999Z', originalDeadline: '2026-12-01T16:59:59.999Z', progress: 40,
          assignedAt: '2026-10-01T02:00:00.000Z', actor: 'hb-specialist', note: 'Ghi chú',
          ...(required.has('previousLeadOrg') && { previousLeadOrg: 'BS-TL-DU' }),
          ...(required.has('subtaskIds') && { subtaskIds: ['task-1.1'] }),
          ...(required.has('subtaskId') && { subtaskId: 'task-1.1' }),
          ...(required.has('evidence') && { evidence: [{ sha256: 'a'.repeat(64), name: 'bao-cao.pdf', contentType: 'application/pdf', size: 1024 }] }),
          ...(required.has('submittedAt') && { submittedAt: '2026-11-20T03:00:00.000Z' }),
          ...(required.has('completedAt') && { completedAt: '2026-11-20T03:00:00.000Z' }),
          ...(required.has('extensionUntil') && { extensionUntil: '2026-12-15T16:59:59.999Z' }),
          ...extra,
        },
      };
    };

    it('covers the task lifecycle on the tracking topic, keyed by the task', () => {
      const types = new Set(tracking.map((spec) => spec.type));
      for (const action of ['assigned', 'accepted', 'refused', 'reassigned', 'split', 'progress-reported', 'progress-rolled-up', 'submitted', 'returned', 'completed', 'cancelled', 'extension-requested', 'extension-granted', 'extension-refused', 'deadline-approaching', 'overdue']) {
        expect(types).toContain(`tracking.task-${action}`);
      }
      for (const spec of tracking) expect([spec.type, spec.topic, spec.key]).toEqual([spec.type, TOPICS.trackingEvents.name, 'taskId']);
    });

    it('accepts every tracking event with the full snapshot, and names an unknown or missing field', () => {
      for (const spec of tracking) {
        expect([spec.type, checkEvent(taskEvent(spec.type))]).toEqual([spec.type, { ok: true }]);
        expect([spec.type, checkEvent(taskEvent(spec.type, { subjectLine: 'x' }))]).toEqual([spec.type, { ok: false, reason: 'schema', errors: ['/data must NOT have additional properties: subjectLine'] }]);
        const missing = taskEvent(spec.type);
        delete (missing.data as Record<string, unknown>).leadOrg;
        expect(checkEvent(missing)).toEqual({ ok: false, reason: 'schema', errors: [expect.stringContaining("must have required property 'leadOrg'")] });
      }
    });

    it('names a mistyped snapshot field', () => {
      expect(checkEvent(taskEvent('tracking.task-overdue', { status: 'late' }))).toMatchObject({ ok: false, errors: [expect.stringContaining('/data/status')] });
      expect(checkEvent(taskEvent('tracking.task-assigned', { cooperating: 'BS-TL-DU' }))).toMatchObject({ ok: false, errors: [expect.stringContaining('/data/cooperating')] });
      expect(checkEvent(taskEvent('tracking.task-extension-granted', { extensionUntil: undefined }))).toMatchObject({ ok: false, errors: [expect.stringContaining("'extensionUntil'")] });
    });
  });
});
