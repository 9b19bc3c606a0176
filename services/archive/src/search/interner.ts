import type { ArchivalMetadata } from '@vanthu/shared';

/** Fields whose values repeat across an office's packages: its name and code, the signer, the usual recipients. */
const REPEATED = new Set(['type', 'issuerCode', 'issuerName', 'language', 'urgency', 'secrecy', 'finalStatus', 'fileCode']);
/** Small objects and lists that repeat whole, kept once per distinct value (by their JSON). */
const REPEATED_WHOLE = new Set(['signer', 'recipients']);

/**
 * One copy of each value that packages share. The database driver gives every package its own
 * strings and objects; at 100,000 packages the repeated ones are a fifth of what the search keeps
 * (measured in `npm run bench:archive`). The metadata keeps its fields in their order, so it
 * serialises as stored. Shared values are never changed: the search only reads them.
 */
export class Interner {
  private readonly strings = new Map<string, string>();
  private readonly wholes = new Map<string, unknown>();

  string(value: string): string {
    const kept = this.strings.get(value);
    if (kept !== undefined) return kept;
    this.strings.set(value, value);
    return value;
  }

  metadata(metadata: ArchivalMetadata): ArchivalMetadata {
    const kept: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(metadata)) {
      if (typeof value === 'string' && REPEATED.has(key)) kept[key] = this.string(value);
      else if (REPEATED_WHOLE.has(key) && value !== null && typeof value === 'object') kept[key] = this.whole(value);
      else kept[key] = value;
    }
    return kept as unknown as ArchivalMetadata;
  }

  private whole(value: unknown): unknown {
    const key = JSON.stringify(value);
    const kept = this.wholes.get(key);
    if (kept !== undefined) return kept;
    this.wholes.set(key, value);
    return value;
  }
}
