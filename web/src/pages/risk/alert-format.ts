// How an alert's value and threshold read: each rule measures something different (a share of a
// limit, an age, a count, a price, contracts). Pure.
import { formatContracts, formatDuration, formatPercent, formatPrice, NONE } from '@core/format';

const SHARE_RULES = new Set(['loss_limit', 'total_exposure', 'market_limit']);
const AGE_RULES = new Set(['bot_down', 'bot_late', 'stale_position']);

export function alertFigure(rule: string, v: number | string | null): string {
  if (v === null) return NONE;
  if (typeof v === 'string') return v;
  if (SHARE_RULES.has(rule)) return formatPercent(v);
  if (AGE_RULES.has(rule)) return formatDuration(v);
  if (rule === 'spread_below_min') return formatPrice(v);
  if (rule === 'position_drift') return formatContracts(v, { plus: true });
  return formatContracts(v);
}

/** `92% (alert from 90%)`, `3d 2h (alert from 2d)`, or the value alone. */
export function alertValueText(
  rule: string,
  value: number | string | null,
  threshold: number | null,
): string {
  const v = alertFigure(rule, value);
  if (threshold === null || rule === 'position_drift') return v;
  const t = alertFigure(rule, threshold);
  return rule === 'spread_below_min' ? `${v} (min ${t})` : `${v} (alert from ${t})`;
}

/** Rule names for people: `market_limit` → `market limit`. */
export function ruleLabel(rule: string): string {
  return rule.replace(/_/g, ' ');
}
