// The Quality page's request, shared by the page and its prefetch at page load (as Compare's): the
// URL's lookback (7 days unless given) as the API's `days` or `from`/`to`, and the display time zone
// (the daily attribution's calendar days).
import type { QueryClient } from '@tanstack/react-query';
import { qualityOptions } from '../../api/queries';
import { readViewParams } from '../../router/view-params';
import { lookbackParams, readLookback } from '../common/lookback';
import { todayIn } from '../home/range';

export const QUALITY_DEFAULT_DAYS = 7;
export const QUALITY_MAX_DAYS = 366;

/** `{days, tz}` or `{from, to, tz}`: the request's range parameters, as the export links send them. */
export function qualityRange(search: string, tz: string): Record<string, string> {
  const lb = readLookback(search, QUALITY_DEFAULT_DAYS, QUALITY_MAX_DAYS);
  return { ...lookbackParams(lb, tz, todayIn(tz, Date.now())), tz };
}

export function prefetchQuality(client: QueryClient, search: string): void {
  const view = readViewParams(search);
  void client.prefetchQuery(qualityOptions(view.env, qualityRange(search, view.tz)));
}
