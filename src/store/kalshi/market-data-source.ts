// The MarketDataSource (source.ts) over the HTTP client: per environment a cache of markets (5 min;
// settled markets, whose facts no longer change, 6 h) and of the account's settlements (5 min),
// refreshed in the background — one refresh in flight per environment whoever asks, started by a
// view() that finds tickers missing or old. view() never waits: it answers from the cache at once,
// keeps the last good data when Kalshi fails, and says why in `unavailable`. After a failure the next
// attempt waits `retryAfterFailureMs` (30 s), so a down API is not hammered by page views.
import type { Env } from '../../core/types.js';
import type { AccountSettlement, MarketDataView, MarketInfo } from '../../core/market-info.js';
import {
  isKalshiTicker,
  KalshiApiError,
  MarketDataClient,
  type KalshiCredentials,
  type MarketDataClientOptions,
} from './market-data-client.js';
import type { MarketDataSource, MarketDataStatus } from './source.js';

export interface MarketDataEnvOptions {
  /** Kalshi API base URL (or the embedded fake's). */
  baseUrl: string;
  /** The account's key: enables the signed settlements endpoint. Null/absent ⇒ market data only. */
  credentials?: KalshiCredentials | null;
}

export interface MarketDataSourceOptions {
  /** Per environment; an environment left out says "not configured" in every view. */
  envs: Partial<Record<Env, MarketDataEnvOptions>>;
  /** Markets (and unknown tickers) are re-read after this (default 5 min). */
  ttlMs?: number;
  /** Settled markets (a result is known) are re-read after this (default 6 h). */
  settledTtlMs?: number;
  /** The account's settlements are re-read after this (default 5 min). */
  settlementsTtlMs?: number;
  /** After a failed refresh, the next one waits this long (default 30 s). */
  retryAfterFailureMs?: number;
  /** Tickers remembered per environment, least recently asked dropped first (default 5000). */
  maxTickers?: number;
  /** Warnings (items skipped) and failures, one line each; never a secret. */
  log?: (msg: string) => void;
  now?: () => number;
  /** Passed to every env's client (timeouts, retries; fetch/sleep for tests). */
  client?: Omit<MarketDataClientOptions, 'baseUrl' | 'credentials' | 'signal' | 'onRequest'>;
}

interface Entry {
  /** null ⇒ Kalshi does not know this ticker (remembered as absent until the TTL). */
  info: MarketInfo | null;
  fetchedAt: number;
}

interface Failure {
  reason: string;
  at: number;
}

class EnvState {
  readonly entries = new Map<string, Entry>();
  /** Tickers asked for that the next refresh reads. */
  readonly pending = new Set<string>();
  settlements: Map<string, AccountSettlement> | null = null;
  settlementsAt: number | null = null;
  inFlight: Promise<void> | null = null;
  lastSuccessAt: number | null = null;
  marketsFailure: Failure | null = null;
  settlementsFailure: Failure | null = null;
  nextAttemptAt = 0;
  requests = 0;
  errors = 0;
  constructor(readonly client: MarketDataClient) {
    if (client.settlementsEnabled) this.settlements = new Map();
  }
}

const SETTLED = new Set(['settled', 'finalized', 'determined']);

function describeFailure(err: unknown, what: string): string {
  if (err instanceof KalshiApiError)
    return `Kalshi ${what} ${err.unreachable ? 'unreachable' : 'unavailable'}: ${err.reason}`;
  // Not ours (a bug, a decoding surprise): say so without quoting anything that could be secret.
  return `Kalshi ${what} unavailable: ${err instanceof Error ? err.name : 'error'}`;
}

function minutesAgo(ms: number): string {
  const m = Math.round(ms / 60_000);
  return m < 1 ? 'under a minute ago' : `${m} min ago`;
}

class KalshiMarketDataSource implements MarketDataSource {
  private readonly envs = new Map<Env, EnvState>();
  private readonly abort = new AbortController();
  private readonly now: () => number;
  private readonly ttlMs: number;
  private readonly settledTtlMs: number;
  private readonly settlementsTtlMs: number;
  private readonly retryAfterFailureMs: number;
  private readonly maxTickers: number;
  private readonly log: (msg: string) => void;
  private closed = false;

  constructor(opts: MarketDataSourceOptions) {
    this.now = opts.now ?? Date.now;
    this.ttlMs = opts.ttlMs ?? 5 * 60_000;
    this.settledTtlMs = opts.settledTtlMs ?? 6 * 3_600_000;
    this.settlementsTtlMs = opts.settlementsTtlMs ?? 5 * 60_000;
    this.retryAfterFailureMs = opts.retryAfterFailureMs ?? 30_000;
    this.maxTickers = opts.maxTickers ?? 5000;
    this.log = opts.log ?? (() => {});
    for (const [env, e] of Object.entries(opts.envs) as [Env, MarketDataEnvOptions | undefined][]) {
      if (!e) continue;
      let state: EnvState | null = null;
      const client = new MarketDataClient({
        ...opts.client,
        baseUrl: e.baseUrl,
        credentials: e.credentials ?? null,
        signal: this.abort.signal,
        onRequest: (info) => {
          if (!state) return;
          state.requests++;
          if (!info.ok) state.errors++;
        },
      });
      state = new EnvState(client);
      this.envs.set(env, state);
    }
  }

  view(env: Env, tickers: readonly string[]): MarketDataView {
    const s = this.envs.get(env);
    if (!s)
      return {
        markets: new Map(),
        settlements: null,
        unavailable: `Kalshi market data not configured for ${env}`,
        fetchedAt: null,
      };
    const now = this.now();
    const markets = new Map<string, MarketInfo>();
    let neverRead = false;
    for (const t of new Set(tickers)) {
      if (!isKalshiTicker(t)) continue;
      const e = s.entries.get(t);
      if (e) {
        // Least recently asked goes first when the map is full: re-insert on every view.
        s.entries.delete(t);
        s.entries.set(t, e);
        if (e.info) markets.set(t, e.info);
        if (now - e.fetchedAt >= this.ttlFor(e)) this.want(s, t);
      } else {
        neverRead = true;
        this.want(s, t);
      }
    }
    const settlementsStale =
      s.settlements !== null && (s.settlementsAt === null || now - s.settlementsAt >= this.settlementsTtlMs);
    if ((s.pending.size > 0 || settlementsStale) && !s.inFlight && now >= s.nextAttemptAt && !this.closed)
      this.startRefresh(env, s);
    return {
      markets,
      settlements: s.settlements,
      unavailable: this.unavailable(s, neverRead, now),
      fetchedAt: s.lastSuccessAt === null ? null : new Date(s.lastSuccessAt).toISOString(),
    };
  }

  status(env: Env): MarketDataStatus {
    const s = this.envs.get(env);
    const now = this.now();
    const failure = s?.marketsFailure ?? s?.settlementsFailure ?? null;
    return {
      source: s ? s.client.source : 'not configured',
      settlementsEnabled: s?.client.settlementsEnabled ?? false,
      fetchedAt: s?.lastSuccessAt != null ? new Date(s.lastSuccessAt).toISOString() : null,
      ageMs: s?.lastSuccessAt != null ? now - s.lastSuccessAt : null,
      lastError: failure?.reason ?? null,
      lastErrorAt: failure ? new Date(failure.at).toISOString() : null,
      requests: s?.requests ?? 0,
      errors: s?.errors ?? 0,
    };
  }

  close(): void {
    this.closed = true;
    this.abort.abort();
  }

  /** Resolves when the refreshes in flight are done (tests; a graceful shutdown). */
  async settled(): Promise<void> {
    await Promise.all([...this.envs.values()].flatMap((s) => (s.inFlight ? [s.inFlight] : [])));
  }

  private ttlFor(e: Entry): number {
    return e.info && e.info.result !== '' && SETTLED.has(e.info.status) ? this.settledTtlMs : this.ttlMs;
  }

  private want(s: EnvState, ticker: string): void {
    if (s.pending.size < this.maxTickers) s.pending.add(ticker);
  }

  private unavailable(s: EnvState, neverRead: boolean, now: number): string | null {
    const failure = s.marketsFailure ?? s.settlementsFailure;
    if (failure) {
      const last = s.lastSuccessAt === null ? '' : ` (last good data ${minutesAgo(now - s.lastSuccessAt)})`;
      return `${failure.reason}${last}`;
    }
    if (neverRead) return 'Kalshi market data loading';
    return null;
  }

  private startRefresh(env: Env, s: EnvState): void {
    // Off this call stack: the view answers first, the signing and the requests come after.
    s.inFlight = new Promise<void>((r) => setImmediate(r))
      .then(() => this.refresh(env, s))
      .finally(() => {
        s.inFlight = null;
      });
  }

  private async refresh(env: Env, s: EnvState): Promise<void> {
    if (this.closed) return;
    const tickers = [...s.pending];
    s.pending.clear();
    let failed = false;
    if (tickers.length > 0) {
      try {
        const { markets, warnings } = await s.client.markets(tickers);
        const at = this.now();
        for (const w of warnings) this.log(`${env}: ${w}`);
        const found = new Map(markets.map((m) => [m.ticker, m]));
        for (const t of tickers) this.store(s, t, { info: found.get(t) ?? null, fetchedAt: at });
        s.marketsFailure = null;
        s.lastSuccessAt = at;
      } catch (err) {
        if (this.closed) return;
        failed = true;
        for (const t of tickers) this.want(s, t);
        s.marketsFailure = { reason: describeFailure(err, 'market data'), at: this.now() };
        this.log(`${env}: ${s.marketsFailure.reason}`);
      }
    }
    const now = this.now();
    if (
      s.settlements !== null &&
      (s.settlementsAt === null || now - s.settlementsAt >= this.settlementsTtlMs)
    ) {
      try {
        const { settlements, warnings } = await s.client.settlements();
        for (const w of warnings) this.log(`${env}: ${w}`);
        const map = new Map<string, AccountSettlement>();
        // Kalshi lists newest first: the first settlement of a ticker is its latest.
        for (const x of settlements) if (!map.has(x.ticker)) map.set(x.ticker, x);
        s.settlements = map;
        s.settlementsAt = this.now();
        s.settlementsFailure = null;
        if (tickers.length === 0) s.lastSuccessAt = s.settlementsAt;
      } catch (err) {
        if (this.closed) return;
        failed = true;
        s.settlementsFailure = { reason: describeFailure(err, 'settlements'), at: this.now() };
        this.log(`${env}: ${s.settlementsFailure.reason}`);
      }
    }
    if (failed) s.nextAttemptAt = this.now() + this.retryAfterFailureMs;
  }

  private store(s: EnvState, ticker: string, e: Entry): void {
    s.entries.delete(ticker);
    s.entries.set(ticker, e);
    while (s.entries.size > this.maxTickers) {
      const oldest = s.entries.keys().next().value;
      if (oldest === undefined) break;
      s.entries.delete(oldest);
    }
  }
}

export type KalshiMarketData = MarketDataSource & { settled(): Promise<void> };

/**
 * The lifecycle source for the server: per environment a Kalshi base URL (the real API, a
 * `--kalshi-<env>-url`, or the embedded fake) and optional credentials for the account's settlements.
 */
export function createMarketDataSource(opts: MarketDataSourceOptions): KalshiMarketData {
  return new KalshiMarketDataSource(opts);
}
