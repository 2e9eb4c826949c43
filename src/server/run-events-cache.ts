// Execution events of ended bot runs, per market and attribute set. The execution log is write-once
// and a run that a newer run has followed writes nothing more, so its events are read once and kept:
// a trader switching between 7 and 30 days, or between the executions, analytics and reconciliation
// tabs, re-reads only the live run. (A busy market has 30k events a month: ~16 MB and ~4k read
// units per full read.) Bounded by the number of events held, least recently used first, and by
// age, so DynamoDB's TTL expiry of old events shows through within the hour. Loads are shared by
// concurrent callers (single-flight); a failed load is not kept.
import type { ExecutionEvent, Warning } from '../core/types.js';
import type { RunStepMemo } from '../store/read-runs.js';

export interface RunEvents {
  events: ExecutionEvent[];
  warnings: Warning[];
}

interface Entry {
  value: Promise<RunEvents>;
  atMs: number;
  /** Events held once loaded (0 while loading). */
  size: number;
}

export class RunEventsCache {
  /** Insertion order is recency: a hit is moved to the end. */
  private readonly entries = new Map<string, Entry>();
  private held = 0;

  constructor(
    private readonly maxEvents = 50_000,
    private readonly maxAgeMs = 60 * 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * The run walk's fixed steps ("the run before run R", contract §6.17), so a warm view walks only
   * from the range end to the newest run. Small strings; bounded by count, oldest first.
   */
  readonly runSteps: RunStepMemo = new BoundedMemo(20_000);

  /** Each run's `bot_version` (set once per process, never rewritten), for the runs route's markers. */
  readonly runVersions: RunStepMemo = new BoundedMemo(20_000);

  /** Runs that logged an ORDER_PLACE (§6.19): "yes" for good, "no" for 5 minutes. */
  readonly placedRuns = new PlacedRuns(20_000, 5 * 60_000, () => this.now());

  /**
   * Reads shared by the markets of one page for a few seconds (single-flight): a run's
   * system-decision events (every market's, filtered per market) and a range's "ALL" records. The
   * same reads each market made for itself; held no longer than an answer (3 s), so a live run's
   * new records show as soon as they did.
   */
  readonly shared = new SharedLoads(3_000, 2_000, () => this.now());

  /** Whether an entry is held and fresh (loaded or loading). */
  has(key: string): boolean {
    const known = this.entries.get(key);
    return known !== undefined && this.now() - known.atMs < this.maxAgeMs;
  }

  /** Forgets an entry (a run held as ended that turned out to be the live one). */
  delete(key: string): void {
    const known = this.entries.get(key);
    if (known) this.remove(key, known);
  }

  get heldEvents(): number {
    return this.held;
  }

  async get(key: string, load: () => Promise<RunEvents>): Promise<RunEvents> {
    const known = this.entries.get(key);
    if (known && this.now() - known.atMs < this.maxAgeMs) {
      this.entries.delete(key);
      this.entries.set(key, known);
      return known.value;
    }
    if (known) this.remove(key, known);
    const entry: Entry = { value: load(), atMs: this.now(), size: 0 };
    this.entries.set(key, entry);
    let loaded: RunEvents;
    try {
      loaded = await entry.value;
    } catch (err) {
      if (this.entries.get(key) === entry) this.entries.delete(key);
      throw err;
    }
    if (this.entries.get(key) === entry) {
      entry.size = loaded.events.length;
      this.held += entry.size;
      this.evict();
    }
    return loaded;
  }

  private remove(key: string, entry: Entry): void {
    this.entries.delete(key);
    this.held -= entry.size;
  }

  /** Oldest-used first, until within the bound (a run larger than the bound is not kept at all). */
  private evict(): void {
    for (const [key, entry] of this.entries) {
      if (this.held <= this.maxEvents) return;
      if (entry.size > 0) this.remove(key, entry);
    }
  }
}

class BoundedMemo implements RunStepMemo {
  private readonly map = new Map<string, string | null>();
  constructor(private readonly max: number) {}
  get(key: string): string | null | undefined {
    return this.map.get(key);
  }
  set(key: string, value: string | null): void {
    this.map.delete(key);
    this.map.set(key, value);
    if (this.map.size > this.max) {
      const oldest = this.map.keys().next();
      if (!oldest.done) this.map.delete(oldest.value);
    }
  }
}

class PlacedRuns {
  private readonly map = new Map<string, { placed: boolean; atMs: number }>();
  constructor(
    private readonly max: number,
    private readonly noTtlMs: number,
    private readonly now: () => number,
  ) {}
  get(key: string): boolean | undefined {
    const e = this.map.get(key);
    if (!e) return undefined;
    if (!e.placed && this.now() - e.atMs > this.noTtlMs) {
      this.map.delete(key);
      return undefined;
    }
    return e.placed;
  }
  set(key: string, placed: boolean): void {
    this.map.delete(key);
    this.map.set(key, { placed, atMs: this.now() });
    if (this.map.size > this.max) {
      const oldest = this.map.keys().next();
      if (!oldest.done) this.map.delete(oldest.value);
    }
  }
}

/**
 * Single-flight loads kept `ttlMs` after they began, at most `max` of them (oldest first out); a
 * failed load is forgotten at once.
 */
export class SharedLoads {
  private readonly map = new Map<string, { value: Promise<unknown>; atMs: number }>();
  constructor(
    private readonly ttlMs: number,
    private readonly max: number,
    private readonly now: () => number,
  ) {}
  get<T>(key: string, load: () => Promise<T>): Promise<T> {
    const known = this.map.get(key);
    if (known && this.now() - known.atMs < this.ttlMs) return known.value as Promise<T>;
    const entry = { value: load() as Promise<unknown>, atMs: this.now() };
    this.map.delete(key);
    this.map.set(key, entry);
    entry.value.catch(() => {
      if (this.map.get(key) === entry) this.map.delete(key);
    });
    for (const k of this.map.keys()) {
      if (this.map.size <= this.max) break;
      this.map.delete(k);
    }
    return entry.value as Promise<T>;
  }
}
