// The deep dive's view state, all in the URL: market (`m`), environment, lookback (`range=7d`) or a
// custom date-time range (`range=custom&from&to`), display time zone, tab and the selected decision.
// Pure functions over search strings and clocks, so links and ranges are tested without a browser.
import { DAY_MS, parseIsoUtcMs } from '@core/time';
import { zoneOffsetMs as tzOffsetMs } from '@core/tz-days';
import type { EnvChoice } from '../../router/view-params';
import { PRESET_DAYS } from '../../router/view-params';
import { dateTimeFormat, isTimeZone } from '@core/intl-cache';

export const TABS = ['decisions', 'executions', 'fills', 'analytics'] as const;
export type MarketTab = (typeof TABS)[number];

export const LOOKBACK_DAYS = PRESET_DAYS;
export const DEFAULT_LOOKBACK_DAYS = 7;
/** The API refuses ranges longer than 366 days. */
export const MAX_RANGE_DAYS = 366;

export interface MarketView {
  marketId: string | null;
  env: EnvChoice | null;
  tz: string;
  tab: MarketTab;
  /** The lookback in days; ignored while `custom` is set. */
  lookbackDays: number;
  /** A custom range as written in the URL (resolved against tz by resolveRange). */
  custom: { from: string; to: string | null } | null;
  /** The decision whose detail is open (decisions and fills tabs). */
  decisionId: string | null;
}

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
const WALL_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/** Does `s` name an instant (given tz)? Dates, wall times and ISO instants all do. */
function parsesAsTime(s: string | null): s is string {
  return s !== null && s.length <= 40 && parseRangeBound(s, 'UTC', false) !== null;
}

export function readMarketView(search: string): MarketView {
  const p = new URLSearchParams(search);
  const m = p.get('m');
  const env = p.get('env');
  const tz = p.get('tz');
  const tab = p.get('tab');
  const range = p.get('range');
  const from = p.get('from');
  const to = p.get('to');
  const days = range ? /^(\d{1,3})d$/.exec(range) : null;
  const n = days ? Number(days[1]) : NaN;
  const custom = range === 'custom' && parsesAsTime(from) ? { from, to: parsesAsTime(to) ? to : null } : null;
  const d = p.get('d');
  return {
    marketId: m && m.length <= 200 ? m : null,
    env: env === 'demo' || env === 'prod' ? env : null,
    tz: tz && tz.length <= 64 && isTimeZone(tz) ? tz : 'UTC',
    tab: (TABS as readonly string[]).includes(tab ?? '') ? (tab as MarketTab) : 'decisions',
    lookbackDays: n >= 1 && n <= 365 ? n : DEFAULT_LOOKBACK_DAYS,
    custom,
    decisionId: d && d.length <= 400 ? d : null,
  };
}

/**
 * The search string after a patch (null or '' removes a key). Unlike Home's patchSearch, nothing
 * is dropped for being a default: `range=30d` must stay, because this page's default is 7 days.
 */
export function patchMarketSearch(search: string, patch: Record<string, string | null>): string {
  const p = new URLSearchParams(search);
  for (const [k, v] of Object.entries(patch)) {
    if (v === null || v === '') p.delete(k);
    else p.set(k, v);
  }
  if (p.get('tz') === 'UTC') p.delete('tz');
  if (p.get('tab') === 'decisions') p.delete('tab');
  const qs = p.toString();
  return qs ? `?${qs}` : '';
}

function partsIn(ms: number, tz: string): Record<string, number> {
  const f = dateTimeFormat('en-US', {
    timeZone: tz,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
  const out: Record<string, number> = {};
  for (const part of f.formatToParts(ms)) if (part.type !== 'literal') out[part.type] = Number(part.value);
  return out;
}

/** How far tz's wall clock is ahead of UTC at the instant ms (e.g. −5 h for New York in winter). */
export { zoneOffsetMs as tzOffsetMs } from '@core/tz-days';

/**
 * The instant when tz's wall clock shows the given time. In a DST gap (a wall time that never
 * happens) the instant after the jump; in an overlap, the earlier of the two.
 */
export function wallTimeToUtcMs(
  wall: { year: number; month: number; day: number; hour: number; minute: number; second?: number },
  tz: string,
): number {
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second ?? 0);
  // Two passes settle the offset across a DST change; prefer the earlier candidate in an overlap.
  const first = asUtc - tzOffsetMs(asUtc, tz);
  const second = asUtc - tzOffsetMs(first, tz);
  const candidates = [first, second].filter((t) => t + tzOffsetMs(t, tz) === asUtc);
  if (candidates.length > 0) return Math.min(...candidates);
  return Math.max(first, second);
}

/** `YYYY-MM-DDTHH:mm`, the value a datetime-local input shows for ms in tz. */
export function toWallInput(ms: number, tz: string): string {
  const p = partsIn(ms, tz);
  const two = (n: number | undefined) => String(n ?? 0).padStart(2, '0');
  return `${p['year']}-${two(p['month'])}-${two(p['day'])}T${two(p['hour'])}:${two(p['minute'])}`;
}

/**
 * One end of a custom range: an ISO instant (with Z or an offset) as is; a wall time
 * (`YYYY-MM-DDTHH:mm`) or a date (`YYYY-MM-DD`, Home's custom range) in tz. A date as the end
 * means the end of that day.
 */
export function parseRangeBound(text: string, tz: string, end: boolean): number | null {
  if (DATE_RE.test(text)) {
    const [y, mo, d] = text.split('-').map(Number) as [number, number, number];
    if (new Date(Date.UTC(y, mo - 1, d)).getUTCDate() !== d) return null;
    if (!end) return wallTimeToUtcMs({ year: y, month: mo, day: d, hour: 0, minute: 0 }, tz);
    const next = new Date(Date.UTC(y, mo - 1, d + 1));
    const start = wallTimeToUtcMs(
      {
        year: next.getUTCFullYear(),
        month: next.getUTCMonth() + 1,
        day: next.getUTCDate(),
        hour: 0,
        minute: 0,
      },
      tz,
    );
    return start - 1;
  }
  const wall = WALL_RE.exec(text);
  if (wall) {
    const [, y, mo, d, h, mi, s] = wall.map(Number);
    if (mo === undefined || d === undefined || y === undefined || h === undefined || mi === undefined)
      return null;
    if (mo < 1 || mo > 12 || h > 23 || mi > 59 || new Date(Date.UTC(y, mo - 1, d)).getUTCDate() !== d)
      return null;
    return wallTimeToUtcMs(
      { year: y, month: mo, day: d, hour: h, minute: mi, second: Number.isNaN(s) ? 0 : (s ?? 0) },
      tz,
    );
  }
  if (!/(Z|[+-]\d{2}:?\d{2})$/.test(text)) return null;
  return parseIsoUtcMs(text);
}

/** An instant as the URL writes it: ISO UTC to the second. */
export function urlInstant(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export interface ResolvedRange {
  fromMs: number;
  toMs: number;
  /** The API's from/to (ISO UTC, to the millisecond). */
  from: string;
  to: string;
  /** The custom range was cut to the API's 366 days, or its ends were swapped. */
  adjusted: boolean;
}

/**
 * The absolute range the page shows. A lookback ends at `anchorMs` (when the page loaded or was
 * last refreshed), so every request of the page — and every page of an infinite list — asks for
 * exactly the same range.
 */
export function resolveRange(
  view: Pick<MarketView, 'lookbackDays' | 'custom' | 'tz'>,
  anchorMs: number,
): ResolvedRange {
  let fromMs: number;
  let toMs: number;
  let adjusted = false;
  const c = view.custom;
  const customFrom = c ? parseRangeBound(c.from, view.tz, false) : null;
  if (c && customFrom !== null) {
    fromMs = customFrom;
    toMs = (c.to ? parseRangeBound(c.to, view.tz, true) : null) ?? anchorMs;
    if (toMs < fromMs) {
      [fromMs, toMs] = [toMs, fromMs];
      adjusted = true;
    }
    if (toMs - fromMs > MAX_RANGE_DAYS * DAY_MS) {
      fromMs = toMs - MAX_RANGE_DAYS * DAY_MS;
      adjusted = true;
    }
  } else {
    toMs = anchorMs;
    fromMs = anchorMs - view.lookbackDays * DAY_MS;
  }
  return { fromMs, toMs, from: new Date(fromMs).toISOString(), to: new Date(toMs).toISOString(), adjusted };
}
