// A small TTL cache with single-flight: concurrent identical requests share one load, a fresh entry
// answers without touching DynamoDB, an expired entry is served while one refresh runs in the
// background (stale-while-revalidate), and when the store fails the last good value is returned
// with its age so the page can say how old it is.

export interface CacheResult<T> {
  value: T;
  status: 'hit' | 'miss' | 'stale';
  /** When the value was loaded (epoch ms). */
  loadedAtMs: number;
  /** Set when the value is stale because the latest refresh failed. */
  error?: unknown;
}

interface Entry<T> {
  value?: T;
  loadedAtMs: number;
  inflight?: Promise<T>;
  lastError?: unknown;
}

export class TtlCache {
  private readonly entries = new Map<string, Entry<unknown>>();

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
    private readonly maxEntries = 500,
    /** How long an answer may wait for a load before the last good value (or an error) is given. */
    readonly deadlineMs = 10_000,
  ) {}

  /** The last good value, however old, without loading. */
  peek<T>(key: string): { value: T; loadedAtMs: number } | undefined {
    const e = this.entries.get(key) as Entry<T> | undefined;
    return e?.value === undefined ? undefined : { value: e.value, loadedAtMs: e.loadedAtMs };
  }

  async get<T>(key: string, load: () => Promise<T>): Promise<CacheResult<T>> {
    let entry = this.entries.get(key) as Entry<T> | undefined;
    if (!entry) {
      entry = { loadedAtMs: 0 };
      this.entries.set(key, entry);
      this.evict();
    }
    const age = this.now() - entry.loadedAtMs;
    if (entry.value !== undefined && age < this.ttlMs) {
      return { value: entry.value, status: 'hit', loadedAtMs: entry.loadedAtMs };
    }
    if (entry.value !== undefined) {
      // Expired: refresh once in the background; answer now with what we have.
      this.refresh(entry, load).catch(() => undefined);
      return entry.lastError !== undefined
        ? { value: entry.value, status: 'stale', loadedAtMs: entry.loadedAtMs, error: entry.lastError }
        : { value: entry.value, status: 'hit', loadedAtMs: entry.loadedAtMs };
    }
    const value = await this.refresh(entry, load);
    return { value, status: 'miss', loadedAtMs: entry.loadedAtMs };
  }

  /**
   * For answers: just expired (within `graceMs` past the TTL) and healthy ⇒ the previous value now
   * and one refresh in the background, so viewers never queue behind a refresh; older than that, or
   * failing ⇒ wait for a fresh value (falling back to the last good one, marked stale, on error).
   */
  async getFresh<T>(key: string, load: () => Promise<T>, graceMs = 2 * this.ttlMs): Promise<CacheResult<T>> {
    const entry = this.entries.get(key) as Entry<T> | undefined;
    const age = entry?.value !== undefined ? this.now() - entry.loadedAtMs : 0;
    if (
      entry?.value !== undefined &&
      age >= this.ttlMs &&
      age < this.ttlMs + graceMs &&
      entry.lastError === undefined
    ) {
      this.refresh(entry, load).catch(() => undefined);
      return { value: entry.value, status: 'hit', loadedAtMs: entry.loadedAtMs };
    }
    if (entry?.value !== undefined && age >= this.ttlMs) {
      try {
        const value = await this.refresh(entry, load);
        return { value, status: 'miss', loadedAtMs: entry.loadedAtMs };
      } catch (error) {
        return { value: entry.value, status: 'stale', loadedAtMs: entry.loadedAtMs, error };
      }
    }
    return this.get(key, load);
  }

  /**
   * Fresh within the TTL, else one shared reload whose failure propagates: for the parts an answer is
   * assembled from, so that staleness is decided (and reported) once, by the answer's own cache.
   * `maxAgeMs` narrows the TTL for one caller that needs the part fresher than the rest do; the
   * entry (and any load in flight) is still the shared one.
   */
  async strict<T>(key: string, load: () => Promise<T>, maxAgeMs = this.ttlMs): Promise<T> {
    let entry = this.entries.get(key) as Entry<T> | undefined;
    if (!entry) {
      entry = { loadedAtMs: 0 };
      this.entries.set(key, entry);
      this.evict();
    }
    if (entry.value !== undefined && this.now() - entry.loadedAtMs < Math.min(maxAgeMs, this.ttlMs))
      return entry.value;
    return this.refresh(entry, load);
  }

  /** Marks an entry expired, so the next read loads (the live poller wants what changed now). */
  expire(key: string): void {
    const e = this.entries.get(key);
    if (e && !e.inflight) e.loadedAtMs = Math.min(e.loadedAtMs, this.now() - this.ttlMs);
  }

  private refresh<T>(entry: Entry<T>, load: () => Promise<T>): Promise<T> {
    if (!entry.inflight) {
      // The data is as old as the moment reading began, not when it ended.
      const startedAtMs = this.now();
      entry.inflight = load()
        .then((value) => {
          entry.value = value;
          entry.loadedAtMs = startedAtMs;
          entry.lastError = undefined;
          return value;
        })
        .catch((err: unknown) => {
          entry.lastError = err;
          throw err;
        })
        .finally(() => {
          entry.inflight = undefined;
        });
    }
    return entry.inflight;
  }

  private evict(): void {
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) return;
      this.entries.delete(oldest);
    }
  }

  clear(): void {
    this.entries.clear();
  }

  /** Entries held (loaded, loading or failed). */
  get size(): number {
    return this.entries.size;
  }
}
