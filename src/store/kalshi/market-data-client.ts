// Kalshi's market data over HTTP (issue 20), in the store layer's manner: read-only (GET only),
// every request bounded by a timeout, retried with exponential backoff and jitter on network
// errors, timeouts, 5xx and 429 (Retry-After honoured, capped), never on another 4xx; every
// multi-item answer follows `cursor`; a malformed answer is an error naming the endpoint; an item
// that does not decode is skipped with a warning naming its ticker, never a crash.
//
//   GET /trade-api/v2/markets?tickers=A,B,…&limit=…   public; batched, ≤ 100 tickers per request
//   GET /trade-api/v2/markets/{ticker}                public; 404 ⇒ null
//   GET /trade-api/v2/portfolio/settlements           signed like the balance; only with credentials
//
// No secret reaches an error or a warning: errors name the method and path (no host, no query).
import { createPrivateKey, type KeyObject } from 'node:crypto';
import type { AccountSettlement, MarketInfo } from '../../core/market-info.js';
import { signedHeaders } from './sign.js';

export interface KalshiCredentials {
  keyId: string;
  privateKeyPem: string;
}

export interface MarketDataClientOptions {
  /** e.g. https://api.elections.kalshi.com; only its origin is used (paths are Kalshi's own). */
  baseUrl: string;
  /** For the signed settlements endpoint; without them `settlements()` is not available. */
  credentials?: KalshiCredentials | null;
  /** Per request, headers and body (default 5000). */
  timeoutMs?: number;
  /** Further attempts after the first, for retryable failures (default 3). */
  retries?: number;
  /** First backoff (default 250 ms), doubled each attempt up to `maxBackoffMs` (4 s), with jitter. */
  backoffMs?: number;
  maxBackoffMs?: number;
  /** A 429's Retry-After is honoured up to this (default 30 s). */
  maxRetryAfterMs?: number;
  /** Tickers per markets request (default 100, Kalshi's cap). */
  batchSize?: number;
  /** Pages followed per listing before giving up with a warning (default 50). */
  maxPages?: number;
  /** Aborts every request in flight (the source's close()). */
  signal?: AbortSignal;
  /** Injectable for tests; the real ones by default. */
  fetch?: typeof fetch;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  now?: () => number;
  random?: () => number;
  /** Called after each HTTP attempt (for the status page's counts). */
  onRequest?: (info: RequestInfo) => void;
}

export interface RequestInfo {
  endpoint: string;
  /** HTTP status, or null when no answer came (timeout, network). */
  status: number | null;
  ok: boolean;
  ms: number;
}

export type KalshiErrorKind = 'http' | 'timeout' | 'network' | 'malformed' | 'aborted';

/** A failed Kalshi call. `reason` is short and safe to show ("timeout after 5 s", "HTTP 503"). */
export class KalshiApiError extends Error {
  override readonly name = 'KalshiApiError';
  constructor(
    readonly endpoint: string,
    readonly kind: KalshiErrorKind,
    readonly reason: string,
    readonly status: number | null = null,
  ) {
    super(`Kalshi ${endpoint}: ${reason}`);
  }
  /** Network trouble rather than an answer the API gave. */
  get unreachable(): boolean {
    return this.kind === 'timeout' || this.kind === 'network';
  }
}

export interface MarketsResult {
  /** In the order Kalshi gave them; unknown tickers are absent. */
  markets: MarketInfo[];
  /** Items skipped (with their ticker) and truncated listings. */
  warnings: string[];
}

export interface SettlementsResult {
  settlements: AccountSettlement[];
  warnings: string[];
}

const MARKETS = '/trade-api/v2/markets';
const SETTLEMENTS = '/trade-api/v2/portfolio/settlements';
/** Kalshi tickers: letters, digits, `.`, `-`, `_`. Anything else (a comma!) is never sent. */
const TICKER = /^[A-Za-z0-9._-]{1,100}$/;

export function isKalshiTicker(t: string): boolean {
  return TICKER.test(t);
}

function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new Error('aborted'));
      return;
    }
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      reject(new Error('aborted'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Retry-After as milliseconds: delta-seconds or an HTTP-date; null when absent or unreadable. */
export function retryAfterMs(header: string | null, nowMs: number): number | null {
  if (header === null) return null;
  const text = header.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  if (!Number.isFinite(at)) return null;
  return Math.max(0, at - nowMs);
}

function seconds(ms: number): string {
  return `${Math.round(ms / 10) / 100} s`;
}

export class MarketDataClient {
  readonly settlementsEnabled: boolean;
  private readonly origin: string;
  private readonly key: KeyObject | null;
  private readonly o: Required<
    Pick<
      MarketDataClientOptions,
      'timeoutMs' | 'retries' | 'backoffMs' | 'maxBackoffMs' | 'maxRetryAfterMs' | 'batchSize' | 'maxPages'
    >
  >;
  private readonly fetchFn: typeof fetch;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  private readonly now: () => number;
  private readonly random: () => number;

  constructor(private readonly opts: MarketDataClientOptions) {
    const url = new URL(opts.baseUrl);
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      throw new Error(`Kalshi market data: base URL must be http(s), got ${url.protocol}`);
    this.origin = url.origin; // drops any user:password@ and path
    this.key = opts.credentials ? createPrivateKey(opts.credentials.privateKeyPem) : null;
    this.settlementsEnabled = this.key !== null;
    this.o = {
      timeoutMs: opts.timeoutMs ?? 5_000,
      retries: opts.retries ?? 3,
      backoffMs: opts.backoffMs ?? 250,
      maxBackoffMs: opts.maxBackoffMs ?? 4_000,
      maxRetryAfterMs: opts.maxRetryAfterMs ?? 30_000,
      batchSize: Math.max(1, Math.min(opts.batchSize ?? 100, 1000)),
      maxPages: opts.maxPages ?? 50,
    };
    this.fetchFn = opts.fetch ?? fetch;
    this.sleep = opts.sleep ?? defaultSleep;
    this.now = opts.now ?? Date.now;
    this.random = opts.random ?? Math.random;
  }

  /** The base URL as shown on the status page (origin only: no credentials, no path). */
  get source(): string {
    return this.origin;
  }

  /** Markets for these tickers, batched and paginated; tickers Kalshi does not know are absent. */
  async markets(tickers: readonly string[]): Promise<MarketsResult> {
    const wanted = [...new Set(tickers)].filter(isKalshiTicker);
    const out: MarketInfo[] = [];
    const warnings: string[] = [];
    for (let i = 0; i < wanted.length; i += this.o.batchSize) {
      const batch = wanted.slice(i, i + this.o.batchSize);
      const items = await this.paginate(
        MARKETS,
        'markets',
        { tickers: batch.join(','), limit: String(batch.length) },
        false,
        warnings,
      );
      for (const item of items) {
        const m = decodeMarket(item);
        if (typeof m === 'string') warnings.push(m);
        else out.push(m);
      }
    }
    return { markets: out, warnings };
  }

  /** One market; null when Kalshi answers 404 (unknown ticker). */
  async market(ticker: string): Promise<MarketInfo | null> {
    if (!isKalshiTicker(ticker)) return null;
    const path = `${MARKETS}/${encodeURIComponent(ticker)}`;
    const endpoint = `GET ${MARKETS}/{ticker}`;
    const body = await this.request(path, {}, false, endpoint, [404]);
    if (body === null) return null;
    const item = isObject(body) ? body['market'] : undefined;
    if (!isObject(item)) throw new KalshiApiError(endpoint, 'malformed', 'no market in the response');
    const m = decodeMarket(item);
    if (typeof m === 'string') throw new KalshiApiError(endpoint, 'malformed', m);
    return m;
  }

  /** The account's settlements, newest first as Kalshi lists them (signed; needs credentials). */
  async settlements(opts: { minTs?: number } = {}): Promise<SettlementsResult> {
    if (!this.key) throw new Error('Kalshi settlements: no credentials configured');
    const warnings: string[] = [];
    const query: Record<string, string> = { limit: '200' };
    if (opts.minTs !== undefined) query['min_ts'] = String(Math.floor(opts.minTs));
    const items = await this.paginate(SETTLEMENTS, 'settlements', query, true, warnings);
    const settlements: AccountSettlement[] = [];
    for (const item of items) {
      const s = decodeSettlement(item);
      if (typeof s === 'string') warnings.push(s);
      else settlements.push(s);
    }
    return { settlements, warnings };
  }

  private async paginate(
    path: string,
    field: string,
    query: Record<string, string>,
    signed: boolean,
    warnings: string[],
  ): Promise<unknown[]> {
    const endpoint = `GET ${path}`;
    const items: unknown[] = [];
    const seen = new Set<string>();
    let cursor = '';
    for (let page = 0; ; page++) {
      if (page >= this.o.maxPages) {
        warnings.push(`Kalshi ${endpoint}: stopped after ${this.o.maxPages} pages`);
        break;
      }
      const body = await this.request(path, cursor ? { ...query, cursor } : query, signed, endpoint, []);
      if (!isObject(body) || !Array.isArray(body[field]))
        throw new KalshiApiError(endpoint, 'malformed', `no ${field} list in the response`);
      items.push(...(body[field] as unknown[]));
      const next = body['cursor'];
      if (next !== undefined && next !== null && typeof next !== 'string')
        throw new KalshiApiError(endpoint, 'malformed', 'cursor is not a string');
      if (!next) break;
      if (seen.has(next)) {
        warnings.push(`Kalshi ${endpoint}: the cursor repeated; stopped`);
        break;
      }
      seen.add(next);
      cursor = next;
    }
    return items;
  }

  /**
   * One GET with retries. Returns the parsed JSON, or null for a status in `nullOn` (e.g. 404).
   * `endpoint` names the call in errors (method and path template, never the query or host).
   */
  private async request(
    path: string,
    query: Record<string, string>,
    signed: boolean,
    endpoint: string,
    nullOn: readonly number[],
  ): Promise<unknown> {
    const url = new URL(path, this.origin);
    for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
    for (let attempt = 0; ; attempt++) {
      const outcome = await this.attempt(url, path, signed, endpoint, nullOn);
      if (outcome.done) return outcome.value;
      const err = outcome.error;
      if (!outcome.retry || attempt >= this.o.retries || this.opts.signal?.aborted) throw err;
      const backoff = Math.min(this.o.maxBackoffMs, this.o.backoffMs * 2 ** attempt);
      const jittered = backoff / 2 + this.random() * (backoff / 2);
      const wait =
        outcome.retryAfterMs !== null ? Math.min(outcome.retryAfterMs, this.o.maxRetryAfterMs) : jittered;
      try {
        await this.sleep(wait, this.opts.signal);
      } catch {
        throw new KalshiApiError(endpoint, 'aborted', 'closed');
      }
    }
  }

  private async attempt(
    url: URL,
    path: string,
    signed: boolean,
    endpoint: string,
    nullOn: readonly number[],
  ): Promise<
    | { done: true; value: unknown }
    | { done: false; error: KalshiApiError; retry: boolean; retryAfterMs: number | null }
  > {
    const started = this.now();
    const timeout = AbortSignal.timeout(this.o.timeoutMs);
    const signal = this.opts.signal ? AbortSignal.any([timeout, this.opts.signal]) : timeout;
    const headers: Record<string, string> = { accept: 'application/json' };
    if (signed && this.key && this.opts.credentials)
      Object.assign(headers, signedHeaders(this.key, this.opts.credentials.keyId, this.now(), 'GET', path));
    const report = (status: number | null, ok: boolean) =>
      this.opts.onRequest?.({ endpoint, status, ok, ms: this.now() - started });
    const failed = (e: unknown): KalshiApiError => {
      if (timeout.aborted)
        return new KalshiApiError(endpoint, 'timeout', `timeout after ${seconds(this.o.timeoutMs)}`);
      if (this.opts.signal?.aborted) return new KalshiApiError(endpoint, 'aborted', 'closed');
      const cause = (e as { cause?: { code?: unknown; message?: unknown } }).cause;
      const text = typeof cause?.message === 'string' ? cause.message : '';
      if (/redirect/i.test(text)) return new KalshiApiError(endpoint, 'network', 'redirected (refused)');
      const code = typeof cause?.code === 'string' ? cause.code : (e as Error).name;
      return new KalshiApiError(endpoint, 'network', `network error (${code})`);
    };
    let res: Response;
    try {
      res = await this.fetchFn(url, {
        method: 'GET',
        headers,
        signal,
        // A redirect would carry the signed headers wherever it points; Kalshi's API never redirects.
        redirect: 'error',
      });
    } catch (e) {
      const error = failed(e);
      report(null, false);
      return {
        done: false,
        error,
        retry: error.kind !== 'aborted' && !error.reason.startsWith('redirect'),
        retryAfterMs: null,
      };
    }
    let text: string;
    try {
      text = await res.text();
    } catch (e) {
      const error = failed(e);
      report(res.status, false);
      return { done: false, error, retry: error.kind !== 'aborted', retryAfterMs: null };
    }
    if (nullOn.includes(res.status)) {
      report(res.status, true);
      return { done: true, value: null };
    }
    if (!res.ok) {
      report(res.status, false);
      const error = new KalshiApiError(endpoint, 'http', `HTTP ${res.status}`, res.status);
      if (res.status === 429) {
        const after = retryAfterMs(res.headers.get('retry-after'), this.now());
        return { done: false, error, retry: true, retryAfterMs: after };
      }
      return { done: false, error, retry: res.status >= 500, retryAfterMs: null };
    }
    report(res.status, true);
    try {
      return { done: true, value: JSON.parse(text) as unknown };
    } catch {
      return {
        done: false,
        error: new KalshiApiError(endpoint, 'malformed', 'malformed JSON'),
        retry: false,
        retryAfterMs: null,
      };
    }
  }
}

// ---- decoding: Kalshi's names → the dashboard's records -------------------------------------------

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

class Bad extends Error {}

function optString(o: Record<string, unknown>, k: string): string | null {
  const v = o[k];
  if (v === undefined || v === null) return null;
  if (typeof v !== 'string') throw new Bad(`${k} is not a string`);
  return v;
}

function optTime(o: Record<string, unknown>, k: string): string | null {
  const v = optString(o, k);
  if (v === null || v === '') return null;
  const ms = Date.parse(v);
  if (!Number.isFinite(ms)) throw new Bad(`${k} is not a time`);
  return new Date(ms).toISOString();
}

/** A number from a JSON number or a decimal string (Kalshi's fixed-point `*_fp` / `*_dollars`). */
function optNumber(o: Record<string, unknown>, k: string): number | null {
  const v = o[k];
  if (v === undefined || v === null) return null;
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v.trim())) return Number(v);
  throw new Bad(`${k} is not a number`);
}

function tickerOf(item: unknown): string {
  return isObject(item) && typeof item['ticker'] === 'string' ? item['ticker'] : '(no ticker)';
}

/** A Kalshi market item as MarketInfo, or a warning naming its ticker. */
export function decodeMarket(item: unknown): MarketInfo | string {
  const ticker = tickerOf(item);
  try {
    if (!isObject(item)) throw new Bad('not an object');
    if (typeof item['ticker'] !== 'string' || !isKalshiTicker(item['ticker'])) throw new Bad('no ticker');
    const status = optString(item, 'status');
    if (!status) throw new Bad('no status');
    const subtitle = optString(item, 'subtitle') || optString(item, 'yes_sub_title') || null;
    return {
      ticker: item['ticker'],
      title: optString(item, 'title') ?? '',
      subtitle,
      eventTicker: optString(item, 'event_ticker') || null,
      status,
      closeTime: optTime(item, 'close_time'),
      expirationTime: optTime(item, 'expiration_time') ?? optTime(item, 'latest_expiration_time'),
      result: (optString(item, 'result') ?? '').toLowerCase(),
    };
  } catch (e) {
    if (!(e instanceof Bad)) throw e;
    return `Kalshi market ${ticker} skipped: ${e.message}`;
  }
}

/** Dollars from `<k>_dollars` (decimal string) or else `<k>` (cents). */
function dollars(o: Record<string, unknown>, k: string): number | null {
  const d = optNumber(o, `${k}_dollars`);
  if (d !== null) return d;
  const c = optNumber(o, k);
  return c === null ? null : c / 100;
}

/** A Kalshi settlement item as AccountSettlement, or a warning naming its ticker. */
export function decodeSettlement(item: unknown): AccountSettlement | string {
  const ticker = tickerOf(item);
  try {
    if (!isObject(item)) throw new Bad('not an object');
    if (typeof item['ticker'] !== 'string' || item['ticker'] === '') throw new Bad('no ticker');
    const settledTime = optTime(item, 'settled_time');
    if (!settledTime) throw new Bad('no settled_time');
    return {
      ticker: item['ticker'],
      marketResult: (optString(item, 'market_result') ?? '').toLowerCase(),
      yesCount: optNumber(item, 'yes_count_fp') ?? optNumber(item, 'yes_count') ?? 0,
      noCount: optNumber(item, 'no_count_fp') ?? optNumber(item, 'no_count') ?? 0,
      yesTotalCostUsd: dollars(item, 'yes_total_cost') ?? 0,
      noTotalCostUsd: dollars(item, 'no_total_cost') ?? 0,
      revenueUsd: dollars(item, 'revenue') ?? 0,
      // fee_cost is already dollars (a fixed-point string).
      feeUsd: optNumber(item, 'fee_cost') ?? 0,
      settledTime,
    };
  } catch (e) {
    if (!(e instanceof Bad)) throw e;
    return `Kalshi settlement ${ticker} skipped: ${e.message}`;
  }
}
