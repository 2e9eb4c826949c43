// Limit use per market: |net| ÷ max_inventory_yes as a bar (the API's order: fullest first), with the
// alert threshold marked, and the flags a risk view needs beside it (disabled, spread below its
// minimum, order mismatch, position drift).
import { formatContracts, formatMoney, formatPercent } from '@core/format';
import type { RiskMarket } from '@api/types';
import { signedContracts } from '../../format/figures';
import { ClosingSoonTag, MarketName } from '../../components/MarketName';
import { closesIn, closesInSortKey } from '../../format/lifecycle';
import { formatDateTime } from '../../format/time';

export type LimitOrder = 'limit' | 'closes';

/** The bars in the API's order (fullest first), or by close: settled, closed, soonest, unknown last. */
export function orderMarkets(markets: readonly RiskMarket[], order: LimitOrder): RiskMarket[] {
  if (order === 'limit') return [...markets];
  const key = (m: RiskMarket) => closesInSortKey(m) ?? Number.POSITIVE_INFINITY;
  return [...markets].sort((a, b) => key(a) - key(b));
}

function ClosesIn({ m, tz }: { m: RiskMarket; tz: string }) {
  const c = closesIn(m);
  if (c.kind === 'unknown') return null;
  return (
    <span
      className={`small closes-${c.kind}`}
      data-testid="risk-closes-in"
      title={`Closes ${formatDateTime(m.closeTime, tz)} · Kalshi status: ${m.marketStatus ?? 'unknown'}`}
    >
      {c.kind === 'open' && <span className="closes-prefix">closes in </span>}
      {c.text}
    </span>
  );
}

function barTone(use: number, warnAt: number): string {
  if (use >= 1) return 'lbar-bad';
  if (use >= warnAt) return 'lbar-warn';
  return 'lbar-ok';
}

export function LimitBars({
  markets,
  env,
  warnAt,
  tz,
}: {
  markets: RiskMarket[];
  env: string;
  warnAt: number;
  tz: string;
}) {
  if (markets.length === 0) {
    return (
      <p className="empty-state" data-testid="limit-bars">
        No enabled market and no open position: nothing uses a limit. Check the markets’ configs (enabled) on
        the Home page.
      </p>
    );
  }
  return (
    <ul className="lbars" data-testid="limit-bars">
      {markets.map((m) => {
        const use = m.limitUse;
        const pct = use === null ? 0 : Math.min(100, Math.max(0, use * 100));
        return (
          <li key={m.marketId} className={`lbar ${m.enabled ? '' : 'disabled'}`} data-testid="limit-bar">
            <span className="lbar-label">
              <MarketName
                marketId={m.marketId}
                title={m.title}
                env={env}
                tags={
                  <>
                    {!m.enabled && <span className="tag">off</span>}
                    <ClosingSoonTag closingSoon={m.closingSoon} />
                  </>
                }
              />
            </span>
            <span
              className="lbar-track"
              role="meter"
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={Math.round(pct)}
              aria-label={`${m.marketId} limit use`}
            >
              <span
                className={`lbar-fill ${use === null ? '' : barTone(use, warnAt)}`}
                style={{ width: `${pct}%` }}
              />
              <i className="lbar-mark" style={{ left: `${warnAt * 100}%` }} aria-hidden="true" />
            </span>
            <span className="lbar-value fig" data-testid="limit-use">
              {use === null ? (
                <span className="muted" title="no max_inventory_yes in a config">
                  no limit
                </span>
              ) : (
                formatPercent(use)
              )}
            </span>
            <span className="lbar-detail muted fig">
              {signedContracts(m.netPosition).text} / {formatContracts(m.maxInventoryYes)}
            </span>
            <span className="lbar-flags">
              <ClosesIn m={m} tz={tz} />
              <span className="muted small" title="capital at risk">
                {formatMoney(m.capitalAtRisk)}
              </span>
              {m.spreadHealth === 'below' && m.enabled && (
                <span className="tag tag-warn" title="book spread below the market’s min_spread">
                  spread
                </span>
              )}
              {m.mismatch && (
                <span className="tag tag-bad" title="the newest decision targets a quote no live order has">
                  mismatch
                </span>
              )}
              {m.positionDrift !== 0 && (
                <span className="tag tag-warn" title="the bot’s position differs from the trade-log replay">
                  drift {formatContracts(m.positionDrift, { plus: true })}
                </span>
              )}
            </span>
          </li>
        );
      })}
    </ul>
  );
}
