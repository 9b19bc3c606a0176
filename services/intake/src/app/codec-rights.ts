import { Problem } from '@vanthu/shared';
import type { IntakeApplication, Principal, ReadContext } from './ports';

/**
 * Who may read a workflow's payloads through the codec endpoint, by the workflow ids the payloads
 * name. All or nothing: `allowed` only when no id is refused.
 */
export type CodecAuthoriser = (principal: Principal, workflowIds: string[], context?: ReadContext) => Promise<{ allowed: boolean; refused: string[] }>;

const DOCUMENT = /^document-(.+)$/;
const INCOMING = /^incoming-(.+@.+)$/;

/**
 * A document's payloads are the document: whoever may read it here (GET /v1/documents/:id or
 * /v1/incoming/:id) may read them in the Temporal UI, and no one else, so the rules live in one
 * place (the application's reads, need-to-know for secret documents included) and each read is
 * logged as theirs are. Every other workflow — the system probe, notify's deliveries, archive's
 * dispositions, payloads naming no workflow — is the operators': admins only.
 */
export function codecRights(intake: Pick<IntakeApplication, 'getDocument' | 'getIncoming'>): CodecAuthoriser {
  const mayRead = async (principal: Principal, workflowId: string, from?: ReadContext): Promise<boolean> => {
    // Logged as a codec decode: the access log tells a security officer how the document was read.
    const context: ReadContext = { ...from, via: 'codec-decode' };
    const document = DOCUMENT.exec(workflowId)?.[1];
    const incoming = INCOMING.exec(workflowId)?.[1];
    try {
      if (document !== undefined) await intake.getDocument(principal, document, context);
      else if (incoming !== undefined) await intake.getIncoming(principal, incoming, context);
      else return principal.role === 'admin';
      return true;
    } catch (error) {
      // A refusal (404 for what they may not know exists, 403) is an answer; an outage is not.
      if (error instanceof Problem && error.status < 500) return false;
      throw error;
    }
  };
  return async (principal, workflowIds, context) => {
    const refused: string[] = [];
    for (const id of new Set(workflowIds)) if (!(await mayRead(principal, id, context))) refused.push(id);
    return { allowed: refused.length === 0, refused };
  };
}
