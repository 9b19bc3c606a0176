/**
 * Blobs this process re-read and re-hashed lately. Documents share some blobs (the CA
 * certificate, the day's revocation list): each is re-read once in a while rather than once per
 * package. A blob read from our database costs a pass over its whole collection
 * (docs/local-stack.md), so this takes two of a typical package's three reads away.
 */
export class RecentVerifications {
  private readonly at = new Map<string, number>();

  constructor(
    private readonly maxAgeMs = 10 * 60_000,
    private readonly maxEntries = 1_000,
  ) {}

  has(sha256: string, now = Date.now()): boolean {
    const at = this.at.get(sha256);
    return at !== undefined && now - at <= this.maxAgeMs;
  }

  add(sha256: string, now = Date.now()): void {
    this.at.delete(sha256);
    this.at.set(sha256, now);
    // Oldest first, as a Map keeps insertion order.
    while (this.at.size > this.maxEntries) this.at.delete(this.at.keys().next().value!);
  }
}
