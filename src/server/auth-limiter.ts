// Failed sign-in attempts per client. After `max` failures within `windowMs` the client's further
// guesses are refused (429) for `windowMs` from the last of them. Bounded: only clients that failed
// are tracked (a request that presents nothing adds nothing), an entry ends with its window, and
// past `maxClients` the longest-tracked give way — at most a few hundred bytes each, whatever the
// requests carried.
export class FailureLimiter {
  private readonly clients = new Map<string, { count: number; untilMs: number }>();
  private lastSweepMs = 0;

  constructor(
    private readonly now: () => number = Date.now,
    private readonly max = 10,
    private readonly windowMs = 60_000,
    private readonly maxClients = 10_000,
  ) {}

  blocked(key: string): boolean {
    const e = this.clients.get(key);
    if (!e) return false;
    if (this.now() >= e.untilMs) {
      this.clients.delete(key);
      return false;
    }
    return e.count >= this.max;
  }

  fail(key: string): void {
    const now = this.now();
    // Ended windows are dropped once a window, so entries of clients never seen again do not linger.
    if (now - this.lastSweepMs >= this.windowMs) this.sweep(now);
    const e = this.clients.get(key);
    if (e && now < e.untilMs) {
      e.count++;
      // Refused for a whole window from the failure that reached the limit (and each after it).
      if (e.count >= this.max) e.untilMs = now + this.windowMs;
      return;
    }
    if (e) this.clients.delete(key);
    if (this.clients.size >= this.maxClients) this.prune(now);
    this.clients.set(key, { count: 1, untilMs: now + this.windowMs });
  }

  /** Clients tracked now (a /metrics gauge). */
  get size(): number {
    return this.clients.size;
  }

  private sweep(now: number): void {
    this.lastSweepMs = now;
    for (const [k, e] of this.clients) if (now >= e.untilMs) this.clients.delete(k);
  }

  private prune(now: number): void {
    this.sweep(now);
    // Still full: the oldest entries go (Map keeps insertion order).
    for (const k of this.clients.keys()) {
      if (this.clients.size < this.maxClients) break;
      this.clients.delete(k);
    }
  }
}
