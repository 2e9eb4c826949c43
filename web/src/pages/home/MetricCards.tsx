// The headline figures, exactly as the API computes them (metrics.md); only rounding happens here.
import { formatContracts, formatDuration, formatMoney, formatPercent } from '@core/format';
import { useLayoutEffect, useRef, type RefObject } from 'react';
import { formatDateTime } from '../../format/time';
import type { OverviewResponse } from '@api/types';
import { BalanceCard } from '../../components/BalanceCard';
import { SignedFigure } from '../../components/Figure';
import { MetricCard } from '../../components/MetricCard';
import { differsByCent, signedMoney } from '../../format/figures';
import { lifecycleNote } from '../../format/lifecycle';

/** "1 bid", "2 bids", "0 fills": a count with its noun, singular for one. */
export function counted(n: number, noun: string): string {
  return `${formatContracts(n)} ${n === 1 ? noun : `${noun}s`}`;
}

function Realized({ pnl }: { pnl: OverviewResponse['pnl'] }) {
  const showBot = differsByCent(pnl.realizedTotal, pnl.botRealizedTotal);
  return (
    <MetricCard
      label="Realized (all-time)"
      testId="card-realized"
      title="Replay of the whole trade log with the bot's average-cost rule, fees included"
      sub={
        showBot ? (
          <span className="warn-text" data-testid="card-realized-bot">
            bot says {formatMoney(pnl.botRealizedTotal, { plus: true })}
          </span>
        ) : (
          <span className="muted">matches the bot's figure</span>
        )
      }
    >
      <SignedFigure value={signedMoney(pnl.realizedTotal)} />
    </MetricCard>
  );
}

/**
 * Realized incl. settlements (metrics.md §"Market lifecycle"): beside the replayed realized figure,
 * never replacing it — the bot's trade log has no settlements. Without Kalshi's market data it
 * reads "unavailable" with the reason, never $0.00.
 */
function RealizedInclSettlement({
  pnl,
  lifecycle,
}: {
  pnl: OverviewResponse['pnl'];
  lifecycle: OverviewResponse['lifecycle'];
}) {
  const note = lifecycleNote(lifecycle);
  if (pnl.realizedInclSettlement === null || pnl.settlementTotal === null) {
    const reason = lifecycle.unavailable ?? 'market data not fetched yet';
    return (
      <MetricCard
        label="Realized incl. settlements"
        testId="card-realized-settled"
        title={`Realized + settlement P&L of settled markets. ${note ?? reason}`}
        sub={
          <span className="muted small" data-testid="card-realized-settled-reason">
            {reason}
          </span>
        }
      >
        <span className="muted">unavailable</span>
      </MetricCard>
    );
  }
  return (
    <MetricCard
      label="Realized incl. settlements"
      testId="card-realized-settled"
      title={`Realized (the trade-log replay) + settlement P&L of the markets Kalshi has settled while the bot held them: the trade log has no settlements.${lifecycle.accountSettlements ? ' Settlement P&L is Kalshi’s account figure where it has one.' : ''}${note ? ` ${note}.` : ''}`}
      sub={
        <>
          <span className="muted">
            settlements{' '}
            <SignedFigure value={signedMoney(pnl.settlementTotal)} testId="card-settlement-total" />
          </span>
          {pnl.settlementUnknown > 0 && (
            <span
              className="warn-text small"
              title="Markets holding a position that Kalshi's market data does not know: left out of the settlement total"
            >
              {' '}
              · {pnl.settlementUnknown} unknown
            </span>
          )}
          {note && (
            <span className="warn-text small" title={note}>
              {' '}
              · data old
            </span>
          )}
        </>
      }
    >
      <SignedFigure value={signedMoney(pnl.realizedInclSettlement)} />
    </MetricCard>
  );
}

function Unrealized({ pnl }: { pnl: OverviewResponse['pnl'] }) {
  return (
    <MetricCard
      label="Unrealized P&L"
      testId="card-unrealized"
      title="Worst: exit into the book's best price. Best: exit at our own active quote. Mid: valued at the mid price."
      sub={
        <dl className="mini">
          <dt>best</dt>
          <dd>
            <SignedFigure value={signedMoney(pnl.unrealizedBest)} />
          </dd>
          <dt>mid</dt>
          <dd>
            <SignedFigure value={signedMoney(pnl.unrealizedMid)} />
            {pnl.unrealizedMidMissing > 0 && (
              <span
                className="muted"
                title="Markets with a position but no book are left out of the mid figure"
              >
                {' '}
                ({pnl.unrealizedMidMissing} w/o book)
              </span>
            )}
          </dd>
        </dl>
      }
    >
      <SignedFigure value={signedMoney(pnl.unrealizedWorst)} /> <span className="card-unit">worst</span>
    </MetricCard>
  );
}

function TradingStatus({ risk, bot }: { risk: OverviewResponse['risk']; bot: OverviewResponse['bot'] }) {
  // A bot that writes no decisions trades nothing, whatever its last risk_state says.
  if (bot.heartbeat !== 'alive') {
    const down = bot.heartbeat === 'down';
    return (
      <MetricCard
        label="Trading status"
        testId="card-status"
        state={down ? 'bad' : 'warn'}
        title="From the age of the bot's newest decision (metrics.md heartbeat), not from risk_state"
        sub={
          <span>
            no decision for {formatDuration(bot.lastDecisionAgeMs)}
            {risk.tradingHalted ? ' · halted' : ''}
          </span>
        }
      >
        {down ? 'BOT DOWN' : 'BOT LATE'}
      </MetricCard>
    );
  }
  if (!risk.present) {
    return (
      <MetricCard label="Trading status" testId="card-status" state="warn" sub="no risk_state item">
        UNKNOWN
      </MetricCard>
    );
  }
  if (risk.tradingHalted) {
    return (
      <MetricCard
        label="Trading status"
        testId="card-status"
        state="bad"
        sub={risk.haltReason ?? 'no reason given'}
      >
        HALTED
      </MetricCard>
    );
  }
  if (!risk.tradingEnabled) {
    return (
      <MetricCard
        label="Trading status"
        testId="card-status"
        state="warn"
        sub="trading_enabled is false in global_config"
      >
        DISABLED
      </MetricCard>
    );
  }
  return (
    <MetricCard label="Trading status" testId="card-status" state="ok" sub="not halted">
      ACTIVE
    </MetricCard>
  );
}

function LossLimit({ risk }: { risk: OverviewResponse['risk'] }) {
  const use = risk.lossLimitUse;
  const state = use === null ? undefined : use >= 1 ? 'bad' : use >= 0.75 ? 'warn' : undefined;
  const meterPct = use === null ? 0 : Math.min(100, Math.max(0, use * 100));
  const since = risk.lastUpdatedAt ? formatDateTime(risk.lastUpdatedAt, 'UTC') : null;
  return (
    <MetricCard
      label="Loss-limit use"
      testId="card-loss-limit"
      state={state}
      title="max(0, −risk_state.daily_pnl) ÷ max_daily_loss: 0 % while the bot's figure is a gain. The bot never resets daily_pnl: it runs since the state item began, across restarts and days."
      sub={
        <>
          <div className="meter" aria-hidden="true">
            <div className="meter-fill" style={{ width: `${meterPct}%` }} />
          </div>
          <span data-testid="loss-headroom">
            {risk.lossHeadroom === null ? (
              'no risk_state'
            ) : risk.lossHeadroom <= 0 ? (
              <span className="tone-neg">limit reached: every start halts</span>
            ) : (
              <>
                <span className="fig">{formatMoney(risk.lossHeadroom)}</span> before the bot halts
              </>
            )}
          </span>
          <br />
          <span
            className="muted small"
            data-testid="loss-daily"
            title={`The bot never resets daily_pnl: it runs since the state item began, across restarts and days${since ? `; last updated ${since}` : ''}. Limit −${formatMoney(risk.maxDailyLoss)}.`}
          >
            daily_pnl {formatMoney(risk.dailyPnl, { plus: true })}, never reset
          </span>
        </>
      }
    >
      {formatPercent(use)}
    </MetricCard>
  );
}

/**
 * A figure wider than its card (a five-digit loss on a narrow card) is set smaller until it fits,
 * never cut with an ellipsis.
 */
function useFittedFigures(ref: RefObject<HTMLDivElement | null>) {
  useLayoutEffect(() => {
    for (const v of ref.current?.querySelectorAll<HTMLElement>('.card-value') ?? []) {
      v.style.fontSize = '';
      let size = Number.parseFloat(getComputedStyle(v).fontSize);
      while (v.scrollWidth > v.clientWidth + 1 && size > 11) {
        size -= 1;
        v.style.fontSize = `${size}px`;
      }
    }
  });
}

export function MetricCards({ data }: { data: OverviewResponse }) {
  const { pnl, exposure, orders, risk, bot } = data;
  const ref = useRef<HTMLDivElement>(null);
  useFittedFigures(ref);
  return (
    <div className="cards" data-testid="metric-cards" ref={ref}>
      <Realized pnl={pnl} />
      <RealizedInclSettlement pnl={pnl} lifecycle={data.lifecycle} />
      <MetricCard
        label="Today's P&L"
        testId="card-today"
        sub={
          <span className="muted">
            {counted(pnl.fillsToday, 'fill')} ·{' '}
            <span className="nowrap">
              {pnl.today} ({data.tz})
            </span>
          </span>
        }
      >
        <SignedFigure value={signedMoney(pnl.todayRealized)} />
      </MetricCard>
      <MetricCard
        label="Fees today"
        testId="card-fees"
        sub={<span className="muted">included in realized</span>}
      >
        <span className="fig">{formatMoney(pnl.feesToday)}</span>
      </MetricCard>
      <Unrealized pnl={pnl} />
      <MetricCard
        label="Exposure"
        testId="card-exposure"
        title="Σ |net position| over every market the bot holds; enabled markets only beside it"
        sub={
          <span className="muted">
            enabled {formatContracts(exposure.enabled)} · limit use {formatPercent(exposure.totalLimitUse)}
          </span>
        }
      >
        <span className="fig">{formatContracts(exposure.total)}</span>{' '}
        <span className="card-unit">contracts</span>
      </MetricCard>
      <MetricCard
        label="Capital at risk"
        testId="card-capital"
        title="What the open positions can lose at settlement"
        sub={<span className="muted">across open positions</span>}
      >
        <span className="fig">{formatMoney(exposure.capitalAtRisk)}</span>
      </MetricCard>
      <MetricCard
        label="Active quotes"
        testId="card-orders"
        title="Enabled markets whose bid (ask) is at or inside the book's best; contracts = all our bids (asks) in those markets"
        state={bot.heartbeat === 'alive' ? undefined : 'warn'}
        sub={
          bot.heartbeat === 'alive' ? (
            <span className="muted">{counted(orders.openOrderCount, 'open order')} in all</span>
          ) : (
            <span className="card-unmanaged" data-testid="orders-unmanaged">
              {orders.openOrderCount} open orders unmanaged: bot {bot.heartbeat}
            </span>
          )
        }
      >
        <span className="fig quote-counts">
          <span>
            {counted(orders.activeBids, 'bid')}{' '}
            <small className="nowrap">({counted(orders.activeBidContracts, 'contract')})</small>
          </span>
          <span>
            {counted(orders.activeAsks, 'ask')}{' '}
            <small className="nowrap">({counted(orders.activeAskContracts, 'contract')})</small>
          </span>
        </span>
      </MetricCard>
      <TradingStatus risk={risk} bot={bot} />
      <LossLimit risk={risk} />
      <BalanceCard env={data.env} />
    </div>
  );
}
