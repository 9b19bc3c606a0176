/**
 * PNG row filters (RFC 2083 §6), one byte per pixel, as cross-reference streams use them; shared
 * by the bounded inspector and signing's object lookup. `onRow` lets a caller keep its time
 * budget; an unknown row type gives undefined, for the caller to refuse in its own terms.
 */
export function unpredictPng(data: Buffer, columns: number, onRow: () => void = () => undefined): Buffer | undefined {
  const rowCount = Math.floor(data.length / (columns + 1));
  const out = Buffer.alloc(rowCount * columns);
  for (let r = 0; r < rowCount; r += 1) {
    onRow();
    const type = data[r * (columns + 1)]!;
    const src = r * (columns + 1) + 1;
    const dst = r * columns;
    for (let c = 0; c < columns; c += 1) {
      const raw = data[src + c]!;
      const left = c > 0 ? out[dst + c - 1]! : 0;
      const up = r > 0 ? out[dst - columns + c]! : 0;
      const upLeft = r > 0 && c > 0 ? out[dst - columns + c - 1]! : 0;
      let value: number;
      if (type === 0) value = raw;
      else if (type === 1) value = raw + left;
      else if (type === 2) value = raw + up;
      else if (type === 3) value = raw + ((left + up) >> 1);
      else if (type === 4) {
        const p = left + up - upLeft;
        const [pa, pb, pc] = [Math.abs(p - left), Math.abs(p - up), Math.abs(p - upLeft)];
        value = raw + (pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft);
      } else return undefined;
      out[dst + c] = value & 0xff;
    }
  }
  return out;
}
