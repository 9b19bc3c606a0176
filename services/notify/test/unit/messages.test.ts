import { messageFor, vietnamTime } from '../../src/messages/templates';
import { emailText } from '../../src/dispatch/email-text';
import { NOT_SECRET } from '../../src/secrecy/secrecy';
import { copyEvent, outgoingEvent } from '../support/events';

/** What notify keeps of a document once its `document.issued` went by (KnownDocuments). */
const issuedNQ = { type: 'NQ', notation: '04-NQ/TU', issuer: 'BS-TU' };

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
    expect(messageFor(copyEvent('d1', 'BS-TL-DU', 4, 'assigned', { handler: 'h', deadline: '2026-12-01T16:59:59.999Z' }), NOT_SECRET, issuedNQ).body).toBe(
      'Anh/chị được giao xử lý Nghị quyết số 04-NQ/TU. Hạn xử lý: 23:59 ngày 01/12/2026 (giờ Việt Nam).',
    );
    const returned = outgoingEvent('d1', 5, 'returned', { ...people }, { note: 'Bổ sung số liệu', urgency: 'normal' });
    expect(messageFor(returned)).toEqual({ title: 'Văn bản bị trả lại: Dự thảo Nghị quyết', body: 'Dự thảo Nghị quyết đã bị trả lại để chỉnh sửa.\nGhi chú: Bổ sung số liệu' });
  });

  it('writes the e-mail body with a greeting and, when configured, a link to the portal', () => {
    const event = copyEvent('d 1', 'BS-TL-DU', 4, 'assigned');
    const text = emailText('Vũ Đức Anh', { title: 't', body: 'Nội dung.' }, event, 'https://portal.example');
    expect(text.split('\n').slice(0, 4)).toEqual(['Kính gửi Vũ Đức Anh,', '', 'Nội dung.', '']);
    expect(text).toContain('https://portal.example/documents/d%201');
    expect(emailText('A', { title: 't', body: 'b' }, event)).not.toContain('http');
  });
});

describe('naming the document as a clerk would', () => {
  const people = { org: 'BS-TU', createdBy: 'bs-specialist', signer: 'bs-secretary' };
  const received = (documentId: string, extra: Record<string, unknown> = {}) => copyEvent(documentId, 'BS-TL-DU', 2, 'received', { arrivalNumber: 12, ...extra }, 'accepted');

  it('names an issued document’s copy by type and notation, never by its id, and says who sent it', () => {
    const doc = 'daf2d8e4-2e33-4c4e-9f55-0d5b3c1e7a10';
    expect(messageFor(received(doc), NOT_SECRET, issuedNQ)).toEqual({
      title: '[Hỏa tốc] Văn bản đến mới: Nghị quyết số 04-NQ/TU',
      body: 'Đơn vị đã nhận Nghị quyết số 04-NQ/TU, số đến 12 từ BS-TU. Văn bản đang chờ phân công xử lý.',
    });
    for (const action of ['assigned', 'processed', 'deadline-approaching', 'overdue', 'copy-recalled', 'refused']) {
      const message = messageFor(copyEvent(doc, 'BS-TL-DU', 5, action, { handler: 'h', deadline: '2026-12-01T16:59:59.999Z' }), NOT_SECRET, issuedNQ);
      expect(message.title).toMatch(/: Nghị quyết số 04-NQ\/TU$/);
      expect(JSON.stringify(message)).not.toContain(doc);
    }
  });

  it('names the outgoing document by its notation after issue, though its later events do not carry it', () => {
    const recalled = outgoingEvent('d1', 9, 'recalled', people, { status: 'recalled', note: 'Ban hành nhầm' });
    expect(messageFor(recalled, NOT_SECRET, issuedNQ).title).toBe('[Khẩn] Văn bản bị thu hồi: Nghị quyết số 04-NQ/TU');
    const archived = outgoingEvent('d1', 10, 'archived', { ...people }, { status: 'archived', finalStatus: 'distributed', urgency: 'normal' });
    expect(messageFor(archived, NOT_SECRET, issuedNQ).title).toBe('Văn bản đã được lưu trữ: Nghị quyết số 04-NQ/TU');
  });

  it('calls a document not yet issued a draft of its type', () => {
    const review = outgoingEvent('d1', 3, 'review-started', { ...people }, { approvers: ['bs-deputy'], urgency: 'normal' });
    expect(messageFor(review)).toEqual({
      title: 'Văn bản chờ anh/chị cho ý kiến: Dự thảo Nghị quyết',
      body: 'Dự thảo Nghị quyết đã được trình và đang chờ anh/chị xem xét, cho ý kiến.',
    });
    const signed = outgoingEvent('d1', 6, 'signed', { ...people }, { status: 'signing', type: 'QD', urgency: 'normal' });
    expect(messageFor(signed).title).toBe('Văn bản đã ký, chờ ban hành: Dự thảo Quyết định');
    // A rejected draft is archived as a draft.
    const archived = outgoingEvent('d1', 8, 'archived', { ...people }, { status: 'archived', finalStatus: 'rejected', urgency: 'normal' });
    expect(messageFor(archived).title).toBe('Văn bản đã được lưu trữ: Dự thảo Nghị quyết');
  });

  it('lets the event’s own type and notation win over what was kept', () => {
    const issued = outgoingEvent('d1', 7, 'issued', people, { type: 'CT', notation: '05-CT/TU', issuedAt: '2026-11-23T03:05:00Z' });
    expect(messageFor(issued, NOT_SECRET, issuedNQ).title).toBe('[Khẩn] Văn bản đã ban hành: Chỉ thị số 05-CT/TU');
  });

  it('falls back to type and issuer for a document whose notation notify never saw, and never to an id', () => {
    const doc = 'daf2d8e4-2e33-4c4e-9f55-0d5b3c1e7a10';
    // Seen only before issue (kept before notify kept notations): the type and issuer.
    expect(messageFor(received(doc), NOT_SECRET, { type: 'NQ', issuer: 'BS-TU' })).toEqual({
      title: '[Hỏa tốc] Văn bản đến mới: Nghị quyết của BS-TU',
      body: 'Đơn vị đã nhận Nghị quyết của BS-TU, số đến 12. Văn bản đang chờ phân công xử lý.',
    });
    // Never seen: the sender the copy's event names, or nothing but "a document".
    expect(messageFor(received(doc, { issuer: 'BS-TU' })).title).toBe('[Hỏa tốc] Văn bản đến mới: Văn bản của BS-TU');
    expect(messageFor(received(doc)).title).toBe('[Hỏa tốc] Văn bản đến mới: Văn bản');
    // A type code this version does not know still shows the notation.
    expect(messageFor(received(doc), NOT_SECRET, { type: 'XX', notation: '01-XX/TU' }).title).toBe('[Hỏa tốc] Văn bản đến mới: Văn bản số 01-XX/TU');
    for (const known of [undefined, { type: 'NQ' }, { issuer: 'BS-TU' }]) expect(JSON.stringify(messageFor(received(doc), NOT_SECRET, known))).not.toContain(doc);
  });

  it('gives a secret document’s copy its notation at most, never its type', () => {
    const message = messageFor(received('d1'), { secret: true, level: 'mat' }, issuedNQ);
    expect(message.title).toBe('[Hỏa tốc] Văn bản Mật số 04-NQ/TU chờ anh/chị xử lý');
    expect(JSON.stringify(message)).not.toContain('Nghị quyết');
  });
});
