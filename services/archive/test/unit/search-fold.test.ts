import { foldedWords, foldText, notationKey } from '../../src/search/fold';

describe('folding Vietnamese text for search', () => {
  it('drops every diacritic and lowers the case, so a text typed without them is the same text', () => {
    expect(foldText('Chuyển ĐỔI số')).toBe('chuyen doi so');
    expect(foldText('Nghị quyết về xây dựng, chỉnh đốn Đảng')).toBe('nghi quyet ve xay dung, chinh don dang');
    // ơ and ư are letters with a horn, which normalisation splits off like any other mark.
    expect(foldText('Ủy ban Mặt trận Tổ quốc; Thường vụ; cử tri')).toBe('uy ban mat tran to quoc; thuong vu; cu tri');
    expect(foldText('chuyen doi so')).toBe(foldText('chuyển đổi số'));
  });

  it('takes đ and Đ as d, and the look-alike Ð too', () => {
    expect(foldText('đ Đ Ð')).toBe('d d d');
    expect(foldText('ĐẢNG ỦY')).toBe('dang uy');
  });

  it('folds text written in either Unicode form, and compatibility forms', () => {
    const composed = 'Quyết định'.normalize('NFC');
    const decomposed = 'Quyết định'.normalize('NFD');
    expect(composed).not.toBe(decomposed);
    expect(foldText(composed)).toBe(foldText(decomposed));
    expect(foldText('２０２６')).toBe('2026');
  });

  it('splits words on anything that is neither a letter nor a digit', () => {
    expect(foldedWords('Số 04-NQ/TU, ngày 12/3/2026: “Về việc…”')).toEqual(['so', '04', 'nq', 'tu', 'ngay', '12', '3', '2026', 've', 'viec']);
    expect(foldedWords('.* ?')).toEqual([]);
  });

  it('makes one key of a notation however it is typed', () => {
    expect(notationKey('12-QĐ/TU')).toBe('12-qd/tu');
    for (const typed of ['12-QD/TU', ' 12 - qđ / tu ', '12-qd/tu']) expect(notationKey(typed)).toBe(notationKey('12-QĐ/TU'));
    expect(notationKey('12-QĐ/TU')).not.toBe(notationKey('12-QĐ/TƯ-X'));
  });
});
