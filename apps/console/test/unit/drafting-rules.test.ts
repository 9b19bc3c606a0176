import type { TFunction } from 'i18next';
import { ApiProblem } from '../../web/src/api/problem';
import type { components } from '../../web/src/api/generated/intake';
import { mayRevise, stepsFor } from '../../web/src/pages/document/document-steps';
import { checkDraft, checkRevision, EMPTY_DRAFT, fieldOf, fingerprintOf, keyFor, metadataOf, problemErrors, type DraftValues } from '../../web/src/pages/drafting/draft-values';

type DocumentView = components['schemas']['DocumentView'];

/** The key itself stands for the text: what is checked is which message is chosen. */
const t = ((key: string) => key) as unknown as TFunction;
const pdf = new File([Buffer.from('%PDF-1.7')], 'nghi-quyet.pdf', { type: 'application/pdf' });
const complete: DraftValues = {
  ...EMPTY_DRAFT,
  type: 'NQ',
  subject: ' Về chuyển đổi số ',
  signer: 'bs-secretary',
  onBehalfOf: 'Ban Thường vụ Tỉnh ủy',
  approvers: ['bs-deputy'],
  recipients: ['BS-TL-DU'],
  dueDate: '2026-12-31',
  content: pdf,
};

describe("the drafting form's own checks", () => {
  it('names every missing input in plain words, and nothing for a complete draft', () => {
    expect(checkDraft(EMPTY_DRAFT, '2026-06-01', t)).toEqual({
      type: 'validation.typeRequired',
      subject: 'validation.subjectRequired',
      signer: 'validation.signerRequired',
      onBehalfOf: 'validation.onBehalfOfRequired',
      recipients: 'validation.recipientsRequired',
      content: 'validation.contentRequired',
    });
    expect(checkDraft(complete, '2026-06-01', t)).toEqual({});
  });

  it('refuses a due date before today, a file that is not a PDF, too many attachments, the signer as reviewer', () => {
    const text = new File(['x'], 'ghi-chu.txt', { type: 'text/plain' });
    expect(checkDraft({ ...complete, dueDate: '2026-05-31', content: text, approvers: ['bs-secretary'] }, '2026-06-01', t)).toEqual({
      dueDate: 'validation.dueDatePast',
      content: 'validation.contentNotPdf',
      approvers: 'validation.signerIsApprover',
    });
    expect(checkRevision({ recipients: ['BS-TL-DU'], dueDate: '', content: null, attachments: Array.from({ length: 21 }, () => pdf) }, '2026-06-01', t)).toEqual({
      attachments: 'validation.tooManyAttachments',
    });
  });

  it('sends the metadata as the scenario does, trimmed, with no due date when none is given', () => {
    expect(metadataOf({ ...complete, dueDate: '' })).toEqual({
      type: 'NQ',
      subject: 'Về chuyển đổi số',
      signer: { userId: 'bs-secretary', authority: 'T/M', onBehalfOf: 'Ban Thường vụ Tỉnh ủy' },
      approvers: ['bs-deputy'],
      recipients: ['BS-TL-DU'],
      urgency: 'normal',
      secrecy: 'none',
    });
    expect(metadataOf({ ...complete, authority: 'none' }).signer).toEqual({ userId: 'bs-secretary', authority: 'none' });
  });

  it("puts the service's refusal beside the input its field names", () => {
    expect(fieldOf('signer.userId')).toBe('signer');
    expect(fieldOf('recipients[2]')).toBe('recipients');
    expect(fieldOf('attachments[0]')).toBe('attachments');
    expect(fieldOf('Idempotency-Key')).toBeUndefined();
    const refusal = new ApiProblem(422, 'recipient-is-issuer', 'An organisation does not send a document to itself.', 'recipients[0]');
    expect(problemErrors(refusal, t)).toEqual({ recipients: 'problems.reasons.recipient-is-issuer' });
    expect(problemErrors(new Error('boom'), t)).toEqual({});
  });

  it('keeps one Idempotency-Key for the same form sent again, and takes a new one when anything changed', () => {
    const first = keyFor(undefined, fingerprintOf(metadataOf(complete), [pdf]));
    expect(keyFor(first, fingerprintOf(metadataOf(complete), [pdf]))).toBe(first);
    const changed = keyFor(first, fingerprintOf(metadataOf({ ...complete, subject: 'Khác' }), [pdf]));
    expect(changed.key).not.toBe(first.key);
    expect(changed.key).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('the steps a document offers its viewer', () => {
  const doc = (over: Partial<DocumentView>): DocumentView =>
    ({
      id: 'doc-1',
      status: 'draft',
      issuer: 'BS-TU',
      createdBy: 'bs-specialist',
      signer: { userId: 'bs-secretary', authority: 'T/M' },
      approvers: ['bs-deputy'],
      history: [],
      ...over,
    }) as DocumentView;
  const who = (userId: string, role: 'clerk' | 'specialist' | 'leader' | 'admin', org = 'BS-TU') => ({ userId, role, org });

  it('follows the lifecycle: submit, review, sign, issue, recall, each to whom it falls', () => {
    expect(stepsFor(doc({}), who('bs-specialist', 'specialist'))).toEqual(['submit']);
    expect(stepsFor(doc({}), who('bs-clerk', 'clerk'))).toEqual(['submit']);
    expect(stepsFor(doc({}), who('tl-clerk', 'clerk', 'BS-TL-DU'))).toEqual([]);
    expect(stepsFor(doc({ status: 'in_review', currentApprover: 'bs-deputy' }), who('bs-deputy', 'leader'))).toEqual(['approve', 'return', 'reject']);
    expect(stepsFor(doc({ status: 'in_review', currentApprover: 'bs-deputy' }), who('bs-secretary', 'leader'))).toEqual([]);
    expect(stepsFor(doc({ status: 'signing' }), who('bs-secretary', 'leader'))).toEqual(['sign']);
    expect(stepsFor(doc({ status: 'signing' }), who('bs-clerk', 'clerk'))).toEqual([]);
    const signed = doc({ status: 'signing', history: [{ seq: 6, at: '2026-06-01T02:00:00Z', action: 'signed', status: 'signing', actor: 'bs-secretary' }] });
    expect(stepsFor(signed, who('bs-secretary', 'leader'))).toEqual([]);
    expect(stepsFor(signed, who('bs-clerk', 'clerk'))).toEqual(['issue']);
    expect(stepsFor(doc({ status: 'distributed' }), who('bs-deputy', 'leader'))).toEqual(['recall']);
    expect(stepsFor(doc({ status: 'distributed' }), who('bs-specialist', 'specialist'))).toEqual([]);
    expect(stepsFor(doc({ status: 'archived' }), who('bs-admin', 'admin'))).toEqual([]);
  });

  it('lets only the author revise, a draft or a returned document', () => {
    expect(mayRevise(doc({ status: 'returned' }), who('bs-specialist', 'specialist'))).toBe(true);
    expect(mayRevise(doc({ status: 'returned' }), who('bs-clerk', 'clerk'))).toBe(false);
    expect(mayRevise(doc({ status: 'in_review' }), who('bs-specialist', 'specialist'))).toBe(false);
  });
});
