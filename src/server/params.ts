// Query-parameter reading shared by every route. Each route's JSON schema (schemas.ts) has already
// refused what a schema can say (enums, integers and their bounds, path patterns, repeated keys);
// what is left here is what it cannot: a known time zone, real dates, from ≤ to, range length, the
// table an export holds. Each bad value is a 400 that names the parameter.
import type { Env } from '../core/types.js';
import { DAY_MS, parseIsoUtcMs } from '../core/time.js';
import { badParam } from './errors.js';
import { marketId as MARKET_ID, rejection } from './schemas.js';

const MARKET_ID_RE = new RegExp(MARKET_ID.pattern ?? '');

type Query = unknown;

function get(q: Query, name: string): string | undefined {
  if (typeof q !== 'object' || q === null) return undefined;
  const v = (q as Record<string, unknown>)[name];
  if (v === undefined) return undefined;
  if (typeof v !== 'string') throw badParam(name, 'given more than once');
  return v;
}

/** `env` (schemas.env: demo or prod). */
export function envParam(q: Query, dflt: Env): Env {
  return (get(q, 'env') as Env | undefined) ?? dflt;
}

/** An integer parameter (schemas.integer: its digits and bounds are checked before the handler). */
export function intParam(q: Query, name: string, dflt: number): number {
  const v = get(q, name);
  return v === undefined ? dflt : Number(v);
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
    if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== v)
      throw badParam(name, `not a date: "${v}"`);
    return end ? ms + 86_399_999 : ms;
  }
  const ms = parseIsoUtcMs(v);
  if (ms === null) throw badParam(name, `must be an ISO time or YYYY-MM-DD, got "${v.slice(0, 40)}"`);
  if (ms < Date.UTC(2020, 0, 1) || ms > Date.UTC(2100, 0, 1))
    throw badParam(name, 'out of range (2020–2100)');
  return ms;
}

export type Format = 'json' | 'csv' | 'xlsx';

/** `format` (schemas.format: json, csv or xlsx). */
export function formatParam(q: Query): Format {
  return (get(q, 'format') as Format | undefined) ?? 'json';
}

const MAX_RANGE_MS = 366 * DAY_MS;

/** from/to with per-endpoint defaults; reversed or over-long ranges are a 400. */
export function rangeParams(q: Query, nowMs: number, defaultDays: number): { fromMs: number; toMs: number } {
  const days = intParam(q, 'days', defaultDays); // schemas.range: 1–365
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

/**
 * A market ticker given in the query (`market`, each of `markets`): the path's `:marketId` is checked
 * by its schema (schemas.marketId); these the same way, with the same words.
 */
export function marketIdParam(raw: string): string {
  if (!MARKET_ID_RE.test(raw)) throw badParam('marketId', rejection('marketId', raw, MARKET_ID));
  return raw;
}

/** `markets` of /compare: 1–12 comma-separated ids, each checked as marketIdParam, duplicates dropped. */
export function compareMarketsParam(raw: string | undefined): string[] {
  const list = (raw ?? '')
    .split(',')
    .filter(Boolean)
    .map((m) => marketIdParam(m));
  if (list.length === 0 || list.length > 12)
    throw badParam('markets', 'give 1–12 comma-separated market ids');
  return [...new Set(list)];
}
