// Field readers for unmarshalled DynamoDB items. Every non-key attribute is optional (contract §6.8),
// so readers return null for absent or NULL; a present value of the wrong type is an error that
// names the attribute, so the decoder can report the item instead of computing a wrong figure.
import { parseIsoUtcMs } from '../../core/time.js';

export type Item = Record<string, unknown>;

export class FieldError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
  }
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'list';
  if (typeof v === 'string') return v.length > 40 ? `string "${v.slice(0, 40)}…"` : `string "${v}"`;
  return typeof v;
}

export function isMap(v: unknown): v is Item {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A finite number, or null when absent/NULL. NaN/Infinity and non-numbers throw. */
export function optNum(item: Item, field: string): number | null {
  const v = item[field];
  if (v === undefined || v === null) return null;
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  throw new FieldError(field, `expected a number, got ${describe(v)}`);
}

export function reqNum(item: Item, field: string): number {
  const v = optNum(item, field);
  if (v === null) throw new FieldError(field, 'missing');
  return v;
}

export function optStr(item: Item, field: string): string | null {
  const v = item[field];
  if (v === undefined || v === null) return null;
  if (typeof v === 'string') return v;
  throw new FieldError(field, `expected a string, got ${describe(v)}`);
}

export function reqStr(item: Item, field: string): string {
  const v = optStr(item, field);
  if (v === null || v === '') throw new FieldError(field, v === '' ? 'empty' : 'missing');
  return v;
}

export function optBool(item: Item, field: string): boolean | null {
  const v = item[field];
  if (v === undefined || v === null) return null;
  if (typeof v === 'boolean') return v;
  throw new FieldError(field, `expected a boolean, got ${describe(v)}`);
}

export function optMap(item: Item, field: string): Item | null {
  const v = item[field];
  if (v === undefined || v === null) return null;
  if (isMap(v)) return v;
  throw new FieldError(field, `expected a map, got ${describe(v)}`);
}

export function optList(item: Item, field: string): unknown[] | null {
  const v = item[field];
  if (v === undefined || v === null) return null;
  if (Array.isArray(v)) return v;
  throw new FieldError(field, `expected a list, got ${describe(v)}`);
}

/**
 * Fields of the wrong type that were read as empty (or "invalid"), each `field: reason`: descriptive
 * text — a reason, a message, a version — that the figures do not need, so one odd value does not
 * hide the whole item. The decoder reports them in one warning with the item's key.
 */
export type OddFields = string[];

/** Optional descriptive text: absent/NULL ⇒ null; any other non-string is noted and read as null. */
export function softStr(item: Item, field: string, odd: OddFields, path = ''): string | null {
  const v = item[field];
  if (v === undefined || v === null) return null;
  if (typeof v === 'string') return v;
  odd.push(`${path}${field}: expected a string, got ${describe(v)}`);
  return null;
}

/** Shown in place of a time that is not one (see softTime). */
export const INVALID_TIME = 'invalid';

/**
 * A time kept as the bot wrote it, for display: an ISO timestamp from 2020 to 2100 (and, given
 * `notAfterMs`, no later than that) stays as it is; absent, NULL or "" ⇒ null; anything else — "35",
 * which a browser's lenient date parser reads as 2035, a number, a date far in the future — is
 * noted and becomes "invalid", never a date it is not.
 */
export function softTime(
  item: Item,
  field: string,
  odd: OddFields,
  notAfterMs?: number,
  path = '',
): string | null {
  const v = item[field];
  if (v === undefined || v === null || v === '') return null;
  const ms = typeof v === 'string' && v.length <= 40 ? parseIsoUtcMs(v) : null;
  if (ms !== null && ms >= EARLIEST_MS && ms < LATEST_MS && (notAfterMs === undefined || ms <= notAfterMs))
    return v as string;
  odd.push(`${path}${field}: not a time (${describe(v)})`);
  return INVALID_TIME;
}

/** A timestamp attribute parsed to epoch ms; absent/NULL/"" ⇒ null; unparseable ⇒ error. */
export function optTime(item: Item, field: string): number | null {
  const s = optStr(item, field);
  if (s === null || s === '') return null;
  const ms = parseIsoUtcMs(s);
  if (ms === null) throw new FieldError(field, `not an ISO timestamp: "${s.slice(0, 40)}"`);
  return checkPlausibleTime(field, ms);
}

const EARLIEST_MS = Date.UTC(2020, 0, 1);
const LATEST_MS = Date.UTC(2100, 0, 1);

/** The bot began in 2025: a time before 2020 or after 2100 is a corrupt item, not a fill or decision. */
export function checkPlausibleTime(field: string, ms: number): number {
  if (ms < EARLIEST_MS || ms >= LATEST_MS)
    throw new FieldError(field, `implausible time ${new Date(ms).toISOString()}`);
  return ms;
}

/** Kalshi tickers are short; a 100 kB "ticker" is corruption, not a market to list. */
export function reqTicker(item: Item, field: string): string {
  const v = reqStr(item, field);
  if (v.length > 200) throw new FieldError(field, `not a ticker (${v.length} characters)`);
  return v;
}

/** A YES price in dollars must lie in [0, 1]; cents (e.g. 7) would be a unit error, never rescaled. */
export function checkPriceYes(field: string, v: number): number {
  if (v < 0 || v > 1) throw new FieldError(field, `price ${v} outside 0–1 (YES dollars)`);
  return v;
}

export function checkNonNegative(field: string, v: number): number {
  if (v < 0) throw new FieldError(field, `negative value ${v}`);
  return v;
}
