import type { TFunction } from 'i18next';
import type { components } from '../../api/generated/intake';
import { ApiProblem, describeProblem } from '../../api/problem';

export type DocumentType = components['schemas']['DocumentType'];
export type AuthorityForm = components['schemas']['AuthorityForm'];
export type Urgency = components['schemas']['Urgency'];
export type Secrecy = components['schemas']['Secrecy'];
export type DraftInput = components['schemas']['DraftInput'];

/** The drafting texts first, then the shell's (problems.*, documentTypes.*) for what they do not say. */
export const WITH_SHELL_TEXTS = { nsMode: 'fallback' } as const;

export const DOCUMENT_TYPES: readonly DocumentType[] = ['NQ', 'QD', 'CT', 'KL', 'QDi', 'QC', 'TB', 'HD', 'BC', 'KH', 'CTr', 'TT', 'CV', 'TTr', 'BB', 'DA'];
export const AUTHORITY_FORMS: readonly AuthorityForm[] = ['T/M', 'K/T', 'T/L', 'none'];
export const URGENCIES: readonly Urgency[] = ['normal', 'khan', 'thuong-khan', 'hoa-toc'];
export const SECRECIES: readonly Secrecy[] = ['none', 'mat', 'toi-mat', 'tuyet-mat'];

/** The form's inputs, each named as the service names the field it becomes (problem `field`). */
export type DraftField = 'type' | 'subject' | 'signer' | 'authority' | 'onBehalfOf' | 'approvers' | 'recipients' | 'urgency' | 'secrecy' | 'dueDate' | 'content' | 'attachments';

export interface DraftValues {
  type: DocumentType | null;
  subject: string;
  signer: string | null;
  authority: AuthorityForm;
  onBehalfOf: string;
  approvers: string[];
  recipients: string[];
  urgency: Urgency;
  secrecy: Secrecy;
  dueDate: string;
  content: File | null;
  attachments: File[];
}

export type DraftErrors = Partial<Record<DraftField, string>>;

export const EMPTY_DRAFT: DraftValues = {
  type: null,
  subject: '',
  signer: null,
  authority: 'T/M',
  onBehalfOf: '',
  approvers: [],
  recipients: [],
  urgency: 'normal',
  secrecy: 'none',
  dueDate: '',
  content: null,
  attachments: [],
};

const MAX_SUBJECT = 2000;
const MAX_ATTACHMENTS = 20;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

const isPdf = (file: File) => file.type === 'application/pdf' || (file.type === '' && /\.pdf$/i.test(file.name));

/** Checks a new draft as the service will, in plain words, before anything is sent; `today` is Vietnam's. */
export function checkDraft(values: DraftValues, today: string, t: TFunction): DraftErrors {
  const errors: DraftErrors = {};
  if (!values.type) errors.type = t('validation.typeRequired');
  if (values.subject.trim() === '') errors.subject = t('validation.subjectRequired');
  else if (values.subject.length > MAX_SUBJECT) errors.subject = t('validation.subjectTooLong', { max: MAX_SUBJECT });
  if (!values.signer) errors.signer = t('validation.signerRequired');
  if (values.authority !== 'none' && values.onBehalfOf.trim() === '') errors.onBehalfOf = t('validation.onBehalfOfRequired');
  if (values.signer && values.approvers.includes(values.signer)) errors.approvers = t('validation.signerIsApprover');
  Object.assign(errors, checkRevision(values, today, t, true));
  return errors;
}

/** What a revision may change, checked the same way; a new content file is then optional. */
export function checkRevision(values: Pick<DraftValues, 'recipients' | 'dueDate' | 'content' | 'attachments'>, today: string, t: TFunction, contentRequired = false): DraftErrors {
  const errors: DraftErrors = {};
  if (values.recipients.length === 0) errors.recipients = t('validation.recipientsRequired');
  if (values.dueDate !== '' && !DAY.test(values.dueDate)) errors.dueDate = t('validation.dueDateInvalid');
  else if (values.dueDate !== '' && values.dueDate < today) errors.dueDate = t('validation.dueDatePast');
  if (!values.content) {
    if (contentRequired) errors.content = t('validation.contentRequired');
  } else if (!isPdf(values.content)) errors.content = t('validation.contentNotPdf');
  else if (values.content.size === 0) errors.content = t('validation.fileEmpty');
  if (values.attachments.length > MAX_ATTACHMENTS) errors.attachments = t('validation.tooManyAttachments', { max: MAX_ATTACHMENTS });
  else if (values.attachments.some((f) => f.size === 0)) errors.attachments = t('validation.fileEmpty');
  return errors;
}

/** The draft's metadata as the service takes it (the scenario's metadata part). */
export function metadataOf(values: DraftValues): DraftInput {
  return {
    type: values.type!,
    subject: values.subject.trim(),
    signer: { userId: values.signer!, authority: values.authority, ...(values.authority !== 'none' && values.onBehalfOf.trim() && { onBehalfOf: values.onBehalfOf.trim() }) },
    approvers: values.approvers,
    recipients: values.recipients,
    urgency: values.urgency,
    secrecy: values.secrecy,
    ...(values.dueDate && { dueDate: values.dueDate }),
  };
}

/** The service's field (`signer.userId`, `recipients[2]`, `attachments[0]`) as the form's input. */
export function fieldOf(field: string | undefined): DraftField | undefined {
  if (!field) return undefined;
  const root = field.replace(/\[\d+\]$/, '').replace(/^metadata\./, '');
  const fields: Record<string, DraftField> = {
    type: 'type',
    subject: 'subject',
    signer: 'signer',
    'signer.userId': 'signer',
    'signer.authority': 'authority',
    'signer.onBehalfOf': 'onBehalfOf',
    approvers: 'approvers',
    recipients: 'recipients',
    urgency: 'urgency',
    secrecy: 'secrecy',
    dueDate: 'dueDate',
    content: 'content',
    attachments: 'attachments',
  };
  return fields[root];
}

/** A refusal of the service, in plain words beside the input it names (the alert above says it too). */
export function problemErrors(error: unknown, t: TFunction): DraftErrors {
  if (!(error instanceof ApiProblem)) return {};
  const field = fieldOf(error.field);
  return field ? { [field]: describeProblem(error, t).message } : {};
}

/**
 * One Idempotency-Key per request as it is meant: sending the very same form again (after a lost
 * answer, a press twice) reuses it, so no second document is made; changing anything makes a new
 * request with a new key.
 */
export function keyFor(previous: { key: string; fingerprint: string } | undefined, fingerprint: string): { key: string; fingerprint: string } {
  return previous?.fingerprint === fingerprint ? previous : { key: crypto.randomUUID(), fingerprint };
}

export const fingerprintOf = (metadata: unknown, files: Array<File | null>) =>
  JSON.stringify([metadata, files.map((f) => f && [f.name, f.size, f.lastModified, f.type])]);
