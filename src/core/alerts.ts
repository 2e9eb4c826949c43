// Alert rules: pure functions from the figures (an overview, the stale list, the bot's API errors)
// to the conditions a trader must hear about. Thresholds are data, so an operator can edit them.
import type { Overview } from './overview.js';
import type { StaleResult } from './stale.js';
import type { ApiErrorsState } from './types.js';

export type AlertSeverity = 'critical' | 'warning';

export interface Alert {
  /** Stable identity (rule + market): the same condition seen again is the same alert. */
  key: string;
  rule: string;
  severity: AlertSeverity;
  marketId: string | null;
  message: string;
  value: number | string | null;
  threshold: number | null;
}

export interface AlertThresholds {
  /** Loss-limit use (−daily_pnl / max_daily_loss) that warns; ≥ 1 is critical. */
  lossLimitUseWarn: number;
  /** Total exposure / max_total_exposure that warns; ≥ 1 is critical. */
  totalLimitUseWarn: number;
  /** |net| / max_inventory_yes per market that warns; ≥ 1 is critical. */
  marketLimitUseWarn: number;
  /** API errors of a market in the current bot run that warn. */
  apiErrorsWarn: number;
  /** Hours without a fill that make an open position stale. */
  staleHours: number;
  /** Rules switched off by name. */
  disabled: string[];
}

export const DEFAULT_ALERT_THRESHOLDS: AlertThresholds = {
  lossLimitUseWarn: 0.8,
  totalLimitUseWarn: 0.8,
  marketLimitUseWarn: 0.9,
  apiErrorsWarn: 10,
  staleHours: 48,
  disabled: [],
};

export const ALERT_RULES = [
  'bot_down',
  'bot_late',
  'trading_halted',
  'loss_limit',
  'total_exposure',
  'market_limit',
  'stale_position',
  'spread_below_min',
  'order_mismatch',
  'api_errors',
  'position_drift',
] as const;

const pct = (x: number) => `${(x * 100).toFixed(0)}%`;

function levelAlert(
  rule: string,
  marketId: string | null,
  use: number | null,
  warnAt: number,
  what: string,
): Alert | null {
  if (use === null || use < warnAt) return null;
  return {
    key: marketId ? `${rule}:${marketId}` : rule,
    rule,
    severity: use >= 1 ? 'critical' : 'warning',
    marketId,
    message: `${what} at ${pct(use)} (alert from ${pct(warnAt)})`,
    value: use,
    threshold: warnAt,
  };
}

export function evaluateAlerts(
  o: Overview,
  stale: StaleResult,
  apiErrors: ApiErrorsState | null,
  t: AlertThresholds = DEFAULT_ALERT_THRESHOLDS,
): Alert[] {
  const out: (Alert | null)[] = [];
  const ageMin = o.bot.lastDecisionAgeMs === null ? null : Math.round(o.bot.lastDecisionAgeMs / 60_000);
  if (o.bot.heartbeat === 'down') {
    out.push({
      key: 'bot_down',
      rule: 'bot_down',
      severity: 'critical',
      marketId: null,
      message:
        ageMin === null
          ? 'the bot has logged no decision'
          : `no decision for ${ageMin} min: the bot looks down`,
      value: o.bot.lastDecisionAgeMs,
      threshold: o.bot.lateUnderMs,
    });
  } else if (o.bot.heartbeat === 'late') {
    out.push({
      key: 'bot_late',
      rule: 'bot_late',
      severity: 'warning',
      marketId: null,
      message: `newest decision is ${Math.round((o.bot.lastDecisionAgeMs ?? 0) / 1000)} s old: the bot is late`,
      value: o.bot.lastDecisionAgeMs,
      threshold: o.bot.aliveUnderMs,
    });
  }
  if (o.risk.tradingHalted) {
    out.push({
      key: 'trading_halted',
      rule: 'trading_halted',
      severity: 'critical',
      marketId: null,
      message: `trading is halted${o.risk.haltReason ? `: ${o.risk.haltReason}` : ''}`,
      value: null,
      threshold: null,
    });
  }
  out.push(
    levelAlert(
      'loss_limit',
      null,
      o.risk.lossLimitUse,
      t.lossLimitUseWarn,
      'loss limit use (risk_state.daily_pnl, a running total)',
    ),
  );
  out.push(
    levelAlert(
      'total_exposure',
      null,
      o.exposure.totalLimitUse,
      t.totalLimitUseWarn,
      'total exposure vs max_total_exposure',
    ),
  );
  for (const r of o.markets) {
    out.push(
      levelAlert(
        'market_limit',
        r.marketId,
        r.limitUse,
        t.marketLimitUseWarn,
        `${r.marketId} position ${r.netPosition} vs limit`,
      ),
    );
    if (r.enabled && r.spreadHealth === 'below') {
      out.push({
        key: `spread_below_min:${r.marketId}`,
        rule: 'spread_below_min',
        severity: 'warning',
        marketId: r.marketId,
        message: `${r.marketId} spread ${r.spread?.toFixed(3)} is below its minimum ${r.minSpread?.toFixed(3)}`,
        value: r.spread,
        threshold: r.minSpread,
      });
    }
    if (r.mismatch.any) {
      const sides = [r.mismatch.bid === 'missing' ? 'bid' : null, r.mismatch.ask === 'missing' ? 'ask' : null]
        .filter(Boolean)
        .join(' and ');
      out.push({
        key: `order_mismatch:${r.marketId}`,
        rule: 'order_mismatch',
        severity: 'warning',
        marketId: r.marketId,
        message: `${r.marketId}: the newest decision targets a ${sides} but no live order exists`,
        value: sides,
        threshold: null,
      });
    }
    if (r.positionDrift !== 0) {
      out.push({
        key: `position_drift:${r.marketId}`,
        rule: 'position_drift',
        severity: 'warning',
        marketId: r.marketId,
        message: `${r.marketId}: bot position ${r.netPosition} ≠ trade-log replay ${r.replayedNetPosition}`,
        value: r.positionDrift,
        threshold: 0,
      });
    }
  }
  for (const s of stale.items) {
    const hours = s.lastFillAgeMs === null ? null : Math.floor(s.lastFillAgeMs / 3_600_000);
    out.push({
      key: `stale_position:${s.marketId}`,
      rule: 'stale_position',
      severity: 'warning',
      marketId: s.marketId,
      message: `${s.marketId}: position ${s.netPosition} with no fill ${hours === null ? 'ever' : `for ${hours} h`}${s.exitOrder ? '' : ', and no exit order'}`,
      value: s.lastFillAgeMs,
      threshold: t.staleHours * 3_600_000,
    });
  }
  for (const e of apiErrors?.errors ?? []) {
    if (e.count < t.apiErrorsWarn) continue;
    out.push({
      key: `api_errors:${e.marketId}`,
      rule: 'api_errors',
      severity: 'warning',
      marketId: e.marketId,
      message: `${e.marketId}: ${e.count} API errors this run${e.lastErrorCode ? ` (last: ${e.lastErrorCode}${e.lastStatusCode ? ` ${e.lastStatusCode}` : ''})` : ''}`,
      value: e.count,
      threshold: t.apiErrorsWarn,
    });
  }
  const off = new Set(t.disabled);
  return out.filter((a): a is Alert => a !== null && !off.has(a.rule));
}
