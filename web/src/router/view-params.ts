// The view state that lives in the URL (so a link reproduces the view): which environment, which
// P&L range and which display time zone. Pure functions over search strings; the hooks that read
// the live location are in location.ts.

import { SHARED_VIEW_PARAMS, viewHref } from '@api/pages';
import { isTimeZone } from '@core/intl-cache';

export type EnvChoice = 'demo' | 'prod';
export type RangeKey = '1d' | '7d' | '30d' | '90d' | '365d' | 'custom';

export interface ViewParams {
  /** null: not in the URL, so the server's `--env` applies. */
  env: EnvChoice | null;
  range: RangeKey;
  /** Custom range bounds (`YYYY-MM-DD`, inclusive, in tz); null unless range is custom. */
  from: string | null;
  to: string | null;
  tz: string;
}

export const RANGE_KEYS: readonly RangeKey[] = ['1d', '7d', '30d', '90d', '365d', 'custom'];
/** The range presets of every page with a range (Home, deep dive, reconciliation, compare), in days. */
export const PRESET_DAYS = [1, 7, 30, 90, 365] as const;
export const DEFAULT_RANGE: RangeKey = '30d';
export const DEFAULT_TZ = 'UTC';

/** Parameters that follow the user from page to page (nav links keep them). */
export const SHARED_PARAMS = SHARED_VIEW_PARAMS;

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

export function isIsoDate(s: string | null | undefined): s is string {
  if (!s || !DATE_RE.test(s)) return false;
  const ms = Date.parse(`${s}T00:00:00Z`);
  return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === s;
}

/** Reads the view from a search string; anything malformed falls back to its default. */
export function readViewParams(search: string): ViewParams {
  const p = new URLSearchParams(search);
  const env = p.get('env');
  const range = p.get('range') as RangeKey | null;
  const from = p.get('from');
  const to = p.get('to');
  const tz = p.get('tz');
  const validRange = range !== null && RANGE_KEYS.includes(range) ? range : DEFAULT_RANGE;
  const custom = validRange === 'custom' && isIsoDate(from);
  return {
    env: env === 'demo' || env === 'prod' ? env : null,
    range: validRange === 'custom' && !custom ? DEFAULT_RANGE : validRange,
    from: custom ? from : null,
    to: custom && isIsoDate(to) ? to : null,
    tz: tz && isTimeZone(tz) ? tz : DEFAULT_TZ,
  };
}

/** Whether the browser knows this IANA zone (a link's `tz` may be anything). */
export { isTimeZone };

/** What is wrong with a link's shared parameters, one line each (empty when nothing is). */
export function linkProblems(search: string): { param: string; message: string }[] {
  const p = new URLSearchParams(search);
  const out: { param: string; message: string }[] = [];
  const env = p.get('env');
  if (env !== null && env !== 'demo' && env !== 'prod')
    out.push({ param: 'env', message: `“${env.slice(0, 40)}” is not an environment (demo or prod)` });
  const tz = p.get('tz');
  if (tz !== null && !isTimeZone(tz))
    out.push({ param: 'tz', message: `“${tz.slice(0, 64)}” is not a time zone; times are shown in UTC` });
  const range = p.get('range');
  if (range !== null && !/^\d{1,3}d$/.test(range) && range !== 'custom')
    out.push({
      param: 'range',
      message: `“${range.slice(0, 20)}” is not a range (1d, 7d, 30d, … or custom)`,
    });
  for (const k of ['from', 'to'] as const) {
    const v = p.get(k);
    if (v !== null && !isIsoDate(v) && Number.isNaN(Date.parse(v)))
      out.push({ param: k, message: `“${String(v).slice(0, 30)}” is not a date` });
  }
  return out;
}

const DEFAULTS: Record<string, string> = { range: DEFAULT_RANGE, tz: DEFAULT_TZ };

/**
 * The search string after applying `patch` (null or the default value removes the key, so URLs
 * stay short). Keeps unrelated parameters (e.g. `m` on the market page). Returns `?…` or ''.
 */
export function patchSearch(search: string, patch: Record<string, string | null>): string {
  const p = new URLSearchParams(search);
  for (const [k, v] of Object.entries(patch)) {
    if (v === null || v === '' || DEFAULTS[k] === v) p.delete(k);
    else p.set(k, v);
  }
  const qs = p.toString();
  return qs ? `?${qs}` : '';
}

/** A link to another page that carries the shared view parameters along, plus `extra`. */
export function hrefWithView(
  path: string,
  currentSearch: string,
  extra: Record<string, string> = {},
): string {
  return viewHref(path, currentSearch, extra);
}
