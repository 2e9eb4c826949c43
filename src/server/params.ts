// Query-parameter parsing shared by every route: each bad value is a 400 that names the parameter.
import type { Env } from '../core/types.js';
import { DAY_MS, parseIsoUtcMs } from '../core/time.js';
import { badParam } from './errors.js';

type Query = unknown;

function get(q: Query, name: string): string | undefined {
  if (typeof q !== 'object' || q === null) return undefined;
  const v = (q as Record<string, unknown>)[name];
  if (v === undefined) return undefined;
  if (typeof v !== 'string') throw badParam(name, 'given more than once');
  return v;
}

export function envParam(q: Query, dflt: Env): Env {
  const v = get(q, 'env');
  if (v === undefined) return dflt;
  if (v !== 'demo' && v !== 'prod') throw badParam('env', `must be demo or prod, got "${v.slice(0, 40)}"`);
  return v;
}

export function intParam(q: Query, name: string, dflt: number, min: number, max: number): number {
  const v = get(q, name);
  if (v === undefined) return dflt;
  if (!/^-?\d+$/.test(v)) throw badParam(name, `must be an integer, got "${v.slice(0, 40)}"`);
  const n = Number(v);
  if (n < min || n > max) throw badParam(name, `must be between ${min} and ${max}, got ${n}`);
  return n;
}

export function tzParam(q: Query): string {
  const v = get(q, 'tz');
  if (v === undefined) return 'UTC';
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: v });
    return v;
  } catch {
    throw badParam('tz', `unknown IANA time zone "${v.slice(0, 60)}"`);
  }
}

export function strParam(q: Query, name: string): string | undefined {
  return get(q, name);
}

/** ISO time or YYYY-MM-DD (start of that UTC day; `end` ⇒ its last millisecond). */
export function timeParam(q: Query, name: string, end = false): number | undefined {
  const v = get(q, name);
  if (v === undefined) return undefined;
  if (/^\d{4}-\d{2}-\d{2}$/.test(v)) {
    const ms = Date.parse(`${v}T00:00:00Z`);
    if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== v) throw badParam(name, `not a date: "${v}"`);
    return end ? ms + 86_399_999 : ms;
  }
  const ms = parseIsoUtcMs(v);
  if (ms === null) throw badParam(name, `must be an ISO time or YYYY-MM-DD, got "${v.slice(0, 40)}"`);
  if (ms < Date.UTC(2020, 0, 1) || ms > Date.UTC(2100, 0, 1)) throw badParam(name, 'out of range (2020–2100)');
  return ms;
}

export function formatParam(q: Query): 'json' | 'csv' | 'xlsx' {
  const v = get(q, 'format');
  if (v === undefined || v === 'json') return 'json';
  if (v === 'csv' || v === 'xlsx') return v;
  throw badParam('format', `must be json, csv or xlsx, got "${v.slice(0, 20)}"`);
}

const MAX_RANGE_MS = 366 * DAY_MS;

/** from/to with per-endpoint defaults; reversed or over-long ranges are a 400. */
export function rangeParams(q: Query, nowMs: number, defaultDays: number): { fromMs: number; toMs: number } {
  const days = intParam(q, 'days', defaultDays, 1, 365);
  const toMs = timeParam(q, 'to', true) ?? nowMs;
  const fromMs = timeParam(q, 'from') ?? toMs - days * DAY_MS;
  if (fromMs > toMs) throw badParam('from', 'is after to');
  if (toMs - fromMs > MAX_RANGE_MS) throw badParam('from', 'range longer than 366 days');
  return { fromMs, toMs };
}

/**
 * Which table of a page an export holds (`table`), for routes whose JSON carries several: absent is
 * the first; anything else is a 400 naming the parameter.
 */
export function tableParam<T extends string>(q: Query, tables: readonly [T, ...T[]]): T {
  const v = get(q, 'table');
  if (v === undefined) return tables[0];
  const found = tables.find((t) => t === v);
  if (found === undefined) throw badParam('table', `must be ${tables.join(' or ')}, got "${v.slice(0, 20)}"`);
  return found;
}

/** A market ticker from the path: Kalshi tickers are short printable ASCII; anything else is a 400. */
export function marketIdParam(raw: string): string {
  if (raw.length === 0 || raw.length > 200) throw badParam('marketId', `must be 1–200 characters, got ${raw.length}`);
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(raw)) throw badParam('marketId', 'contains control characters');
  return raw;
}

/** A decision id from the path: `<bot_run_id>:<market>:<loop>`. */
export function decisionIdParam(raw: string): string {
  if (raw.length > 400 || !/^\d{8}-\d{6}-[0-9a-f]+:[^:]+:[^:]+$/.test(raw)) {
    throw badParam('decisionId', 'must look like <bot_run_id>:<market>:<loop> or <bot_run_id>:<startup_cancel|halt_cancel|fatal_cleanup_cancel>:<YYYYMMDD-HHMMSS>');
  }
  return raw;
}
