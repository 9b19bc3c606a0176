import type { DomainEvent } from '@vanthu/shared';
import { NOT_SECRET, secrecyOfData, type SecrecyVerdict } from '../secrecy/secrecy';
import { documentReference, factsOf, isDraftEvent, type DocumentFacts } from './document-reference';
import { isTaskEvent } from './link';
import { secretMessage } from './secret-message';
import { taskMessage } from './task-templates';
import { vietnamTime } from './vietnam-time';

export { vietnamTime } from './vietnam-time';
export { documentReference, type DocumentFacts } from './document-reference';

export interface Message {
  title: string;
  body: string;
}

const str = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

const URGENCY: Record<string, string> = { khan: 'Khẩn', 'thuong-khan': 'Thượng khẩn', 'hoa-toc': 'Hỏa tốc' };

type Template = (ref: string, data: Record<string, unknown>) => Message;

const withNote = (text: string, data: Record<string, unknown>) => (str(data.note) ? `${text}\nGhi chú: ${str(data.note)}` : text);
const deadlineLine = (data: Record<string, unknown>) => {
  const due = vietnamTime(str(data.deadline));
  return due ? `Hạn xử lý: ${due}.` : '';
};

/** Vietnamese text per event type; the subject line of an e-mail is the title. */
const TEMPLATES: Record<string, Template> = {
  'document.review-started': (ref) => ({ title: `Văn bản chờ anh/chị cho ý kiến: ${ref}`, body: `${ref} đã được trình và đang chờ anh/chị xem xét, cho ý kiến.` }),
  'document.approved': (ref, d) =>
    d.nextApprover
      ? { title: `Văn bản chờ anh/chị cho ý kiến: ${ref}`, body: `${ref} đã được thông qua ở bước trước và đang chờ anh/chị xem xét.` }
      : { title: `Văn bản chờ anh/chị ký: ${ref}`, body: `${ref} đã được thông qua và đang chờ anh/chị ký.` },
  'document.ready-for-signing': (ref) => ({ title: `Văn bản chờ anh/chị ký: ${ref}`, body: `${ref} đã sẵn sàng và đang chờ anh/chị ký.` }),
  'document.returned': (ref, d) => ({ title: `Văn bản bị trả lại: ${ref}`, body: withNote(`${ref} đã bị trả lại để chỉnh sửa.`, d) }),
  'document.rejected': (ref, d) => ({ title: `Văn bản không được thông qua: ${ref}`, body: withNote(`${ref} đã bị từ chối.`, d) }),
  'document.signed': (ref) => ({ title: `Văn bản đã ký, chờ ban hành: ${ref}`, body: `${ref} đã được ký và đang chờ văn thư cấp số, ban hành.` }),
  'document.issued': (ref, d) => ({
    title: `Văn bản đã ban hành: ${ref}`,
    body: `${ref} đã được ban hành${vietnamTime(str(d.issuedAt)) ? ` lúc ${vietnamTime(str(d.issuedAt))}` : ''} và đang được gửi đến các nơi nhận.`,
  }),
  'document.recalled': (ref, d) => ({ title: `Văn bản bị thu hồi: ${ref}`, body: withNote(`${ref} đã bị thu hồi.`, d) }),
  'document.archived': (ref) => ({ title: `Văn bản đã được lưu trữ: ${ref}`, body: `${ref} đã được đưa vào lưu trữ.` }),
  'document.received': (ref, d) => ({
    title: `Văn bản đến mới: ${ref}`,
    body: `Đơn vị đã nhận ${ref}${d.arrivalNumber ? `, số đến ${String(d.arrivalNumber)}` : ''}${d.issuer ? ` từ ${String(d.issuer)}` : ''}. Văn bản đang chờ phân công xử lý.`,
  }),
  'document.refused': (ref, d) => ({ title: `Văn bản đến bị từ chối: ${ref}`, body: withNote(`${ref} gửi đến ${String(d.org ?? 'đơn vị')} đã bị từ chối tiếp nhận.`, d) }),
  'document.assigned': (ref, d) => ({ title: `Anh/chị được giao xử lý: ${ref}`, body: `Anh/chị được giao xử lý ${ref}. ${deadlineLine(d)}`.trim() }),
  'document.processed': (ref, d) => ({ title: `Văn bản đã xử lý xong: ${ref}`, body: withNote(`${ref} đã được xử lý xong.`, d) }),
  'document.copy-recalled': (ref, d) => ({ title: `Văn bản đến bị thu hồi: ${ref}`, body: withNote(`Nơi gửi đã thu hồi ${ref}; bản của đơn vị không còn hiệu lực.`, d) }),
  'document.deadline-approaching': (ref, d) => ({ title: `Sắp đến hạn xử lý: ${ref}`, body: `${ref} sắp đến hạn xử lý. ${deadlineLine(d)}`.trim() }),
  'document.overdue': (ref, d) => ({
    title: `Quá hạn xử lý: ${ref}`,
    body: `${ref}${d.handler ? ` (người xử lý: ${String(d.handler)})` : ''} đã quá hạn xử lý. ${deadlineLine(d)}`.trim(),
  }),
};

/**
 * `secrecy`: what the consumer knows of the document (its copies' events may not say; a task's,
 * of its source document); the event's own data is heeded anyway, so a secret document never gets
 * the ordinary templates. `known`: what the consumer saw of the document's name (KnownDocuments),
 * for a copy's events, which carry neither type nor notation; the event's own data comes first.
 */
export function messageFor(event: DomainEvent, secrecy: SecrecyVerdict = NOT_SECRET, known?: DocumentFacts): Message {
  // A task is named by its title and source, not by a document's notation: its texts are its own.
  if (isTaskEvent(event)) return taskMessage(event, secrecy);
  const data = event.data ?? {};
  const facts = factsOf(data, known);
  const urgency = URGENCY[str(data.urgency) ?? ''];
  const said = secrecyOfData(data);
  const secret = said?.secret ? said : secrecy;
  // A secret notification may name the notation (docs/secret-documents.md), never the type.
  const message = secret.secret
    ? secretMessage(facts.notation ? { ...data, notation: facts.notation } : data, secret.level)
    : ordinaryMessage(event, data, facts);
  // Urgency leads the title, as it leads the envelope of a paper document.
  return urgency ? { ...message, title: `[${urgency}] ${message.title}` } : message;
}

function ordinaryMessage(event: DomainEvent, data: Record<string, unknown>, facts: DocumentFacts): Message {
  const ref = documentReference(facts, isDraftEvent(data));
  const template = TEMPLATES[event.type];
  if (!template) return { title: `Cập nhật văn bản: ${ref.text}`, body: `${ref.text}: ${event.type}.` };
  // The issuer, where the event lacks it, as notify knows it; not twice when the reference names it already.
  return template(ref.text, { ...data, issuer: ref.namesIssuer ? undefined : facts.issuer });
}
