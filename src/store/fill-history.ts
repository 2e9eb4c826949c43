// The whole trade log of one environment, held in memory and kept fresh cheaply. P&L is a replay of
// every fill since the account began (metrics.md §Realized), so the history is read once with a
// parallel Scan, then only the newest date partitions are re-queried. Two things arrive elsewhere
// (contract §6.7, §2.3): startup backfills land in the partitions of their (old) fill dates, and the
// date-fix migration moves items between partitions. A full re-read every `fullEveryMs`, or on
// request (e.g. when a new bot run starts), picks those up.
import type { Env, Fill, Warning } from '../core/types.js';
import { DAY_MS, utcDatesBetween } from '../core/time.js';
import type { ReadClient } from './client.js';
import { dedupeWarnings } from './decode/decode-item.js';
import { readAllFills, readFillPartitions } from './read-fills.js';
import { FILL_LOG_LAG_MS, readFillsSince } from './incremental-fills.js';
import { CLOCK_SKEW_MS } from './read-decisions.js';

export interface FillHistorySnapshot {
  fills: Fill[];
  warnings: Warning[];
  loadedAtMs: number;
  fullLoadedAtMs: number;
}

export class FillHistory {
  /** Items by partition, then sort key (the table's key; no 100-byte joined key string per fill). */
  private byDate = new Map<string, Map<string, Fill>>();
  private warningsByKey = new Map<string, Warning[]>();
  private fullLoadedAtMs = 0;
  private loadedAtMs = 0;
  private inflight: Promise<FillHistorySnapshot> | null = null;
  private fullRequested = true;
  private snapshot: FillHistorySnapshot | null = null;

  constructor(
    private readonly client: ReadClient,
    private readonly env: Env,
    private readonly opts: {
      now: () => number;
      recentDays?: number;
      fullEveryMs?: number;
      /** Between full passes, read only sort keys after the newest fill held − the logging lag. */
      incremental?: boolean;
    } = { now: Date.now },
  ) {}

  /** Ask for a full re-read at the next refresh (new bot run ⇒ possible backfills in old partitions). */
  requestFullReload(): void {
    this.fullRequested = true;
  }

  /** Fresh history; concurrent callers share one refresh. */
  refresh(): Promise<FillHistorySnapshot> {
    if (!this.inflight) {
      this.inflight = this.doRefresh().finally(() => {
        this.inflight = null;
      });
    }
    return this.inflight;
  }

  private async doRefresh(): Promise<FillHistorySnapshot> {
    const now = this.opts.now();
    const full = this.fullRequested || now - this.fullLoadedAtMs >= (this.opts.fullEveryMs ?? 10 * 60_000);
    if (full) {
      const read = await readAllFills(this.client, this.env);
      this.byDate = new Map();
      for (const f of read.fills) this.put(f);
      this.warningsByKey = new Map([['*', read.warnings]]);
      this.fullLoadedAtMs = now;
      this.fullRequested = false;
    } else if (this.opts.incremental) {
      // Only what can be new (incremental-fills.ts): sort keys after the newest fill held minus the
      // bot's worst logging lag, no earlier than that before the last full pass (a quiet log's newest
      // fill may be days old; anything logged since the full pass began is no older than this).
      let newest = this.fullLoadedAtMs - CLOCK_SKEW_MS;
      for (const f of this.snapshot?.fills ?? [])
        if (f.fillTimeMs > newest && f.fillTimeMs <= now + CLOCK_SKEW_MS) newest = f.fillTimeMs;
      const read = await readFillsSince(this.client, this.env, newest - FILL_LOG_LAG_MS, now);
      this.warningsByKey.set('recent', read.warnings);
      const fresh = read.fills.filter((f) => {
        const old = this.byDate.get(f.date)?.get(f.sortKey);
        return old === undefined || !sameFields(old, f);
      });
      if (this.snapshot && fresh.length === 0) {
        this.loadedAtMs = now;
        this.snapshot = {
          ...this.snapshot,
          warnings: dedupeWarnings([...this.warningsByKey.values()].flat()),
          loadedAtMs: now,
        };
        return this.snapshot;
      }
      for (const f of fresh) this.put(f);
    } else {
      // Today and yesterday (a fill just before midnight may be written just after it).
      const days = this.opts.recentDays ?? 1;
      const dates = new Set(utcDatesBetween(now - days * DAY_MS, now));
      const read = await readFillPartitions(this.client, this.env, now - days * DAY_MS, now);
      this.warningsByKey.set('recent', read.warnings);
      if (this.snapshot && !this.partitionsChanged(dates, read.fills)) {
        // Nothing new: the same fills array, so everything computed from it (the replay) is reused.
        this.loadedAtMs = now;
        this.snapshot = {
          ...this.snapshot,
          warnings: dedupeWarnings([...this.warningsByKey.values()].flat()),
          loadedAtMs: now,
        };
        return this.snapshot;
      }
      // Replace the re-read partitions wholesale, so an item moved or deleted there disappears too.
      for (const date of dates) this.byDate.delete(date);
      for (const f of read.fills) this.put(f);
    }
    this.loadedAtMs = now;
    this.snapshot = {
      fills: [...this.byDate.values()].flatMap((m) => [...m.values()]),
      warnings: dedupeWarnings([...this.warningsByKey.values()].flat()),
      loadedAtMs: this.loadedAtMs,
      fullLoadedAtMs: this.fullLoadedAtMs,
    };
    return this.snapshot;
  }

  private put(f: Fill): void {
    let partition = this.byDate.get(f.date);
    if (!partition) this.byDate.set(f.date, (partition = new Map()));
    partition.set(f.sortKey, f);
  }

  /** Whether the re-read partitions differ from what is held (an item added, gone or changed). */
  private partitionsChanged(dates: ReadonlySet<string>, fresh: readonly Fill[]): boolean {
    let held = 0;
    for (const date of dates) held += this.byDate.get(date)?.size ?? 0;
    if (held !== fresh.length) return true;
    return fresh.some((f) => {
      const old = this.byDate.get(f.date)?.get(f.sortKey);
      return old === undefined || !sameFields(old, f);
    });
  }

  current(): FillHistorySnapshot | null {
    return this.snapshot;
  }
}

/** Fills are flat records of primitives: equal when every field is. */
function sameFields(a: Fill, b: Fill): boolean {
  const keys = Object.keys(a) as (keyof Fill)[];
  return keys.length === Object.keys(b).length && keys.every((k) => Object.is(a[k], b[k]));
}
