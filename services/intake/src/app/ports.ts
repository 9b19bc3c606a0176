import type {
  AuthorityForm,
  BlobRef,
  Clearance,
  DocumentStatus,
  DocumentType,
  RecipientStatus,
  Principal,
  Secrecy,
  SeedOrganisation,
  SeedUser,
  Urgency,
} from '@vanthu/shared';

/**
 * The intake application as the HTTP layer sees it. Routes authenticate, validate and translate;
 * everything behind this interface (records, numbering, the lifecycle workflow) is the app's.
 * Every method checks that the principal may do what it asks and throws `Problem`s (4xx) when
 * not, so a route never decides rights on its own.
 */
/** Who is calling, from the bearer token (packages/shared/src/auth). */
export type { Principal };

/** Organisations and people have the shape of the shared seed data, which intake loads. */
export type Organisation = SeedOrganisation;
export type User = SeedUser;
/** A user as listed: the e-mail address only for admins and for the user themself (directory.ts). */
export type UserView = Omit<User, 'email'> & { email?: string };

export interface UploadedFile {
  /** `content` (the PDF, exactly one) or `attachments` (any number). */
  field: 'content' | 'attachments';
  filename: string;
  /** The media type the client declared; checked against the bytes. */
  declaredType: string;
  data: Buffer;
}

export interface DraftInput {
  type: DocumentType;
  subject: string;
  /** Organisation code of the issuer; the principal's own unless an admin. */
  issuer: string;
  signer: { userId: string; authority: AuthorityForm; onBehalfOf?: string };
  /** User ids, in the order they review. May be empty. */
  approvers: string[];
  /** Organisation codes. */
  recipients: string[];
  urgency: Urgency;
  secrecy: Secrecy;
  /** Due date for the recipients' processing, YYYY-MM-DD. */
  dueDate?: string;
  /** Taken from the PDF when absent. */
  pageCount?: number;
  language?: string;
  fileCode?: string;
  copies?: number;
}

export interface TransitionView {
  seq: number;
  at: string;
  action: string;
  status: DocumentStatus;
  actor?: string;
  note?: string;
}

export interface RecipientView {
  org: string;
  status: RecipientStatus;
  /** The edXML status code of `status`. */
  statusCode: string;
  arrivalNumber?: number;
  handler?: string;
  deadline?: string;
  updatedAt: string;
}

export interface DocumentView {
  id: string;
  workflowId: string;
  status: DocumentStatus;
  type: DocumentType;
  subject: string;
  issuer: string;
  number?: number;
  /** "15-NQ/TU" once issued. */
  notation?: string;
  issuedAt?: string;
  urgency: Urgency;
  secrecy: Secrecy;
  dueDate?: string;
  pageCount: number;
  language?: string;
  fileCode?: string;
  copies?: number;
  signer: { userId: string; authority: AuthorityForm; onBehalfOf?: string };
  approvers: string[];
  /** Whose turn it is to review, while in review. */
  currentApprover?: string;
  recipients: RecipientView[];
  /** The organisations it goes to (before distribution, `recipients` is empty). */
  addressees?: string[];
  content: BlobRef;
  attachments: BlobRef[];
  createdBy: string;
  createdAt: string;
  history: TransitionView[];
}

export interface IncomingView {
  id: string;
  documentId: string;
  /** The recipient organisation. */
  org: string;
  arrivalNumber: number;
  arrivedAt: string;
  status: RecipientStatus;
  statusCode: string;
  handler?: string;
  deadline?: string;
  report?: string;
  /** From the outgoing document, as issued. */
  issuer: string;
  notation: string;
  type: DocumentType;
  subject: string;
  urgency: Urgency;
  secrecy: Secrecy;
  /** Absent once the sender recalled the document: the recipient's copy is deleted. */
  content?: BlobRef;
  attachments: BlobRef[];
  history: TransitionView[];
}

/** Which page of a list, counted from 1. */
export interface Paging {
  page: number;
  pageSize: number;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface DocumentFilter {
  issuer?: string;
  type?: DocumentType;
  status?: DocumentStatus;
  /** Issue or creation date range, YYYY-MM-DD, inclusive. */
  from?: string;
  to?: string;
  number?: number;
  /** Drafted by this user. */
  createdBy?: string;
  /** Whose next step it is: the current approver in review, the signer until they sign. */
  awaiting?: string;
  /** Whether the signer has signed (with `signing`: awaiting issue, or the signer). */
  signed?: boolean;
  page: number;
  pageSize: number;
}

export interface IncomingFilter {
  org?: string;
  status?: RecipientStatus;
  /** The copies assigned to this user. */
  handler?: string;
  from?: string;
  to?: string;
  page: number;
  pageSize: number;
}

/** One line of the outgoing register (sổ đăng ký văn bản đi). */
export interface OutgoingRegisterRow {
  /** So a screen can open the document from its line; the CSV keeps the register's own columns. */
  documentId: string;
  number: number;
  notation: string;
  issuedAt: string;
  type: DocumentType;
  subject: string;
  signer: string;
  recipients: string;
  copies: number;
  urgency: Urgency;
  secrecy: Secrecy;
}

/** One line of the incoming register (sổ đăng ký văn bản đến). */
export interface IncomingRegisterRow {
  /** The copy's id (`<documentId>@<org>`) and its document's, so a screen can open it from its line. */
  id: string;
  documentId: string;
  arrivalNumber: number;
  arrivedAt: string;
  issuer: string;
  notation: string;
  type: DocumentType;
  subject: string;
  handler: string;
  deadline: string;
  status: RecipientStatus;
  /** So a screen can mark a secret document where it lists it; the CSV keeps the register's own columns. */
  secrecy: Secrecy;
}

/** Where a read comes from, for the access log of secret documents. */
export interface ReadContext {
  from?: string;
  /** How the read is logged when it is not a plain API read (the Temporal codec endpoint: `codec-decode`). */
  via?: 'codec-decode';
}

export interface IntakeApplication {
  listOrganisations(principal: Principal): Promise<Organisation[]>;
  createOrganisation(principal: Principal, org: Organisation): Promise<Organisation>;
  /** Admins: anyone. Everyone else: the people of their own organisation, without e-mail addresses. */
  listUsers(principal: Principal, org?: string): Promise<UserView[]>;
  createUser(principal: Principal, user: User): Promise<User>;
  /** By an administrator of the user's organisation; announced as `directory.user-clearance-changed`. */
  setClearance(principal: Principal, userId: string, clearance: Clearance): Promise<User>;

  /**
   * With an idempotency key, the document id derives from (user, key): a retried create after a
   * lost answer yields the same document, never a second one.
   */
  createDraft(principal: Principal, input: DraftInput, files: UploadedFile[], options?: { idempotencyKey?: string }): Promise<DocumentView>;
  /** Revises a draft or a returned document's content and metadata (by its author). */
  reviseDraft(principal: Principal, id: string, input: Partial<DraftInput>, files: UploadedFile[]): Promise<DocumentView>;
  submit(principal: Principal, id: string): Promise<DocumentView>;
  approve(principal: Principal, id: string, comment?: string): Promise<DocumentView>;
  returnForRevision(principal: Principal, id: string, reason: string): Promise<DocumentView>;
  reject(principal: Principal, id: string, reason: string): Promise<DocumentView>;
  /**
   * The signer's own signature, confirmed by the signer: `signingAuthorisation` comes from the
   * signing service (POST /v1/signing-authorisations, with their PIN); the PIN never comes here.
   */
  sign(principal: Principal, id: string, signingAuthorisation?: string): Promise<DocumentView>;
  /** The clerk issues: number and date, the organisation's signature, then distribution. */
  issue(principal: Principal, id: string): Promise<DocumentView>;
  recall(principal: Principal, id: string, reason: string): Promise<DocumentView>;
  /**
   * Reads. A secret document exists only for someone with the clearance and a part in its flow
   * (404 for everyone else, in lists and registers too); each read or refusal of one is logged.
   */
  getDocument(principal: Principal, id: string, context?: ReadContext): Promise<DocumentView>;
  listDocuments(principal: Principal, filter: DocumentFilter, context?: ReadContext): Promise<Page<DocumentView>>;
  /** A blob of a document the principal may read (its content, an attachment, a signature), in clear. */
  getDocumentBlob(principal: Principal, id: string, sha256: string, context?: ReadContext): Promise<{ ref: BlobRef; data: Buffer }>;
  /** A file of a recipient's copy (content or attachment), in clear. */
  getIncomingBlob(principal: Principal, id: string, sha256: string, context?: ReadContext): Promise<{ ref: BlobRef; data: Buffer }>;

  listIncoming(principal: Principal, filter: IncomingFilter, context?: ReadContext): Promise<Page<IncomingView>>;
  getIncoming(principal: Principal, id: string, context?: ReadContext): Promise<IncomingView>;
  assignIncoming(principal: Principal, id: string, handler: string, deadline?: string): Promise<IncomingView>;
  startProcessing(principal: Principal, id: string): Promise<IncomingView>;
  completeIncoming(principal: Principal, id: string, report: string): Promise<IncomingView>;
  refuseIncoming(principal: Principal, id: string, reason: string): Promise<IncomingView>;

  outgoingRegister(principal: Principal, org: string, from: string, to: string, context?: ReadContext): Promise<OutgoingRegisterRow[]>;
  incomingRegister(principal: Principal, org: string, from: string, to: string, context?: ReadContext): Promise<IncomingRegisterRow[]>;
  /** One page of a register, for a screen: only the page's secret lines are opened and logged. */
  outgoingRegisterPage(principal: Principal, org: string, from: string, to: string, paging: Paging, context?: ReadContext): Promise<Page<OutgoingRegisterRow>>;
  incomingRegisterPage(principal: Principal, org: string, from: string, to: string, paging: Paging, context?: ReadContext): Promise<Page<IncomingRegisterRow>>;
}
