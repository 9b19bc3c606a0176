import { stringify } from 'csv-stringify/sync';
import type { FigureCounts, FigureGrouping, FiguresResult } from './figure-item';

const GROUP_HEADERS: Record<FigureGrouping, [string, string]> = {
  leadOrg: ['Mã đơn vị', 'Đơn vị chủ trì'],
  sourceDocument: ['Mã văn bản', 'Số, ký hiệu văn bản'],
  documentType: ['Mã loại', 'Loại văn bản'],
  none: ['', ''],
};

const COUNT_COLUMNS: Array<{ key: keyof FigureCounts; header: string }> = [
  { key: 'doneOnTime', header: 'Hoàn thành đúng hạn' },
  { key: 'doneLate', header: 'Hoàn thành quá hạn' },
  { key: 'openWithinDeadline', header: 'Đang thực hiện trong hạn' },
  { key: 'overdue', header: 'Quá hạn chưa hoàn thành' },
  { key: 'total', header: 'Tổng số' },
];

/** What spreadsheet programs run as a formula (OWASP, CSV injection): shown as text instead. */
const FORMULA_START = /^[=+\-@\t\r]/;
const asText = (value: string) => (FORMULA_START.test(value) ? `'${value}` : value);

/**
 * The figures as a spreadsheet: RFC 4180 (CRLF, quoted as needed), a header row, one row per
 * group then the totals; UTF-8 with a byte-order mark, without which spreadsheet programs read
 * the file in the local code page and garble Vietnamese. Names come from the directory and
 * notations from the documents, so a cell starting like a formula is made text.
 */
export function figuresCsv(result: FiguresResult): string {
  const grouped = result.groupBy !== 'none';
  const [keyHeader, labelHeader] = GROUP_HEADERS[result.groupBy];
  const columns = [...(grouped ? [{ key: 'key', header: keyHeader }, { key: 'label', header: labelHeader }] : []), ...COUNT_COLUMNS];
  const records: Array<Record<string, string | number>> = result.rows.map((row) => ({ ...row, key: asText(row.key), label: asText(row.label) }));
  records.push({ ...result.totals, ...(grouped && { key: '', label: 'Tổng cộng' }) });
  return stringify(records, { header: true, columns, bom: true, record_delimiter: 'windows' });
}
