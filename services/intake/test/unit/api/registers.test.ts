import { parseCsv } from './support/csv';
import { FakeIntake } from './support/fake-intake';
import { CLERK, startApi, type TestApi } from './support/api-server';

const BOM = '\uFEFF';

describe('registers', () => {
  let intake: FakeIntake;
  let api: TestApi;

  beforeAll(async () => {
    intake = new FakeIntake();
    intake.outgoingRows = [
      {
        documentId: 'doc-15',
        number: 15,
        notation: '15-NQ/TU',
        issuedAt: '2026-03-01T20:30:00.000Z',
        type: 'NQ',
        subject: 'Về chuyển đổi số, "toàn diện"',
        signer: 'Hoàng Văn Sơn',
        recipients: 'BS-TL-DU, BS-HB-DU',
        copies: 3,
        urgency: 'hoa-toc',
        secrecy: 'mat',
      },
    ];
    intake.incomingRows = [
      {
        id: 'doc-15@BS-TL-DU',
        documentId: 'doc-15',
        arrivalNumber: 7,
        arrivedAt: '2026-03-02T09:15:00+07:00',
        issuer: 'Tỉnh ủy Bắc Sơn',
        notation: '15-NQ/TU',
        type: 'NQ',
        subject: 'Về chuyển đổi số',
        handler: 'Vũ Đức Anh',
        deadline: '2026-03-15',
        status: 'processing',
        secrecy: 'mat',
      },
    ];
    api = await startApi(intake);
  });
  afterAll(() => api.close());

  async function csvOf(response: Response) {
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const bytes = Buffer.from(await response.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    expect(text.startsWith(BOM)).toBe(true);
    expect(text).toMatch(/\r\n$/);
    return parseCsv(text.slice(1));
  }

  it('exports the outgoing register as CSV with a BOM and Vietnamese headers', async () => {
    const response = await api.call('/v1/registers/outgoing?from=2026-01-01&to=2026-12-31&format=csv', { as: CLERK });
    expect(response.headers.get('content-disposition')).toBe(
      'attachment; filename="so-van-ban-di_BS-TU_2026-01-01_2026-12-31.csv"',
    );
    const [header, row] = await csvOf(response);
    expect(header).toEqual(['Số', 'Số, ký hiệu', 'Ngày ban hành', 'Loại', 'Trích yếu', 'Người ký', 'Nơi nhận', 'Số bản', 'Độ khẩn', 'Độ mật']);
    // 20:30 UTC on 1 March is 2 March in Vietnam.
    expect(row).toEqual(['15', '15-NQ/TU', '02/03/2026', 'Nghị quyết', 'Về chuyển đổi số, "toàn diện"', 'Hoàng Văn Sơn', 'BS-TL-DU, BS-HB-DU', '3', 'Hỏa tốc', 'Mật']);
    expect(intake.callsOf('outgoingRegister').at(-1)?.args).toEqual(['BS-TU', '2026-01-01', '2026-12-31']);
  });

  it('answers CSV to Accept: text/csv, for the incoming register too', async () => {
    const response = await api.call('/v1/registers/incoming?org=BS-TL-DU', { as: CLERK, headers: { accept: 'text/csv' } });
    const [header, row] = await csvOf(response);
    expect(header?.slice(0, 4)).toEqual(['Số đến', 'Ngày đến', 'Cơ quan ban hành', 'Số, ký hiệu']);
    expect(row).toEqual(['7', '02/03/2026', 'Tỉnh ủy Bắc Sơn', '15-NQ/TU', 'Nghị quyết', 'Về chuyển đổi số', 'Vũ Đức Anh', '15/03/2026', 'Đang xử lý']);
  });

  it('answers JSON by default, for this year so far', async () => {
    const response = await api.call('/v1/registers/outgoing', { as: CLERK });
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const body = (await response.json()) as { org: string; from: string; to: string; items: unknown[] };
    expect(body.org).toBe('BS-TU');
    expect(body.from).toMatch(/^\d{4}-01-01$/);
    expect(body.to.slice(0, 4)).toBe(body.from.slice(0, 4));
    expect(body.items).toHaveLength(1);
  });

  it('answers a page of the rows with the period\'s total, for a screen', async () => {
    const rows = intake.outgoingRows;
    intake.outgoingRows = Array.from({ length: 25 }, (_, i) => ({ ...rows[0]!, number: i + 1 }));
    try {
      const page = (await (await api.call('/v1/registers/outgoing?page=2&pageSize=10', { as: CLERK })).json()) as { items: Array<{ number: number }>; total: number; page: number; pageSize: number };
      expect(page).toMatchObject({ total: 25, page: 2, pageSize: 10 });
      expect(page.items.map((r) => r.number)).toEqual([11, 12, 13, 14, 15, 16, 17, 18, 19, 20]);
      expect(intake.callsOf('outgoingRegisterPage').at(-1)?.args.at(-1)).toEqual({ page: 2, pageSize: 10 });
      const whole = (await (await api.call('/v1/registers/outgoing', { as: CLERK })).json()) as { items: unknown[]; total: number; page?: number };
      expect([whole.items.length, whole.total, whole.page]).toEqual([25, 25, undefined]);
      const refused = await api.call('/v1/registers/outgoing?pageSize=1000', { as: CLERK });
      expect(refused.status).toBe(400);
      expect(await refused.json()).toMatchObject({ field: expect.stringContaining('pageSize') });
    } finally {
      intake.outgoingRows = rows;
    }
  });
});
