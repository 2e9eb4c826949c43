// Newest decision per market for live updates, at a cost independent of the number of markets
// (issue 18). Primed by the cold read (one GSI Query per market, readLatestDecisions), then kept
// fresh by ONE Query per refresh on the decision log's base table: today's `date` partition with
// `timestamp` between the newest timestamp seen (minus a small overlap) and now + clock skew. That
// reads only the decisions written since the last refresh, of every market at once (§2.4, §6.16).
// Never a Scan, never a whole partition: the range starts at the high-water mark.
//
// Midnight: `date` and `timestamp` are two clock reads that can straddle it by microseconds (§2.4),
// so every partition from the lower bound's day (which the overlap already puts before such an item)
// through the day of now + skew is queried: two Queries for a few minutes a day. A decision put after a newer one was already seen (a slow put) is caught
// by the overlap; anything else the incremental view can miss (a put slower than the overlap whose
// market then stops deciding) heals at the full pass on a slow timer, or after a gap between
// refreshes too long for one cheap Query.
import type { Decision, Env, Warning } from '../core/types.js';
import { toNaiveIso, utcDatesBetween } from '../core/time.js';
import type { ReadClient } from './client.js';
import { decodeAll } from './decode/decode-item.js';
import { decodeDecision } from './decode/decision.js';
import { queryAll } from './paginate.js';
import { CLOCK_SKEW_MS, readLatestDecisions, readLatestSystemDecision } from './read-decisions.js';
import { tableName } from './tables.js';

/** Re-read this much before the newest timestamp seen: a put that lands after a newer one. */
export const DECISION_OVERLAP_MS = 2_000;
/** A full (per-market GSI) pass at least this often: heals anything the increments missed. */
export const DECISION_FULL_EVERY_MS = 10 * 60_000;
/** Longer than this since the last refresh ⇒ a full pass (cheaper than reading the gap's decisions). */
export const DECISION_MAX_GAP_MS = 60_000;
/** Most items one incremental refresh reads (a safety cap; beyond it the next refresh is full). */
const MAX_INCREMENT_ITEMS = 20_000;

export interface LatestDecisionsView {
  byMarket: Map<string, Decision>;
  /** Newest of the watched markets' and the system ("ALL") decisions, as the cold read gives it. */
  newestAny: Decision | null;
  warnings: Warning[];
  /** What this refresh did: a full pass or one increment. */
  kind: 'full' | 'increment';
}

const SYSTEM = 'ALL';

export class LatestDecisionTracker {
  /** Newest decision of every market seen (not only the watched ones), and of "ALL". */
  private newest = new Map<string, Decision>();
  /** Markets whose newest decision the cold read established (none found counts too). */
  private primed = new Set<string>();
  private highWaterRaw: string | null = null;
  private lastRefreshMs = -Infinity;
  private lastFullMs = -Infinity;
  private fullRequested = true;

  constructor(
    private readonly client: ReadClient,
    private readonly env: Env,
  ) {}

  /** A full pass at the next refresh. */
  requestFull(): void {
    this.fullRequested = true;
  }

  async refresh(markets: readonly string[], nowMs: number): Promise<LatestDecisionsView> {
    const full =
      this.fullRequested ||
      this.highWaterRaw === null ||
      nowMs - this.lastFullMs >= DECISION_FULL_EVERY_MS ||
      nowMs - this.lastRefreshMs > DECISION_MAX_GAP_MS;
    const warnings: Warning[] = [];
    if (full) {
      const startedMs = nowMs;
      const [latest, system] = await Promise.all([
        readLatestDecisions(this.client, this.env, markets, nowMs + CLOCK_SKEW_MS),
        readLatestSystemDecision(this.client, this.env, nowMs + CLOCK_SKEW_MS),
      ]);
      warnings.push(...latest.warnings, ...system.warnings);
      this.newest = new Map(latest.decisions);
      if (system.decision) this.newest.set(SYSTEM, system.decision);
      this.primed = new Set([...markets, SYSTEM]);
      this.highWaterRaw = maxRaw(this.newest.values()) ?? toNaiveIso(startedMs - DECISION_OVERLAP_MS);
      this.lastFullMs = nowMs;
      this.fullRequested = false;
    } else {
      warnings.push(...(await this.increment(nowMs)));
      // A market watched since (a new config, a new position): its newest decision, cold, once.
      const unprimed = markets.filter((m) => !this.primed.has(m));
      if (unprimed.length) {
        const cold = await readLatestDecisions(this.client, this.env, unprimed, nowMs + CLOCK_SKEW_MS);
        warnings.push(...cold.warnings);
        for (const d of cold.decisions.values()) this.keep(d);
        for (const m of unprimed) this.primed.add(m);
      }
    }
    this.lastRefreshMs = nowMs;
    return { ...this.view(markets), warnings, kind: full ? 'full' : 'increment' };
  }

  /** One Query per partition in range (one, or two around midnight): decisions since the high-water mark. */
  private async increment(nowMs: number): Promise<Warning[]> {
    const table = tableName('dora_decision_log', this.env);
    const from = this.highWaterRaw as string;
    // Capped at our clock: one item stamped ahead (a skewed or corrupt clock) must not hide the rest.
    // And no earlier than the last refresh minus the clock skew: a decision not yet seen was put
    // after that read, so a bot that was quiet for days costs no Query per empty day since.
    const fromMs = Math.max(
      Math.min(naiveMs(from), nowMs) - DECISION_OVERLAP_MS,
      this.lastRefreshMs - CLOCK_SKEW_MS - DECISION_OVERLAP_MS,
    );
    const upperMs = nowMs + CLOCK_SKEW_MS;
    const dates = utcDatesBetween(fromMs, upperMs);
    const warnings: Warning[] = [];
    let read = 0;
    for (const date of dates) {
      const page = await queryAll(
        this.client.doc,
        {
          TableName: table,
          KeyConditionExpression: '#d = :d AND #ts BETWEEN :from AND :to',
          ExpressionAttributeNames: { '#d': 'date', '#ts': 'timestamp' },
          ExpressionAttributeValues: {
            ':d': date,
            ':from': toNaiveIso(fromMs),
            ':to': toNaiveIso(upperMs, 999),
          },
        },
        MAX_INCREMENT_ITEMS - read,
      );
      read += page.items.length;
      const r = decodeAll(page.items, (raw) => decodeDecision(raw, table));
      warnings.push(...r.warnings);
      for (const d of r.values) this.keep(d);
      if (page.truncated) {
        this.fullRequested = true;
        break;
      }
    }
    return warnings;
  }

  private keep(d: Decision): void {
    const old = this.newest.get(d.marketId);
    if (!old || d.timestampRaw > old.timestampRaw) this.newest.set(d.marketId, d);
    if (this.highWaterRaw === null || d.timestampRaw > this.highWaterRaw) this.highWaterRaw = d.timestampRaw;
  }

  private view(markets: readonly string[]): Omit<LatestDecisionsView, 'warnings' | 'kind'> {
    const byMarket = new Map<string, Decision>();
    for (const m of markets) {
      const d = this.newest.get(m);
      if (d) byMarket.set(m, d);
    }
    let newestAny: Decision | null = this.newest.get(SYSTEM) ?? null;
    for (const d of byMarket.values()) if (!newestAny || d.timeMs > newestAny.timeMs) newestAny = d;
    return { byMarket, newestAny };
  }
}

function maxRaw(ds: Iterable<Decision>): string | null {
  let max: string | null = null;
  for (const d of ds) if (max === null || d.timestampRaw > max) max = d.timestampRaw;
  return max;
}

/** Epoch ms of a stored naive timestamp (`YYYY-MM-DDTHH:MM:SS[.ffffff]`, UTC). */
function naiveMs(raw: string): number {
  const ms = Date.parse(`${raw.slice(0, 23)}Z`);
  return Number.isFinite(ms) ? ms : 0;
}
