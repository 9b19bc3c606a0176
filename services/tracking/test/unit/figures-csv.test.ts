import { figuresCsv } from '../../src/figures/figures-csv';
import type { FiguresResult } from '../../src/figures/figure-item';

const result: FiguresResult = {
  org: 'BS-TU',
  scope: 'own',
  asOf: '2027-01-15T00:00:00.000Z',
  groupBy: 'leadOrg',
  totals: { doneOnTime: 3, doneLate: 1, openWithinDeadline: 2, overdue: 1, total: 7 },
  rows: [
    { key: 'BS-HB-DU', label: 'Đảng ủy xã Hòa Bình, "mới"', doneOnTime: 1, doneLate: 0, openWithinDeadline: 2, overdue: 0, total: 3, drillDown: 'org=BS-HB-DU' },
    { key: 'BS-TL-DU', label: '=HYPERLINK("x")', doneOnTime: 2, doneLate: 1, openWithinDeadline: 0, overdue: 1, total: 4, drillDown: 'org=BS-TL-DU' },
  ],
  projectedUpTo: '2027-01-15T00:00:00.000Z',
};

describe('the figures as CSV', () => {
  const csv = figuresCsv(result);

  it('starts with a byte-order mark and ends every record with CRLF (RFC 4180)', () => {
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.endsWith('\r\n')).toBe(true);
  });

  it('has a header row, one row per group and the totals, quoting what needs it and disarming formulas', () => {
    expect(csv.slice(1).split('\r\n')).toEqual([
      'Mã đơn vị,Đơn vị chủ trì,Hoàn thành đúng hạn,Hoàn thành quá hạn,Đang thực hiện trong hạn,Quá hạn chưa hoàn thành,Tổng số',
      'BS-HB-DU,"Đảng ủy xã Hòa Bình, ""mới""",1,0,2,0,3',
      `BS-TL-DU,"'=HYPERLINK(""x"")",2,1,0,1,4`,
      ',Tổng cộng,3,1,2,1,7',
      '',
    ]);
  });

  it('ungrouped, is the totals alone', () => {
    expect(figuresCsv({ ...result, groupBy: 'none', rows: [] }).slice(1).split('\r\n')).toEqual([
      'Hoàn thành đúng hạn,Hoàn thành quá hạn,Đang thực hiện trong hạn,Quá hạn chưa hoàn thành,Tổng số',
      '3,1,2,1,7',
      '',
    ]);
  });
});
