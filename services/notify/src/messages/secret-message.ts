import { SECRET_LEVEL_NAMES, type SecretLevel } from '../secrecy/secrecy';
import type { Message } from './templates';

/** The number in its series, as its notation once issued: besides the level, all a secret notification may name. */
function numberOf(data: Record<string, unknown>): string | undefined {
  if (typeof data.notation === 'string' && data.notation !== '') return data.notation;
  return Number.isInteger(data.number) ? String(data.number) : undefined;
}

/**
 * One text for every event of a secret document: that such a document waits for the reader, and
 * nothing of what it says or of what anyone wrote about it. Inboxes, live streams and e-mails
 * leave the protected system; the document is read inside it, where its access is logged.
 */
export function secretMessage(data: Record<string, unknown>, level: SecretLevel | undefined): Message {
  const kind = level ? `văn bản ${SECRET_LEVEL_NAMES[level]}` : 'văn bản mật';
  const number = numberOf(data);
  const ref = number ? `${kind} số ${number}` : kind;
  return {
    title: `${ref.charAt(0).toUpperCase()}${ref.slice(1)} chờ anh/chị xử lý`,
    body: `Có ${ref} chờ anh/chị xử lý. Nội dung văn bản mật không gửi kèm thông báo; anh/chị vui lòng mở văn bản trên hệ thống Văn thư điện tử để xem và xử lý.`,
  };
}
