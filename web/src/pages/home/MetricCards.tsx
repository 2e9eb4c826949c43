// The headline figures, exactly as the API computes them (metrics.md); only rounding happens here.
import { formatContracts, formatMoney, formatPercent } from '../../../../src/core/format';
import type { OverviewResponse } from '../../api/types';
import { BalanceCard } from '../../components/BalanceCard';
import { SignedFigure } from '../../components/Figure';
import { MetricCard } from '../../components/MetricCard';
import { differsByCent, signedMoney } from '../../format/figures';

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

function TradingStatus({ risk }: { risk: OverviewResponse['risk'] }) {
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
  // The meter shows 0–100 %; a gain (negative use) is an empty meter.
  const meterPct = use === null ? 0 : Math.min(100, Math.max(0, use * 100));
  return (
    <MetricCard
      label="Loss-limit use"
      testId="card-loss-limit"
      state={state}
      title="−risk_state.daily_pnl ÷ max_daily_loss. The bot never resets daily_pnl, so it runs since the bot's start."
      sub={
        <>
          <div className="meter" aria-hidden="true">
            <div className="meter-fill" style={{ width: `${meterPct}%` }} />
          </div>
          <span className="muted">
            daily {formatMoney(risk.dailyPnl, { plus: true })} of −{formatMoney(risk.maxDailyLoss)}
          </span>
        </>
      }
    >
      {formatPercent(use)}
      {use !== null && use < 0 && (
        <span
          className="card-unit"
          title="Negative: the bot's daily P&L is a gain, so none of the loss limit is used"
        >
          {' '}
          gain
        </span>
      )}
    </MetricCard>
  );
}

export function MetricCards({ data }: { data: OverviewResponse }) {
  const { pnl, exposure, orders, risk } = data;
  return (
    <div className="cards" data-testid="metric-cards">
      <Realized pnl={pnl} />
      <MetricCard
        label="Today's P&L"
        testId="card-today"
        sub={
          <span className="muted">
            {pnl.fillsToday} fills · {pnl.today} ({data.tz})
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
        sub={<span className="muted">{orders.openOrderCount} open orders in all</span>}
      >
        <span className="fig quote-counts">
          <span>
            {orders.activeBids} bids <small>({formatContracts(orders.activeBidContracts)} cts)</small>
          </span>
          <span>
            {orders.activeAsks} asks <small>({formatContracts(orders.activeAskContracts)} cts)</small>
          </span>
        </span>
      </MetricCard>
      <TradingStatus risk={risk} />
      <LossLimit risk={risk} />
      <BalanceCard env={data.env} />
    </div>
  );
}
