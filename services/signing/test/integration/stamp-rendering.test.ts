import { subjectKeys } from '../../src/pki/certificate-records';
import { inkOverlap, referenceDrawing, stampedPage, stampInk, stampText } from '../support/rendered-stamps';
import { makePdf, openSigningFixture, run, type SigningFixture } from '../support/signing-fixture';

/**
 * The stamps as a person sees them, not only as text extraction reads them: a broken font subset
 * still extracts the right text through its ToUnicode map while viewers draw wrong or no glyphs.
 * An integration test because it needs poppler, which the integration run installs.
 */
describe('the visible signature stamps as viewers draw them', () => {
  let fx: SigningFixture;

  beforeAll(async () => {
    fx = await openSigningFixture();
  });
  afterAll(() => fx.close());

  it('draws in poppler the glyphs the whole Noto Sans draws for the same Vietnamese text, and pdftotext -layout reads each stamp back', async () => {
    const person = (await fx.module.authority.active(subjectKeys.person('bs-secretary')))!;
    const organisation = (await fx.module.authority.active(subjectKeys.org('BS-TU')))!;
    const lines: string[][] = [];
    const keep = (stamp: string[]) => (lines.push(stamp), stamp);
    const first = await fx.module.signer.signPdf(await makePdf('Nghi quyet 15-NQ/TU'), {
      certificate: person,
      actor: 'bs-secretary',
      reason: 'T/M Ban Thường vụ',
      stampLines: (at) => keep(['Ký bởi: Nguyễn Văn An', 'T/M Ban Thường vụ', 'Phó Bí thư Thường trực', `Thời gian ký: ${at}`]),
    });
    const second = await fx.module.signer.signPdf(first.pdf, {
      certificate: organisation,
      actor: 'org:BS-TU',
      reason: 'Ban hành 15-NQ/TU',
      stampLines: (at) => keep(['Tỉnh ủy Bắc Sơn', 'Số: 15-NQ/TU', 'Ngày ban hành: 23/11/2026', `Thời gian ký: ${at}`]),
    });
    const signed = fx.file('stamped.pdf', second.pdf);
    expect(run('pdfsig', [signed]).output.match(/Signature is Valid\./g)).toHaveLength(2);

    const page = await stampedPage(second.pdf);
    expect(page.stamps.map((s) => s.origins.length)).toEqual([4, 4]);
    const reference = fx.file('reference.pdf', await referenceDrawing(page, lines));
    page.stamps.forEach((stamp, i) => {
      expect(stampText(signed, page, stamp)).toEqual(lines[i]);
      // Same rasteriser, same outlines, same places: the same pixels inked, up to edge rounding.
      // A subset whose glyph table is misread inks about a fifth of them.
      const ink = stampInk(signed, page, stamp);
      expect(ink.filter(Boolean).length).toBeGreaterThan(1000);
      expect(inkOverlap(ink, stampInk(reference, page, stamp))).toBeGreaterThanOrEqual(0.9);
    });
  });
});
