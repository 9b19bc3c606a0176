import { ustarHeader } from '../../src/bagit/ustar';

describe('the ustar writer', () => {
  it('writes a header whose checksum covers the header, as readers check it', () => {
    const header = ustarHeader('bag/data/pkg_1/content.pdf', 1234, new Date(0));
    const stored = parseInt(header.subarray(148, 154).toString('ascii'), 8);
    const blank = Buffer.from(header);
    blank.write('        ', 148, 'ascii');
    expect(stored).toBe(blank.reduce((sum, b) => sum + b, 0));
    expect(parseInt(header.subarray(124, 135).toString('ascii'), 8)).toBe(1234);
    expect(header.subarray(257, 262).toString('ascii')).toBe('ustar');
  });

  it('splits a long path into prefix and name', () => {
    const path = `${'d'.repeat(120)}/records/validation-report.json`;
    const header = ustarHeader(path, 0, new Date(0));
    const name = header.subarray(0, 100).toString('utf8').replace(/\0+$/, '');
    const prefix = header.subarray(345, 500).toString('utf8').replace(/\0+$/, '');
    expect(prefix.length).toBeLessThanOrEqual(155);
    expect(`${prefix}/${name}`).toBe(path);
  });

  it('refuses entry names that would land outside the directory the archive is extracted in', () => {
    for (const path of ['../bagit.txt', 'bag/../../etc/passwd', '/etc/passwd', 'bag//x', 'bag/./x', 'bag/x\n', 'bag\\..\\x', '']) {
      expect(() => ustarHeader(path, 0, new Date(0))).toThrow(/unsafe path/);
    }
  });
});
