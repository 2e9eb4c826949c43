// Exposure by market: one horizontal bar per open position, in the API's order (events by total
// exposure, then exposure), grouped under their event. Long and short in different colours;
// hovering (or focusing) a bar shows its figures in a floating box that is never clipped.
import { useMemo, useState } from 'react';
import { formatContracts, formatMoney, formatPercent, formatPrice } from '@core/format';
import type { ExposureByMarket, MarketRow } from '@api/types';
import { Panel } from '../../components/Panel';
import { signedContracts } from '../../format/figures';
import { groupByEvent, shortMarket } from './exposure-groups';
import { MARKET_PATH } from './MarketLink';
import { navigate, useLocation } from '../../router/location';
import { hrefWithView } from '../../router/view-params';

interface Hover {
  item: ExposureByMarket;
  x: number;
  y: number;
}

function HoverBox({ hover, row }: { hover: Hover; row: MarketRow | undefined }) {
  const { item } = hover;
  // Keep the box on screen: open leftwards near the right edge.
  const left = Math.min(hover.x + 14, window.innerWidth - 290);
  return (
    <div
      className="hover-box"
      role="tooltip"
      style={{ left, top: hover.y + 14 }}
      data-testid="exposure-hover"
    >
      <div className="tt-title">{item.marketId}</div>
      <dl className="mini">
        <dt>event</dt>
        <dd>{item.eventTicker ?? '—'}</dd>
        <dt>net</dt>
        <dd>
          {signedContracts(item.netPosition).text} {item.netPosition > 0 ? '(long)' : '(short)'}
        </dd>
        <dt>avg cost</dt>
        <dd>{formatPrice(row?.avgCost)}</dd>
        <dt>capital at risk</dt>
        <dd>{formatMoney(item.capitalAtRisk)}</dd>
        <dt>limit use</dt>
        <dd>{formatPercent(item.limitUse)}</dd>
        <dt>quoting</dt>
        <dd>{item.enabled ? 'enabled' : 'disabled'}</dd>
      </dl>
    </div>
  );
}

export function ExposurePanel({ items, markets }: { items: ExposureByMarket[]; markets: MarketRow[] }) {
  const [hover, setHover] = useState<Hover | null>(null);
  const { search } = useLocation();
  // A bar opens its market: by click, or Enter when it has the focus.
  // (The environment travels in the URL's shared parameters; absent, both pages show the default.)
  const openMarket = (marketId: string) => navigate(hrefWithView(MARKET_PATH, search, { m: marketId }));
  const groups = useMemo(() => groupByEvent(items), [items]);
  const rows = useMemo(() => new Map(markets.map((m) => [m.marketId, m])), [markets]);
  // Bar lengths are relative to the largest position (geometry, not a figure).
  const widest = Math.max(1, ...items.map((i) => i.exposure));
  return (
    <Panel
      title="Exposure by market"
      className="exposure-panel"
      testId="exposure-panel"
      actions={
        <span className="legend" aria-hidden="true">
          <span>
            <i className="sw sw-long" /> long
          </span>
          <span>
            <i className="sw sw-short" /> short
          </span>
        </span>
      }
    >
      {items.length === 0 ? (
        <p className="muted">No open positions.</p>
      ) : (
        <div className="xbars" onMouseLeave={() => setHover(null)}>
          {groups.map((g, gi) => (
            <div className="xgroup" key={`${g.event ?? ''}#${gi}`}>
              <div className="xgroup-label">{g.event ?? 'No event'}</div>
              <ul>
                {g.items.map((it) => (
                  <li
                    key={it.marketId}
                    className={`xbar ${it.netPosition > 0 ? 'long' : 'short'} ${it.enabled ? '' : 'disabled'}`}
                    tabIndex={0}
                    aria-label={`${it.marketId}: net ${signedContracts(it.netPosition).text} — Enter opens the market`}
                    data-market={it.marketId}
                    onClick={() => openMarket(it.marketId)}
                    onKeyDown={(e) => {
                      if (e.key === 'Enter') openMarket(it.marketId);
                    }}
                    onMouseMove={(e) => setHover({ item: it, x: e.clientX, y: e.clientY })}
                    onFocus={(e) => {
                      const r = e.currentTarget.getBoundingClientRect();
                      setHover({ item: it, x: r.left + r.width / 2, y: r.bottom - 10 });
                    }}
                    onBlur={() => setHover(null)}
                  >
                    <span className="xbar-label" title={it.marketId}>
                      {shortMarket(it.marketId, it.eventTicker)}
                      {!it.enabled && <span className="tag">off</span>}
                    </span>
                    <span className="xbar-track">
                      <span className="xbar-fill" style={{ width: `${(it.exposure / widest) * 100}%` }} />
                    </span>
                    <span className="xbar-value fig">{formatContracts(it.netPosition, { plus: true })}</span>
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </div>
      )}
      {hover && <HoverBox hover={hover} row={rows.get(hover.item.marketId)} />}
    </Panel>
  );
}
