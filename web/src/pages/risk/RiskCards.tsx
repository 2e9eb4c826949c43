// The risk headline: trading halted or not, the bot's heartbeat, total exposure against
// max_total_exposure, loss-limit use, and the alert count — each the API's figure, rounded here.
import { formatAge, formatContracts, formatMoney, formatPercent } from '@core/format';
import type { AlertsResponse, RiskResponse } from '@api/types';
import { useNow } from '../../api/use-now';
import { MetricCard } from '../../components/MetricCard';

/** A 0–100 % meter (a negative use — a gain — is an empty meter), with an optional alert mark. */
export function Meter({ use, markAt, testId }: { use: number | null; markAt?: number; testId?: string }) {
  const pct = use === null ? 0 : Math.min(100, Math.max(0, use * 100));
  const tone =
    use === null
      ? ''
      : use >= 1
        ? 'meter-bad'
        : markAt !== undefined && use >= markAt
          ? 'meter-warn'
          : 'meter-ok';
  return (
    <div className={`meter risk-meter ${tone}`} aria-hidden="true" data-testid={testId}>
      <div className="meter-fill" style={{ width: `${pct}%` }} />
      {markAt !== undefined && markAt > 0 && markAt < 1 && (
        <i
          className="meter-mark"
          style={{ left: `${markAt * 100}%` }}
          title={`alert from ${formatPercent(markAt)}`}
        />
      )}
    </div>
  );
}

function levelState(use: number | null, warnAt: number | undefined): 'bad' | 'warn' | undefined {
  if (use === null) return undefined;
  if (use >= 1) return 'bad';
  if (warnAt !== undefined && use >= warnAt) return 'warn';
  return undefined;
}

export function RiskCards({ risk, alerts }: { risk: RiskResponse; alerts: AlertsResponse | undefined }) {
  const now = useNow();
  const r = risk.risk;
  const t = alerts?.thresholds;
  const critical = alerts?.active.filter((a) => a.severity === 'critical').length ?? 0;
  const warning = (alerts?.active.length ?? 0) - critical;
  const halted = r.tradingHalted === true;
  return (
    <div className="cards" data-testid="risk-cards">
      <MetricCard
        label="Trading"
        testId="card-trading"
        state={
          !r.present
            ? 'warn'
            : halted || risk.bot.heartbeat === 'down'
              ? 'bad'
              : !r.tradingEnabled || risk.bot.heartbeat === 'late'
                ? 'warn'
                : 'ok'
        }
        sub={
          <span className="muted">
            {!r.present
              ? 'no risk_state item'
              : halted
                ? (r.haltReason ?? 'no reason given')
                : r.tradingEnabled
                  ? 'not halted'
                  : 'trading_enabled is false'}
          </span>
        }
      >
        {!r.present
          ? 'UNKNOWN'
          : halted
            ? 'HALTED'
            : risk.bot.heartbeat !== 'alive'
              ? // A bot that writes no decisions trades nothing, whatever its last risk_state says.
                `BOT ${risk.bot.heartbeat.toUpperCase()}`
              : r.tradingEnabled
                ? 'ACTIVE'
                : 'DISABLED'}
      </MetricCard>
      <MetricCard
        label="Bot heartbeat"
        testId="card-heartbeat"
        state={risk.bot.heartbeat === 'alive' ? 'ok' : risk.bot.heartbeat === 'late' ? 'warn' : 'bad'}
        title={`Newest decision ${risk.bot.lastDecisionAt ?? 'never'}`}
        sub={
          <span className="muted">
            last decision{' '}
            {risk.bot.lastDecisionAt ? formatAge(Date.parse(risk.bot.lastDecisionAt), now) : 'never'}
            {risk.bot.version ? ` · ${risk.bot.version}` : ''}
          </span>
        }
      >
        {risk.bot.heartbeat.toUpperCase()}
      </MetricCard>
      <MetricCard
        label="Total exposure"
        testId="card-total-exposure"
        state={levelState(risk.exposure.totalLimitUse, t?.totalLimitUseWarn)}
        title="Σ |net| over every market the bot holds ÷ global_config.max_total_exposure"
        sub={
          <>
            <Meter use={risk.exposure.totalLimitUse} markAt={t?.totalLimitUseWarn} />
            <span className="muted">
              {formatContracts(risk.exposure.total)} of {formatContracts(r.maxTotalExposure)} contracts
            </span>
          </>
        }
      >
        {formatPercent(risk.exposure.totalLimitUse)}
      </MetricCard>
      <MetricCard
        label="Loss-limit use"
        testId="card-loss-use"
        state={levelState(r.lossLimitUse, t?.lossLimitUseWarn)}
        title="max(0, −risk_state.daily_pnl) ÷ max_daily_loss: 0 % while the bot's figure is a gain. The bot never resets daily_pnl: it runs since the state item began, across restarts and days."
        sub={
          <>
            <Meter use={r.lossLimitUse} markAt={t?.lossLimitUseWarn} />
            <span className="muted" data-testid="risk-loss-headroom">
              {r.lossHeadroom === null
                ? 'no risk_state'
                : r.lossHeadroom <= 0
                  ? 'limit reached: every start halts'
                  : `${formatMoney(r.lossHeadroom)} before the bot halts`}{' '}
              · daily_pnl {formatMoney(r.dailyPnl, { plus: true })}, never reset
            </span>
          </>
        }
      >
        {formatPercent(r.lossLimitUse)}
      </MetricCard>
      <MetricCard
        label="Capital at risk"
        testId="card-risk-capital"
        title="What the open positions can lose at settlement"
        sub={<span className="muted">enabled exposure {formatContracts(risk.exposure.enabled)}</span>}
      >
        <span className="fig">{formatMoney(risk.exposure.capitalAtRisk)}</span>
      </MetricCard>
      <MetricCard
        label="Active alerts"
        testId="card-alerts"
        state={critical > 0 ? 'bad' : warning > 0 ? 'warn' : alerts ? 'ok' : undefined}
        sub={
          <span className="muted">
            {alerts
              ? `${critical} critical · ${warning} warning · webhook ${alerts.webhook ? 'on' : 'off'}`
              : 'loading…'}
          </span>
        }
      >
        <span className="fig">{alerts ? alerts.active.length : '…'}</span>
      </MetricCard>
    </div>
  );
}
