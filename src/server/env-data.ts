// Per environment: what the pages need, each part read once per TTL whoever asks (single-flight),
// the fill history held and refreshed incrementally. Routes and the live poller both use this, and
// routes read nothing but through it: the request-specific reads (a range, an id) pass through
// below without a cache of their own, so the client stays out of the route modules.
import type { MetricsInput } from '../core/index.js';
import type { Decision, Env, Fill, MarketConfig, QuoteDecision, Warning } from '../core/types.js';
import type { ReadClient } from '../store/client.js';
import { describeTable } from '../store/describe.js';
import { FillHistory, type FillHistorySnapshot } from '../store/fill-history.js';
import {
  CLOCK_SKEW_MS,
  readDecisionById,
  readDecisionsAt,
  readLatestDecision,
  readLatestDecisions,
  readLatestDecisionsWithoutGsi,
  readLatestSystemDecision,
  readMarketDecisions,
  readMarketDecisionsWithoutGsi,
  readMarketQuoteDecisions,
  readNextDecision,
  readQuoteDecisionsAt,
  type DecisionPage,
  type MarketDecisionsQuery,
} from '../store/read-decisions.js';
import { readDecisionExecutions } from '../store/read-executions.js';
import { readConfigs, readStateItems, type StateItems } from '../store/read-state.js';
import type { MarketDataSource } from '../store/kalshi/source.js';
import { marketDataView } from './market-data.js';
import { LatestDecisionTracker } from '../store/incremental-decisions.js';
import { DECISION_GSI } from '../store/tables.js';
import { TtlCache } from './cache.js';
import { marketEventsInRange, runsInRange, runsWithPlacements } from './market-events.js';
import { RunEventsCache } from './run-events-cache.js';
import {
  fillsQuality,
  MAX_QUALITY_DECISIONS,
  marketQualityParts,
  type QualityRange,
  type QualityReads,
} from './quality.js';

export interface LatestDecisions {
  byMarket: Map<string, Decision>;
  newestAny: Decision | null;
  warnings: Warning[];
}

export interface EnvSnapshot {
  configs: MarketConfig[];
  state: StateItems;
  fills: FillHistorySnapshot;
  decisions: LatestDecisions;
  warnings: Warning[];
  /** Oldest load time among the parts: how old the assembled data can be. */
  loadedAtMs: number;
}

/** How long configs are kept by the incremental live reads (they change by hand, rarely). */
export const CONFIG_TTL_MS = 5 * 60_000;

/** Settled decision-in-force answers kept per EnvData, for each cache (oldest dropped first). */
const DECISION_AT_CACHE_MAX = 100_000;

export interface EnvDataOptions {
  incremental?: boolean;
  /** quality.ts's reads: `light` (the default) or `full`, the reads before issue 19 (tests compare them). */
  qualityReads?: QualityReads;
}

export class EnvData {
  private readonly cache: TtlCache;
  readonly fills: FillHistory;
  /** Execution events of ended runs (run-events-cache.ts). */
  readonly runEvents: RunEventsCache;
  private gsiPresent: Promise<boolean> | null = null;
  private lastRunId: string | null = null;
  /** Live reads at the floor (issue 18): null ⇒ the cold reads every time. */
  private readonly tracker: LatestDecisionTracker | null;
  /** Configs change rarely: read every CONFIG_TTL_MS when incremental (else with the rest). */
  private readonly configCache: TtlCache;
  readonly qualityReads: QualityReads;

  constructor(
    private readonly client: ReadClient,
    readonly env: Env,
    private readonly now: () => number,
    private readonly ttlMs = 3_000,
    opts: EnvDataOptions = {},
  ) {
    this.qualityReads = opts.qualityReads ?? 'light';
    this.cache = new TtlCache(ttlMs, now);
    this.configCache = opts.incremental ? new TtlCache(CONFIG_TTL_MS, now) : this.cache;
    this.tracker = opts.incremental ? new LatestDecisionTracker(client, env) : null;
    this.fills = new FillHistory(client, env, { now, incremental: opts.incremental ?? false });
    this.runEvents = new RunEventsCache(50_000, 60 * 60_000, now);
  }

  /**
   * The decision in force at each time, for a fill's context. The past does not change, so answers
   * for times over a minute old are kept (bounded), and a page of 500 fills costs its reads once.
   */
  decisionsAt(
    marketId: string,
    timesMs: readonly number[],
    concurrency?: number,
  ): Promise<{ byTime: Map<number, Decision | null>; warnings: Warning[] }> {
    return this.keptDecisionsAt(this.decisionAtCache, marketId, timesMs, (missing) =>
      readDecisionsAt(this.client, this.env, marketId, missing, concurrency),
    );
  }

  private readonly decisionAtCache = new Map<string, Decision | null>();

  /**
   * decisionsAt for quality.ts, kept the same way in a cache of their own: projected decisions
   * (QuoteDecision) with the `light` reads, whole ones (as before issue 19) with `full`.
   */
  quoteDecisionsAt(
    marketId: string,
    timesMs: readonly number[],
    concurrency?: number,
  ): Promise<{ byTime: Map<number, QuoteDecision | null>; warnings: Warning[] }> {
    if (this.qualityReads === 'full') return this.decisionsAt(marketId, timesMs, concurrency);
    return this.keptDecisionsAt(this.quoteDecisionAtCache, marketId, timesMs, (missing) =>
      readQuoteDecisionsAt(this.client, this.env, marketId, missing, concurrency),
    );
  }

  private readonly quoteDecisionAtCache = new Map<string, QuoteDecision | null>();

  /** Answers from `cache` where kept; the rest read, and kept once over a minute old. */
  private async keptDecisionsAt<D>(
    cache: Map<string, D | null>,
    marketId: string,
    timesMs: readonly number[],
    read: (missing: number[]) => Promise<{ byTime: Map<number, D | null>; warnings: Warning[] }>,
  ): Promise<{ byTime: Map<number, D | null>; warnings: Warning[] }> {
    const settledBefore = this.now() - 60_000;
    const byTime = new Map<number, D | null>();
    const missing: number[] = [];
    for (const t of new Set(timesMs)) {
      const hit = cache.get(`${marketId}|${t}`);
      if (hit !== undefined) byTime.set(t, hit);
      else missing.push(t);
    }
    const got = missing.length ? await read(missing) : { byTime: new Map<number, D | null>(), warnings: [] };
    for (const [t, d] of got.byTime) {
      byTime.set(t, d);
      if (t < settledBefore) cache.set(`${marketId}|${t}`, d);
    }
    // Bounded: drop the oldest entries (Map keeps insertion order).
    for (const key of cache.keys()) {
      if (cache.size <= DECISION_AT_CACHE_MAX) break;
      cache.delete(key);
    }
    return { byTime, warnings: got.warnings };
  }

  /** The live poller checks for new fills every second: the next read re-queries the newest partitions. */
  expireFills(): void {
    this.cache.expire('fills');
  }

  /** DescribeTable once: does the decision log have market_id-timestamp-index? */
  hasDecisionGsi(): Promise<boolean> {
    this.gsiPresent ??= describeTable(this.client, this.env, 'dora_decision_log')
      .then((t) => t.indexes.includes(DECISION_GSI))
      .catch((err: unknown) => {
        this.gsiPresent = null;
        throw err;
      });
    return this.gsiPresent;
  }

  async configs(): Promise<MarketConfig[]> {
    return (await this.configsWithWarnings()).configs;
  }

  private async configsWithWarnings(maxAgeMs?: number) {
    return this.configCache.strict(`configs`, async () => readConfigs(this.client, this.env), maxAgeMs);
  }

  /**
   * The configs for the markets list, with their warnings: the shared entry, but no older than the
   * other parts' TTL (not CONFIG_TTL_MS), as the list read them before it shared this cache — it is
   * where a trader looks to see that an edit took.
   */
  async configList(): Promise<{ configs: MarketConfig[]; warnings: Warning[] }> {
    return this.configsWithWarnings(this.ttlMs);
  }

  async state(): Promise<StateItems> {
    return this.cache.strict('state', () => readStateItems(this.client, this.env));
  }

  async fillHistory(): Promise<FillHistorySnapshot> {
    return this.cache.strict('fills', () => this.fills.refresh());
  }

  /** The markets whose newest decision matters: every configured market and every open position. */
  private marketsToWatch(configs: MarketConfig[], state: StateItems): string[] {
    const ids = new Set(configs.map((c) => c.marketId));
    for (const p of state.positions?.positions.values() ?? []) if (p.netYesQty !== 0) ids.add(p.marketId);
    return [...ids].sort();
  }

  async latestDecisions(): Promise<LatestDecisions> {
    const [{ configs }, state] = await Promise.all([this.configsWithWarnings(), this.state()]);
    const markets = this.marketsToWatch(configs, state);
    return this.cache.strict(`decisions`, async (): Promise<LatestDecisions> => {
      if (!(await this.hasDecisionGsi())) {
        const r = await readLatestDecisionsWithoutGsi(this.client, this.env, markets, this.now());
        return {
          byMarket: r.decisions,
          newestAny: r.newestAny,
          warnings: [
            {
              code: 'missing_gsi',
              message: `dora_decision_log_${this.env} has no ${DECISION_GSI}: newest decisions come from a bounded read of today's partition${r.complete ? '' : ' and some markets show none'}. Run the bot's add_decision_log_gsi.py.`,
            },
            ...r.warnings,
          ],
        };
      }
      if (this.tracker) {
        const r = await this.tracker.refresh(markets, this.now());
        return { byMarket: r.byMarket, newestAny: r.newestAny, warnings: r.warnings };
      }
      const [latest, system] = await Promise.all([
        readLatestDecisions(this.client, this.env, markets, this.now() + CLOCK_SKEW_MS),
        readLatestSystemDecision(this.client, this.env, this.now() + CLOCK_SKEW_MS),
      ]);
      let newestAny: Decision | null = system.decision;
      for (const d of latest.decisions.values()) if (!newestAny || d.timeMs > newestAny.timeMs) newestAny = d;
      return { byMarket: latest.decisions, newestAny, warnings: [...latest.warnings, ...system.warnings] };
    });
  }

  /** Everything the overview and stale pages compute from, with every part's warnings. */
  async snapshot(): Promise<EnvSnapshot> {
    if (this.tracker) {
      // Decisions first: a new run id means startup backfills with old sort keys, which the
      // incremental fill read cannot see — the fills of this same refresh are then a full re-read.
      const decisions = await this.latestDecisions();
      const runId = decisions.newestAny?.botRunId ?? null;
      if (runId && this.lastRunId && runId !== this.lastRunId) {
        this.fills.requestFullReload();
        this.cache.expire('fills');
      }
      this.lastRunId = runId ?? this.lastRunId;
    }
    const [cfg, state, fills, decisions] = await Promise.all([
      this.configsWithWarnings(),
      this.state(),
      this.fillHistory(),
      this.latestDecisions(),
    ]);
    // A new bot run backfills missed fills into old partitions: re-read the whole trade log.
    const runId = decisions.newestAny?.botRunId ?? null;
    if (runId && this.lastRunId && runId !== this.lastRunId) this.fills.requestFullReload();
    this.lastRunId = runId ?? this.lastRunId;
    // A fill stamped more than a day ahead is a corrupt item: it would sit in every total forever.
    const horizon = this.now() + 86_400_000;
    const future = fills.fills.filter((f) => f.fillTimeMs > horizon);
    const futureWarnings: Warning[] = future.map((f) => ({
      code: 'undecodable_item',
      message: `dora_trade_log_${this.env}: item (date=${f.date}, timestamp#order_id=${f.sortKey}) skipped: fill time ${new Date(f.fillTimeMs).toISOString()} is in the future`,
      detail: { table: `dora_trade_log_${this.env}`, key: { date: f.date, 'timestamp#order_id': f.sortKey } },
    }));
    return {
      configs: cfg.configs,
      state,
      fills: future.length ? { ...fills, fills: fills.fills.filter((f) => f.fillTimeMs <= horizon) } : fills,
      decisions,
      warnings: [
        ...cfg.warnings,
        ...state.warnings,
        ...fills.warnings,
        ...futureWarnings,
        ...decisions.warnings,
      ],
      loadedAtMs: Math.min(fills.loadedAtMs, this.now()),
    };
  }

  /**
   * The snapshot as core's input: what the overview, stale list, risk page, market header, alerts
   * and live poller compute from. The region and the clock are the app's (AppContext satisfies
   * `ctx`; importing its type here would close a circle, context.ts → alert-monitor.ts →
   * env-data.ts); "now" is read after the snapshot has loaded. The market data is the source's
   * cached view for the configured and held markets (and `alsoTickers`), taken at once, never
   * awaited: it is not a part of the snapshot and no cache keys on it.
   */
  async metricsInput(
    ctx: { region: string; nowMs: () => number; marketData?: MarketDataSource | null },
    tz: string,
    days: number,
    alsoTickers: readonly string[] = [],
  ): Promise<{ input: MetricsInput; warnings: Warning[] }> {
    const snap = await this.snapshot();
    const tickers = [
      ...snap.configs.map((c) => c.marketId),
      ...(snap.state.positions?.positions.keys() ?? []),
      ...alsoTickers,
    ];
    return {
      input: {
        env: this.env,
        region: ctx.region,
        tz,
        nowMs: ctx.nowMs(),
        days,
        configs: snap.configs,
        positions: snap.state.positions,
        openOrders: snap.state.openOrders,
        risk: snap.state.risk,
        globalConfig: snap.state.globalConfig,
        fills: snap.fills.fills,
        latestDecisions: snap.decisions.byMarket,
        newestDecisionAny: snap.decisions.newestAny,
        apiErrors: snap.state.apiErrors,
        marketData: marketDataView(ctx.marketData, this.env, tickers),
      },
      warnings: snap.warnings,
    };
  }

  // Request-specific reads (a range, an id, a market's newest decision read through the GSI): each
  // call reads, as the routes did with the client themselves. Their answers are cached, where at all,
  // by the route's own answer cache; the two that take the run-events cache take it as before.

  /**
   * The decision in force at each time, read every call. For sampled times (the price series, the
   * compare spreads): they move with every "last N days" range, so keeping them in decisionsAt's
   * cache would only push out the fill times that do come back.
   */
  readDecisionsAt(marketId: string, timesMs: readonly number[], concurrency?: number) {
    return readDecisionsAt(this.client, this.env, marketId, timesMs, concurrency);
  }

  /**
   * readDecisionsAt projected to what a sampled book needs (QuoteDecision: the touch, the mid, the
   * targets): a quarter of a whole decision's bytes, and covering reads of up to 100 items.
   */
  readQuoteDecisionsAt(marketId: string, timesMs: readonly number[], concurrency?: number) {
    return readQuoteDecisionsAt(this.client, this.env, marketId, timesMs, concurrency);
  }

  /** A market's newest decision through the GSI, bounded by now + clock skew (the market header). */
  readLatestDecision(marketId: string) {
    return readLatestDecision(this.client, this.env, marketId, this.now() + CLOCK_SKEW_MS);
  }

  /** One page of a market's decisions in a range, newest first (GSI). */
  readMarketDecisions(q: MarketDecisionsQuery) {
    return readMarketDecisions(this.client, this.env, q);
  }

  /** The same for quality.ts: projected decisions with the `light` reads, whole ones with `full`. */
  readMarketQuoteDecisions(q: MarketDecisionsQuery): Promise<DecisionPage<QuoteDecision>> {
    if (this.qualityReads === 'full') return readMarketDecisions(this.client, this.env, q);
    return readMarketQuoteDecisions(this.client, this.env, q);
  }

  /** Without the GSI: the bounded read of the date partitions (partial; the caller warns). */
  readMarketDecisionsWithoutGsi(q: Parameters<typeof readMarketDecisionsWithoutGsi>[2]) {
    return readMarketDecisionsWithoutGsi(this.client, this.env, q);
  }

  readDecisionById(decisionId: string) {
    return readDecisionById(this.client, this.env, decisionId, undefined, this.now());
  }

  /** The next decision of a market strictly after a stored timestamp. */
  readNextDecision(marketId: string, afterRaw: string) {
    return readNextDecision(this.client, this.env, marketId, afterRaw);
  }

  /** The execution events of one decision. */
  readDecisionExecutions(decisionId: string) {
    return readDecisionExecutions(this.client, this.env, decisionId);
  }

  /** A market's execution events in a range, ended runs from the run-events cache (market-events.ts). */
  marketEvents(
    marketId: string,
    fromMs: number,
    toMs: number,
    opts: { attributes?: readonly string[] } = {},
  ) {
    return marketEventsInRange(this.client, this.env, marketId, fromMs, toMs, {
      ...opts,
      cache: this.runEvents,
    });
  }

  /**
   * The bot runs seen for a market in a range, with each run's version (market-events.ts: the walk
   * of contract §6.17; its fixed steps and the versions are kept in runEvents).
   */
  marketRuns(marketId: string, fromMs: number, toMs: number) {
    return runsInRange(this.client, this.env, marketId, fromMs, toMs, this.runEvents);
  }

  /** Of these runs, those that logged any ORDER_PLACE (market-events.ts; answers kept in runEvents). */
  runsWithPlacements(runIds: readonly string[]) {
    return runsWithPlacements(this.client, this.env, runIds, this.runEvents);
  }

  /**
   * One market's market-making quality over [fromMs, toMs] (tz: the daily split), read with tight
   * index reads only (quality.ts); `maxDecisions` caps the decisions read for quote health.
   */
  marketQuality(
    marketId: string,
    range: QualityRange,
    opts: { maxDecisions?: number; readConcurrency?: number } = {},
  ) {
    return marketQualityParts(this, marketId, range, {
      nowMs: this.now(),
      answerInWindow: this.qualityReads === 'light',
      maxDecisions: opts.maxDecisions ?? MAX_QUALITY_DECISIONS,
      ...(opts.readConcurrency === undefined ? {} : { readConcurrency: opts.readConcurrency }),
    });
  }

  /** Edge at fill and markouts of these fills of one market (the fills list's columns). */
  fillsQuality(marketId: string, fills: readonly Fill[]) {
    return fillsQuality(this, marketId, fills, this.now());
  }

  /** Known market ids (configs and positions): anything else is a 404. */
  async knownMarket(marketId: string): Promise<boolean> {
    const [configs, state] = await Promise.all([this.configs(), this.state()]);
    if (configs.some((c) => c.marketId === marketId) || (state.positions?.positions.has(marketId) ?? false))
      return true;
    // A market only the trade log knows (its config deleted, a manual trade): its fills still open.
    const history = await this.fillHistory();
    return history.fills.some((f) => f.marketId === marketId);
  }
}

export class EnvRegistry {
  private readonly byEnv = new Map<Env, EnvData>();
  constructor(
    private readonly client: ReadClient,
    private readonly now: () => number,
    private readonly opts: EnvDataOptions = {},
  ) {}
  get(env: Env): EnvData {
    let d = this.byEnv.get(env);
    if (!d) {
      d = new EnvData(this.client, env, this.now, 3_000, this.opts);
      this.byEnv.set(env, d);
    }
    return d;
  }
}
