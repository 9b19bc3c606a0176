/**
 * Why an untrusted PDF is refused. `damaged`: its structure cannot be followed (no header, a
 * cross-reference that points nowhere, a page tree that loops). `too-complex`: it may be valid,
 * but reading it would take more than the limits allow (see `PdfLimits`). `encrypted`: its
 * objects cannot be read without a password. Each service words the answer in its own contract.
 */
export type PdfRefusalKind = 'damaged' | 'too-complex' | 'encrypted';

export class PdfRefused extends Error {
  constructor(
    readonly kind: PdfRefusalKind,
    message: string,
  ) {
    super(message);
    this.name = 'PdfRefused';
  }
}

export const damaged = (message: string): never => {
  throw new PdfRefused('damaged', message);
};

export const tooComplex = (message: string): never => {
  throw new PdfRefused('too-complex', message);
};

export const isPdfRefused = (error: unknown): error is PdfRefused => error instanceof PdfRefused;
