// metrics.md `attention`: everything a trader must act on, in one list, most severe first. Pure:
// built from the overview's own figures (so the list never disagrees with the cards and rows), the
// bot's api_errors item and "now".
import type { HeartbeatStatus } from './heartbeat.js';
import type { MarketRow } from './rows.js';
import { toApiTime } from './time.js';
import type { ApiErrorsState } from './types.js';

export type AttentionKind =
  | 'bot_down'
  | 'bot_late'
  | 'trading_halted'
  | 'loss_limit'
  | 'total_exposure'
  | 'market_limit'
  | 'market_settled'
  | 'no_config'
  | 'market_closed'
  | 'no_recent_decision'
  | 'api_errors';

export interface AttentionItem {
  kind: AttentionKind;
  severity: 'critical' | 'warning';
  /** The market the item is about; absent for the environment as a whole. */
  marketId?: string;
  message: string;
  /** Since when the condition holds (API time), where the data says. */
  since?: string;
}

/** The order of kinds within a severity: the bot first, then the environment, then markets. */
const KIND_ORDER: readonly AttentionKind[] = [
  'bot_down',
  'bot_late',
  'trading_halted',
  'loss_limit',
  'total_exposure',
  'market_limit',
  'market_settled',
  'no_config',
  'market_closed',
  'no_recent_decision',
  'api_errors',
];

/** An enabled market is dead when its newest decision is older than this many loop intervals. */
export const NO_DECISION_LOOPS = 10;
/** An API-error burst: at least this many errors in the bot's run… */
export const API_ERROR_BURST_COUNT = 10;
/** …the newest of them at most this old. */
export const API_ERROR_BURST_WITHIN_MS = 15 * 60_000;

export interface AttentionInput {
  nowMs: number;
  loopIntervalMs: number;
  bot: {
    heartbeat: HeartbeatStatus;
    lastDecisionAt: string | null;
    lastDecisionAgeMs: number | null;
    runId: string | null;
  };
  risk: {
    tradingHalted: boolean | null;
    haltReason: string | null;
    lossLimitUse: number | null;
    dailyPnl: number | null;
    maxDailyLoss: number;
    lastUpdatedAt: string | null;
  };
  exposure: { total: number; totalLimitUse: number | null };
  maxTotalExposure: number;
  markets: readonly (Pick<
    MarketRow,
    'marketId' | 'enabled' | 'hasConfig' | 'netPosition' | 'limitUse' | 'maxPosition' | 'decisionAt'
  > &
    /** Lifecycle (metrics.md §"Market lifecycle"); absent or null when the market data does not know it. */
    Partial<Pick<MarketRow, 'marketPhase' | 'marketStatus' | 'result' | 'settlementPnl' | 'closeTime'>>)[];
  apiErrors: ApiErrorsState | null;
}

/** A silence as a trader reads it: `11 min`, `32 h`, `3 d 4 h` (never "1920 min"). */
export function silence(ms: number): string {
  const min = Math.max(1, Math.round(ms / 60_000));
  if (min < 120) return `${min} min`;
  const h = Math.floor(min / 60);
  return h < 48 ? `${h} h` : `${Math.floor(h / 24)} d ${h % 24} h`;
}
const pct = (x: number) => `${Math.round(x * 100)}%`;
const usd = (x: number) => `${x < 0 ? '−' : '+'}$${Math.abs(x).toFixed(2)}`;

/**
 * metrics.md `attention`: "a market settled or closed with a position". Settled is critical: the
 * position no longer exists at Kalshi, its payout is in no realized figure, and the unrealized the
 * dashboard shows for it values a book that no longer exists. Closed (awaiting the result) warns.
 */
function lifecycleItem(m: AttentionInput['markets'][number]): AttentionItem | null {
  if (m.netPosition === 0 || !m.marketPhase || m.marketPhase === 'open') return null;
  const status = m.marketStatus ?? m.marketPhase;
  if (m.marketPhase === 'settled') {
    const payout =
      m.settlementPnl === null || m.settlementPnl === undefined
        ? 'settlement P&L unknown'
        : `settlement P&L ${usd(m.settlementPnl)}, not in realized P&L`;
    return {
      kind: 'market_settled',
      severity: 'critical',
      marketId: m.marketId,
      message: `${m.marketId}: ${status}${m.result ? ` (result ${m.result})` : ''} with position ${m.netPosition} still in the bot's positions — ${payout}; its unrealized P&L values a book that no longer exists and is meaningless`,
    };
  }
  return {
    kind: 'market_closed',
    severity: 'warning',
    marketId: m.marketId,
    message: `${m.marketId}: ${status} with position ${m.netPosition} — awaiting settlement; its unrealized P&L values a frozen book`,
    ...(m.closeTime ? { since: m.closeTime } : {}),
  };
}

export function buildAttention(i: AttentionInput): AttentionItem[] {
  const out: AttentionItem[] = [];
  const since = (iso: string | null) => (iso ? { since: iso } : {});
  const run = i.bot.runId ? ` (last run ${i.bot.runId})` : '';
  const stopped = i.bot.heartbeat !== 'alive';
  if (i.bot.heartbeat === 'down') {
    out.push({
      kind: 'bot_down',
      severity: 'critical',
      message:
        i.bot.lastDecisionAgeMs === null
          ? 'Bot down: it has logged no decision'
          : `Bot down: no decision for ${silence(i.bot.lastDecisionAgeMs)}${run}`,
      ...since(i.bot.lastDecisionAt),
    });
  } else if (i.bot.heartbeat === 'late') {
    out.push({
      kind: 'bot_late',
      severity: 'warning',
      message: `Bot late: no decision for ${Math.round((i.bot.lastDecisionAgeMs ?? 0) / 1000)} s${run}`,
      ...since(i.bot.lastDecisionAt),
    });
  }
  if (i.risk.tradingHalted) {
    out.push({
      kind: 'trading_halted',
      severity: 'critical',
      message: `Trading halted${i.risk.haltReason ? `: ${i.risk.haltReason}` : ''}`,
      ...since(i.risk.lastUpdatedAt),
    });
  }
  if (i.risk.lossLimitUse !== null && i.risk.lossLimitUse >= 1) {
    out.push({
      kind: 'loss_limit',
      severity: 'critical',
      message: `Loss limit reached: daily_pnl ${i.risk.dailyPnl?.toFixed(2)} of −${i.risk.maxDailyLoss.toFixed(2)} (${pct(i.risk.lossLimitUse)}); every restart halts until it is reset`,
    });
  }
  if (i.exposure.totalLimitUse !== null && i.exposure.totalLimitUse >= 1) {
    out.push({
      kind: 'total_exposure',
      severity: 'critical',
      message: `Total exposure ${i.exposure.total} contracts at ${pct(i.exposure.totalLimitUse)} of max_total_exposure ${i.maxTotalExposure}`,
    });
  }
  const deadAfterMs = NO_DECISION_LOOPS * i.loopIntervalMs;
  for (const m of i.markets) {
    if (m.limitUse !== null && m.limitUse >= 1) {
      out.push({
        kind: 'market_limit',
        severity: 'critical',
        marketId: m.marketId,
        message:
          `${m.marketId}: position ${m.netPosition} at ${pct(m.limitUse)} of its limit ${m.maxPosition ?? ''}`.trimEnd(),
      });
    }
    const lifecycle = lifecycleItem(m);
    if (lifecycle) out.push(lifecycle);
    if (m.netPosition !== 0 && !m.hasConfig) {
      out.push({
        kind: 'no_config',
        severity: 'warning',
        marketId: m.marketId,
        message: `${m.marketId}: position ${m.netPosition} with no config — the bot does not manage it`,
      });
    }
    // While the whole bot is late or down, its own item says so; one per market would be noise.
    if (m.enabled && !stopped) {
      const at = m.decisionAt === null ? null : Date.parse(m.decisionAt);
      if (at === null || i.nowMs - at >= deadAfterMs) {
        out.push({
          kind: 'no_recent_decision',
          severity: 'warning',
          marketId: m.marketId,
          message:
            at === null
              ? `${m.marketId}: enabled but the bot has logged no decision for it`
              : `${m.marketId}: enabled but no decision for ${silence(i.nowMs - at)}`,
          ...since(m.decisionAt),
        });
      }
    }
  }
  for (const e of i.apiErrors?.errors ?? []) {
    if (e.count < API_ERROR_BURST_COUNT || e.lastErrorAtMs === null) continue;
    if (i.nowMs - e.lastErrorAtMs > API_ERROR_BURST_WITHIN_MS) continue;
    out.push({
      kind: 'api_errors',
      severity: 'warning',
      marketId: e.marketId,
      message: `${e.marketId}: ${e.count} API errors this run${e.lastErrorCode ? `, last ${e.lastErrorCode}${e.lastStatusCode ? ` ${e.lastStatusCode}` : ''}` : ''}`,
      since: toApiTime(e.lastErrorAtMs),
    });
  }
  const rank = (a: AttentionItem) => (a.severity === 'critical' ? 0 : 1);
  return out
    .map((a, n) => ({ a, n }))
    .sort(
      (x, y) =>
        rank(x.a) - rank(y.a) || KIND_ORDER.indexOf(x.a.kind) - KIND_ORDER.indexOf(y.a.kind) || x.n - y.n,
    )
    .map((x) => x.a);
}
