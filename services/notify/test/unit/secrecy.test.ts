import { checkEvent } from '@vanthu/shared';
import { messageFor } from '../../src/messages/templates';
import { emailText } from '../../src/dispatch/email-text';
import { safeWebhookBody, secrecyOfData, withoutFreeText } from '../../src/secrecy/secrecy';
import { copyEvent, outgoingEvent } from '../support/events';

const people = { org: 'BS-TU', createdBy: 'bs-specialist', signer: 'bs-secretary' };
const MARKER = 'MARKER-kế-hoạch-phòng-thủ';

describe('secret documents in notifications', () => {
  it('knows a secret document by its level, by `secret: true`, and by a level it does not know (fails closed)', () => {
    expect(secrecyOfData({ secrecy: 'tuyet-mat' })).toEqual({ secret: true, level: 'tuyet-mat' });
    expect(secrecyOfData({ secret: true })).toEqual({ secret: true });
    expect(secrecyOfData({ secrecy: 'none', secret: true })).toEqual({ secret: true });
    expect(secrecyOfData({ secrecy: 'bi-mat' })).toEqual({ secret: true });
    expect(secrecyOfData({ secrecy: 'none' })).toEqual({ secret: false });
    expect(secrecyOfData({})).toBeUndefined();
  });

  it('says only that a document of that level waits, with its number at most, whatever the event carried', () => {
    const returned = outgoingEvent('d1', 5, 'returned', people, { secrecy: 'tuyet-mat', note: MARKER, subject: MARKER, urgency: 'normal' });
    expect(messageFor(returned)).toEqual({
      title: 'Văn bản Tuyệt mật chờ anh/chị xử lý',
      body: 'Có văn bản Tuyệt mật chờ anh/chị xử lý. Nội dung văn bản mật không gửi kèm thông báo; anh/chị vui lòng mở văn bản trên hệ thống Văn thư điện tử để xem và xử lý.',
    });
    const issued = outgoingEvent('d1', 7, 'issued', people, { secrecy: 'mat', number: 3, notation: '03-NQ/TU', issuedAt: '2026-11-23T03:05:00Z' });
    expect(messageFor(issued).title).toBe('[Khẩn] Văn bản Mật số 03-NQ/TU chờ anh/chị xử lý');
    // A copy's event that does not say is as secret as the consumer knows its document to be.
    const processed = copyEvent('d1', 'BS-TL-DU', 6, 'processed', { note: MARKER }, 'done');
    const message = messageFor(processed, { secret: true, level: 'toi-mat' });
    expect(message.title).toBe('[Hỏa tốc] Văn bản Tối mật chờ anh/chị xử lý');
    expect(JSON.stringify(message)).not.toContain('MARKER');
    expect(emailText('Vũ Đức Anh', message, processed, 'https://portal.example')).toContain('https://portal.example/documents/d1');
    expect(messageFor(copyEvent('d1', 'BS-TL-DU', 6, 'processed', { note: 'Đã triển khai' }, 'done')).body).toContain('Ghi chú: Đã triển khai');
  });

  it('drops free text from a secret document’s webhook body at any depth, keeping the envelope and the rest as they were', () => {
    const event = outgoingEvent('d1', 9, 'recalled', people, { secrecy: 'toi-mat', status: 'recalled', note: MARKER, extra: { comment: MARKER, kept: 1 } });
    const stripped = withoutFreeText(event);
    expect(JSON.stringify(stripped)).not.toContain('MARKER');
    expect(stripped).toEqual({ ...event, data: { ...event.data, note: undefined, extra: { kept: 1 } } });
    expect(stripped.subject).toBe('d1');
    const clean = outgoingEvent('d1', 9, 'recalled', people, { secrecy: 'toi-mat', status: 'recalled' });
    expect(checkEvent(clean)).toEqual({ ok: true });
    expect(checkEvent(withoutFreeText(clean))).toEqual({ ok: true });

    expect(JSON.parse(safeWebhookBody(JSON.stringify(event)))).toEqual(JSON.parse(JSON.stringify(stripped)));
    // Anything else goes out byte for byte.
    const spaced = JSON.stringify(clean, null, 1);
    expect(safeWebhookBody(spaced)).toBe(spaced);
    const ordinary = JSON.stringify(outgoingEvent('d1', 9, 'recalled', people, { note: 'Ban hành nhầm' }));
    expect(safeWebhookBody(ordinary)).toBe(ordinary);
    expect(safeWebhookBody('not json')).toBe('not json');
  });
});
