import { messageFor, vietnamTime } from '../../src/messages/templates';
import { emailText } from '../../src/dispatch/email-text';
import { copyEvent, outgoingEvent } from '../support/events';

describe('notification text', () => {
  const people = { org: 'BS-TU', createdBy: 'bs-specialist', signer: 'bs-secretary' };

  it('names the document by notation once it has one, with the urgency first', () => {
    const issued = outgoingEvent('d1', 7, 'issued', people, { notation: '15-NQ/TU', number: 15, issuedAt: '2026-11-23T03:05:00Z' });
    expect(messageFor(issued)).toEqual({
      title: '[Khẩn] Văn bản đã ban hành: Nghị quyết số 15-NQ/TU',
      body: 'Nghị quyết số 15-NQ/TU đã được ban hành lúc 10:05 ngày 23/11/2026 (giờ Việt Nam) và đang được gửi đến các nơi nhận.',
    });
  });

  it('gives the deadline in Vietnam time and the reason given with a return', () => {
    expect(vietnamTime('2026-12-01T16:59:59.999Z')).toBe('23:59 ngày 01/12/2026 (giờ Việt Nam)');
    expect(messageFor(copyEvent('d1', 'BS-TL-DU', 4, 'assigned', { handler: 'h', deadline: '2026-12-01T16:59:59.999Z' })).body).toBe(
      'Anh/chị được giao xử lý Văn bản d1. Hạn xử lý: 23:59 ngày 01/12/2026 (giờ Việt Nam).',
    );
    const returned = outgoingEvent('d1', 5, 'returned', { ...people }, { note: 'Bổ sung số liệu', urgency: 'normal' });
    expect(messageFor(returned)).toEqual({ title: 'Văn bản bị trả lại: Nghị quyết d1', body: 'Nghị quyết d1 đã bị trả lại để chỉnh sửa.\nGhi chú: Bổ sung số liệu' });
  });

  it('writes the e-mail body with a greeting and, when configured, a link to the portal', () => {
    const event = copyEvent('d 1', 'BS-TL-DU', 4, 'assigned');
    const text = emailText('Vũ Đức Anh', { title: 't', body: 'Nội dung.' }, event, 'https://portal.example');
    expect(text.split('\n').slice(0, 4)).toEqual(['Kính gửi Vũ Đức Anh,', '', 'Nội dung.', '']);
    expect(text).toContain('https://portal.example/documents/d%201');
    expect(emailText('A', { title: 't', body: 'b' }, event)).not.toContain('http');
  });
});
