// Timestamps in the bot's tables come in several shapes (contract §1.5, §6.4): naive ISO (UTC),
// `+00:00`, `Z`, with 0–6 fraction digits. Everything becomes UTC epoch milliseconds here.

const ISO_RE =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?$/;

/** Digits of text[from, to) as a number, or -1 when any is not a digit. */
function digitsAt(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

/**
 * The shapes the bot writes — `YYYY-MM-DDTHH:MM:SS[.f…][+00:00|Z]` — without a regex: every fill,
 * decision and execution event is stamped, and a month of a busy market is 10^5 of them. Anything
 * else (other zones, spaces, short forms) returns undefined and goes to the full parser.
 */
function parseCommonUtc(text: string): number | null | undefined {
  const n = text.length;
  if (n < 19 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45 || text.charCodeAt(10) !== 84)
    return undefined;
  if (text.charCodeAt(13) !== 58 || text.charCodeAt(16) !== 58) return undefined;
  let end = n;
  if (text.endsWith('+00:00')) end = n - 6;
  else if (text.endsWith('Z')) end = n - 1;
  let fracMs = 0;
  if (end > 19) {
    const digits = end - 20;
    if (text.charCodeAt(19) !== 46 || digits < 1 || digits > 9) return undefined;
    // The first three digits are the milliseconds (the rest, micro- and nanoseconds, are cut).
    const f = digitsAt(text, 20, Math.min(end, 23));
    if (f < 0 || digitsAt(text, 20, end) < 0) return undefined;
    fracMs = digits >= 3 ? f : f * (digits === 1 ? 100 : 10);
  } else if (end !== 19) return undefined;
  const year = digitsAt(text, 0, 4);
  const month = digitsAt(text, 5, 7);
  const day = digitsAt(text, 8, 10);
  const hour = digitsAt(text, 11, 13);
  const minute = digitsAt(text, 14, 16);
  const second = digitsAt(text, 17, 19);
  if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) return undefined;
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) return null;
  const t = Date.UTC(year, month - 1, day, hour, minute, second, fracMs);
  if (new Date(t).getUTCDate() !== day) return null;
  return Number.isFinite(t) ? t : null;
}

/** Parses an ISO-8601 timestamp; naive strings are UTC. Returns null when it does not parse. */
export function parseIsoUtcMs(text: string): number | null {
  const common = parseCommonUtc(text);
  if (common !== undefined) return common;
  return parseIsoUtcMsFull(text);
}

/** The general parser (any offset, space separator, missing seconds, surrounding blanks). */
export function parseIsoUtcMsFull(text: string): number | null {
  const m = ISO_RE.exec(text.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = s === undefined ? 0 : Number(s);
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) return null;
  const ms = frac === undefined ? 0 : Math.floor(Number(`0.${frac}`) * 1000 + 1e-6);
  let t = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  // Date.UTC silently rolls 2026-02-31 over to March; reject instead.
  if (new Date(t).getUTCDate() !== day) return null;
  if (zone && zone !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    const offsetMin = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4));
    t -= sign * offsetMin * 60_000;
  }
  return Number.isFinite(t) ? t : null;
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** The naive form the bot stores in decision `timestamp`: `YYYY-MM-DDTHH:MM:SS.ffffff` (UTC). */
export function toNaiveIso(ms: number, micros = 0): string {
  const d = new Date(ms);
  const frac = d.getUTCMilliseconds() * 1000 + micros;
  const base = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  // Python's isoformat omits the fraction when microsecond == 0.
  return frac === 0 ? base : `${base}.${pad(frac, 6)}`;
}

/** The aware form the bot stores in `fill_timestamp`, `event_ts`, state timestamps: `…+00:00`. */
export function toAwareIso(ms: number, micros = 0): string {
  return `${toNaiveIso(ms, micros)}+00:00`;
}

/** `YYYY-MM-DD` of the UTC calendar day containing ms (the bot's `date` partition keys). */
export function utcDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** ISO 8601 UTC string with milliseconds, the API's time format. */
export function toApiTime(ms: number): string {
  return new Date(ms).toISOString();
}

export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

/** Every UTC date from the day of fromMs through the day of toMs, inclusive, oldest first. */
export function utcDatesBetween(fromMs: number, toMs: number): string[] {
  const out: string[] = [];
  let t = Date.UTC(
    new Date(fromMs).getUTCFullYear(),
    new Date(fromMs).getUTCMonth(),
    new Date(fromMs).getUTCDate(),
  );
  while (t <= toMs) {
    out.push(utcDate(t));
    t += DAY_MS;
  }
  return out;
}
