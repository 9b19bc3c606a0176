/**
 * A minimal POSIX ustar writer: regular files only, which is all a bag holds. Written here
 * rather than taken from a package because the format is a fixed 512-byte header and padding.
 */
const BLOCK = 512;

function octal(value: number, width: number): string {
  return value.toString(8).padStart(width - 1, '0') + '\0';
}

/** ustar keeps up to 155 bytes of directories in `prefix` and the rest (≤ 100) in `name`. */
function splitPath(path: string): { name: string; prefix: string } {
  if (Buffer.byteLength(path) <= 100) return { name: path, prefix: '' };
  for (let i = path.lastIndexOf('/'); i > 0; i = path.lastIndexOf('/', i - 1)) {
    const prefix = path.slice(0, i);
    const name = path.slice(i + 1);
    if (Buffer.byteLength(prefix) <= 155 && Buffer.byteLength(name) <= 100) return { name, prefix };
  }
  throw new Error(`path too long for ustar: ${path}`);
}

/**
 * Entry names are relative paths of plain segments: no leading `/`, no `.` or `..`, no empty
 * segment, no control characters, so that extracting the archive writes only below where it is
 * extracted. The bag's names are checked before they get here; this is the last line.
 */
export function isSafeEntryPath(path: string): boolean {
  if (path === '' || [...path].some((ch) => ch.charCodeAt(0) < 0x20 || ch === '\x7f' || ch === '\\')) return false;
  return path.split('/').every((segment) => segment !== '' && segment !== '.' && segment !== '..');
}

export function ustarHeader(path: string, size: number, mtime: Date): Buffer {
  if (!isSafeEntryPath(path)) throw new Error(`unsafe path for a tar entry: ${JSON.stringify(path)}`);
  const header = Buffer.alloc(BLOCK);
  const { name, prefix } = splitPath(path);
  header.write(name, 0, 100, 'utf8');
  header.write(octal(0o644, 8), 100, 'ascii');
  header.write(octal(0, 8), 108, 'ascii');
  header.write(octal(0, 8), 116, 'ascii');
  header.write(octal(size, 12), 124, 'ascii');
  header.write(octal(Math.floor(mtime.getTime() / 1000), 12), 136, 'ascii');
  header.write('        ', 148, 'ascii');
  header.write('0', 156, 'ascii');
  header.write('ustar\0', 257, 'ascii');
  header.write('00', 263, 'ascii');
  header.write(prefix, 345, 155, 'utf8');
  let sum = 0;
  for (const byte of header) sum += byte;
  header.write(sum.toString(8).padStart(6, '0') + '\0 ', 148, 'ascii');
  return header;
}

export const ustarPadding = (size: number) => Buffer.alloc((BLOCK - (size % BLOCK)) % BLOCK);
export const ustarEnd = () => Buffer.alloc(2 * BLOCK);

/** One file's worth of tar: header, bytes, padding to the next block. */
export function ustarEntry(path: string, data: Buffer, mtime: Date): Buffer[] {
  return [ustarHeader(path, data.length, mtime), data, ustarPadding(data.length)];
}
