import type { DomainEvent } from '@vanthu/shared';
import { eventLink, isTaskEvent } from '../messages/link';
import type { Message } from '../messages/templates';

/** The plain-text body of a notification e-mail, in Vietnamese. */
export function emailText(fullName: string, message: Message, event: DomainEvent, portalUrl?: string): string {
  const lines = [`Kính gửi ${fullName},`, '', message.body, ''];
  const link = eventLink(portalUrl, event);
  if (link) lines.push(`${isTaskEvent(event) ? 'Xem nhiệm vụ' : 'Xem văn bản'}: ${link}`, '');
  lines.push(
    '---',
    'Thư này do hệ thống Văn thư điện tử gửi tự động; vui lòng không trả lời.',
    'Anh/chị có thể chọn loại thông báo nhận qua thư điện tử trong phần cài đặt thông báo.',
  );
  return lines.join('\n');
}
