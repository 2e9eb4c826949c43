// Which first screen a page request asks for, read from its URL exactly as the web app reads it
// (web/src/pages/market/market-params.ts readMarketView, web/src/pages/compare/compare-params.ts
// readMarkets and pages/common/lookback.ts), then checked by the API's own rules (params.ts): the
// load the server starts must be the request the app will make. Anything the app would read
// differently, or the API would refuse, is null: the plain shell is served and the app shows its
// own error — never a 500, never a guess.
import type { Env } from '../../core/types.js';
import { isTimeZone } from '../../core/intl-cache.js';
import { compareMarketsParam, marketIdParam } from '../params.js';

export type FirstScreenRequest =
  | { page: 'market'; env: Env; marketId: string; days: number; tz: string }
  | { page: 'compare'; env: Env; markets: string[]; days: number };

/** Both pages' lookback when the URL gives none (DEFAULT_LOOKBACK_DAYS, Compare's readLookback). */
const DEFAULT_DAYS = 7;
/** The deep dive's parameters with a first screen; any other (a custom range, another tab, an open decision) has none. */
const MARKET_PARAMS = new Set(['m', 'env', 'range', 'tz', 'tab']);
const COMPARE_PARAMS = new Set(['markets', 'env', 'range', 'tz']);

/** A lookback in days (`range=30d`, the API's 1–365), the default when absent; null otherwise. */
function lookbackDays(range: string | null): number | null {
  if (range === null) return DEFAULT_DAYS;
  const m = /^(\d{1,3})d$/.exec(range);
  const n = m ? Number(m[1]) : NaN;
  return n >= 1 && n <= 365 ? n : null;
}

function envOf(p: URLSearchParams, defaultEnv: Env): Env | null {
  const env = p.get('env');
  if (env === null) return defaultEnv;
  return env === 'demo' || env === 'prod' ? env : null;
}

/** Every parameter given once, and only ones the page's first screen knows. */
function plainParams(p: URLSearchParams, known: ReadonlySet<string>): boolean {
  const keys = [...p.keys()];
  return keys.every((k) => known.has(k)) && new Set(keys).size === keys.length;
}

function marketRequest(p: URLSearchParams, defaultEnv: Env): FirstScreenRequest | null {
  if (!plainParams(p, MARKET_PARAMS)) return null;
  const env = envOf(p, defaultEnv);
  const days = lookbackDays(p.get('range'));
  const m = p.get('m');
  const tz = p.get('tz') ?? 'UTC';
  const tab = p.get('tab');
  if (env === null || days === null || m === null || !isTimeZone(tz)) return null;
  if (tab !== null && tab !== 'decisions') return null;
  try {
    return { page: 'market', env, marketId: marketIdParam(m), days, tz };
  } catch {
    return null;
  }
}

/** The app's list (trimmed, distinct, at most 12), checked as the API checks the `markets` it is sent. */
function compareRequest(p: URLSearchParams, defaultEnv: Env): FirstScreenRequest | null {
  if (!plainParams(p, COMPARE_PARAMS)) return null;
  const env = envOf(p, defaultEnv);
  const days = lookbackDays(p.get('range'));
  const tz = p.get('tz');
  if (env === null || days === null || (tz !== null && !isTimeZone(tz))) return null;
  const markets: string[] = [];
  for (const raw of (p.get('markets') ?? '').split(',')) {
    const id = raw.trim();
    if (id && id.length <= 200 && !markets.includes(id)) markets.push(id);
  }
  if (markets.length === 0 || markets.length > 12) return null;
  try {
    const checked = compareMarketsParam(markets.join(','));
    return checked.length === markets.length ? { page: 'compare', env, markets, days } : null;
  } catch {
    return null;
  }
}

/** The first screen `path?search` asks for, or null (no first screen: the plain shell). */
export function readFirstScreenRequest(
  path: string,
  search: string,
  defaultEnv: Env,
): FirstScreenRequest | null {
  const p = new URLSearchParams(search);
  if (path === '/market') return marketRequest(p, defaultEnv);
  if (path === '/compare') return compareRequest(p, defaultEnv);
  return null;
}
