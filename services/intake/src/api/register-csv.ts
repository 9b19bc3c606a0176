import { stringify } from 'csv-stringify/sync';
import { DOCUMENT_TYPES, VIETNAM_UTC_OFFSET, type RecipientStatus, type Secrecy, type Urgency } from '@vanthu/shared';
import type { IncomingRegisterRow, OutgoingRegisterRow } from '../app/ports';

const URGENCY_LABELS: Record<Urgency, string> = {
  normal: 'Thường',
  khan: 'Khẩn',
  'thuong-khan': 'Thượng khẩn',
  'hoa-toc': 'Hỏa tốc',
};

const SECRECY_LABELS: Record<Secrecy, string> = {
  none: '',
  mat: 'Mật',
  'toi-mat': 'Tối mật',
  'tuyet-mat': 'Tuyệt mật',
};

const STATUS_LABELS: Record<RecipientStatus, string> = {
  arrived: 'Đã đến',
  rejected: 'Từ chối',
  accepted: 'Đã tiếp nhận',
  assigned: 'Đã giao xử lý',
  processing: 'Đang xử lý',
  done: 'Đã hoàn thành',
  recalled: 'Đã thu hồi',
};

/** "+07:00" in milliseconds, so dates follow the domain's declared zone. */
export const VIETNAM_OFFSET_MS = (() => {
  const [, sign, hours, minutes] = /^([+-])(\d{2}):(\d{2})$/.exec(VIETNAM_UTC_OFFSET) ?? ['', '+', '07', '00'];
  return (sign === '-' ? -1 : 1) * (Number(hours) * 60 + Number(minutes)) * 60_000;
})();

/** Registers are read by people: dd/mm/yyyy, in Vietnam time whatever zone the timestamp was written in. */
export function vietnamDate(value: string): string {
  if (!value) return '';
  const plain = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (plain) return `${plain[3]}/${plain[2]}/${plain[1]}`;
  const time = Date.parse(value);
  if (Number.isNaN(time)) return value;
  const local = new Date(time + VIETNAM_OFFSET_MS).toISOString();
  return `${local.slice(8, 10)}/${local.slice(5, 7)}/${local.slice(0, 4)}`;
}

/** What spreadsheet programs take for the start of a formula (OWASP, CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * A subject or name is typed by users and travels between organisations, so a cell that starts
 * like a formula (=HYPERLINK(...), +cmd|...) would run in the clerk's spreadsheet. A leading
 * single quote makes the program show it as text, as OWASP's CSV injection guidance says.
 */
export function asSpreadsheetText(value: unknown): unknown {
  return typeof value === 'string' && FORMULA_START.test(value) ? `'${value}` : value;
}

/**
 * Spreadsheet programs take a file without a byte-order mark for the local code page and garble
 * Vietnamese; with it they read UTF-8. CRLF is what RFC 4180 and those programs expect.
 */
function toCsv(columns: Array<{ key: string; header: string }>, records: Array<Record<string, unknown>>): string {
  const safe = records.map((record) => Object.fromEntries(Object.entries(record).map(([key, value]) => [key, asSpreadsheetText(value)])));
  return stringify(safe, { header: true, columns, bom: true, record_delimiter: 'windows' });
}

export function outgoingCsv(rows: OutgoingRegisterRow[]): string {
  return toCsv(
    [
      { key: 'number', header: 'Số' },
      { key: 'notation', header: 'Số, ký hiệu' },
      { key: 'issuedAt', header: 'Ngày ban hành' },
      { key: 'type', header: 'Loại' },
      { key: 'subject', header: 'Trích yếu' },
      { key: 'signer', header: 'Người ký' },
      { key: 'recipients', header: 'Nơi nhận' },
      { key: 'copies', header: 'Số bản' },
      { key: 'urgency', header: 'Độ khẩn' },
      { key: 'secrecy', header: 'Độ mật' },
    ],
    rows.map((row) => ({
      ...row,
      issuedAt: vietnamDate(row.issuedAt),
      type: DOCUMENT_TYPES[row.type] ?? row.type,
      urgency: URGENCY_LABELS[row.urgency] ?? row.urgency,
      secrecy: SECRECY_LABELS[row.secrecy] ?? row.secrecy,
    })),
  );
}

export function incomingCsv(rows: IncomingRegisterRow[]): string {
  return toCsv(
    [
      { key: 'arrivalNumber', header: 'Số đến' },
      { key: 'arrivedAt', header: 'Ngày đến' },
      { key: 'issuer', header: 'Cơ quan ban hành' },
      { key: 'notation', header: 'Số, ký hiệu' },
      { key: 'type', header: 'Loại' },
      { key: 'subject', header: 'Trích yếu' },
      { key: 'handler', header: 'Người xử lý' },
      { key: 'deadline', header: 'Hạn xử lý' },
      { key: 'status', header: 'Tình trạng xử lý' },
    ],
    rows.map((row) => ({
      ...row,
      arrivedAt: vietnamDate(row.arrivedAt),
      deadline: vietnamDate(row.deadline),
      type: DOCUMENT_TYPES[row.type] ?? row.type,
      status: STATUS_LABELS[row.status] ?? row.status,
    })),
  );
}
