// The market's header: config, position, our live orders, the newest decision's book as a depth
// ladder, and its pricing (fair value, skew, volatility, targets). Every figure is the API's.
import { formatAge, formatContracts, formatMoney, formatPercent, formatPrice, NONE } from '@core/format';
import { decisionLabelText } from '@core/decision-id';
import { useNow } from '../../api/use-now';
import { DepthLadder } from '../../components/DepthLadder';
import { SignedFigure } from '../../components/Figure';
import { differsByCent, signedContracts, signedMoney } from '../../format/figures';
import { formatDateTime } from '../../format/time';
import { closesIn, lifecycleNote } from '../../format/lifecycle';
import { ClosingSoonTag } from '../../components/MarketName';
import { Facts, type Fact } from './Facts';
import type { DecisionJson, MarketDetailResponse, MarketPosition } from '@api/types';

interface Props {
  data: MarketDetailResponse;
  tz: string;
  onOpenDecision: (decisionId: string) => void;
}

function When({ at, tz }: { at: string | null; tz: string }) {
  const now = useNow();
  if (!at) return <span className="muted">{NONE}</span>;
  return (
    <span title={formatDateTime(at, tz)}>
      {formatAge(Date.parse(at), now)} <span className="muted small">{formatDateTime(at, tz)}</span>
    </span>
  );
}

function ConfigFacts({ data, tz }: { data: MarketDetailResponse; tz: string }) {
  const c = data.config;
  if (!c) return <p className="muted small">No config item: a position without a market config.</p>;
  const items: Fact[] = [
    ['Enabled', c.enabled ? <span className="tone-pos">yes</span> : <span className="warn-text">no</span>],
    ['Event', <span className="mono">{c.eventTicker ?? NONE}</span>],
    ['Quote size', formatContracts(c.quoteSize)],
    ['Min spread', formatPrice(c.minSpread)],
    ['Skew factor', String(c.inventorySkewFactor)],
    ['Max inventory YES', formatContracts(c.maxInventoryYes), 'The bot’s limit for both long and short'],
    ['Max inventory NO', formatContracts(c.maxInventoryNo), 'Informational: used only for skew'],
    ['Fair value (config)', formatPrice(c.fairValue), 'Ignored by the strategy'],
    ['Created', c.createdAt ? <WholeDate text={formatDateTime(c.createdAt, tz)} /> : NONE],
    ['Updated', c.updatedAt ? <WholeDate text={formatDateTime(c.updatedAt, tz)} /> : NONE],
  ];
  if (c.disabledReason || c.disabledAt)
    items.push([
      'Disabled',
      <>
        {c.disabledReason ?? ''}{' '}
        {c.disabledAt && <WholeDate text={`(${formatDateTime(c.disabledAt, tz)})`} />}
      </>,
    ]);
  return <Facts items={items} testId="config-facts" />;
}

/** A date-time that may wrap between its date and its time, never inside either. */
function WholeDate({ text }: { text: string }) {
  const [date, ...rest] = text.split(' ');
  return (
    <>
      <span className="nowrap">{date}</span> <span className="nowrap">{rest.join(' ')}</span>
    </>
  );
}

function PositionFacts({ p }: { p: MarketPosition }) {
  const items: Fact[] = [
    [
      'Net position',
      <>
        <SignedFigure value={signedContracts(p.netPosition)} />
        {p.positionDrift !== 0 && (
          <span
            className="beside warn-text"
            title="The trade-log replay disagrees with the bot's net_yes_qty"
          >
            replay {formatContracts(p.replayedNetPosition, { plus: true })}
          </span>
        )}
      </>,
      'The bot’s net_yes_qty',
    ],
    ['Avg cost', formatPrice(p.avgCost)],
    [
      'Realized P&L',
      <>
        <SignedFigure value={signedMoney(p.realizedPnl)} />
        <span
          className={`beside ${differsByCent(p.realizedPnl, p.botRealizedPnl) ? 'warn-text' : 'muted'}`}
          title="The bot's positions.realized_pnl"
        >
          bot {formatMoney(p.botRealizedPnl, { plus: true })}
        </span>
      </>,
      'Ours: trade-log replay over all history',
    ],
    ['P&L 24h', <SignedFigure value={signedMoney(p.pnl24h)} />],
    [
      'Unrealized worst',
      <SignedFigure value={signedMoney(p.unrealizedWorst)} />,
      'Exit into the book, fee included',
    ],
    [
      'Unrealized best',
      <SignedFigure value={signedMoney(p.unrealizedBest)} />,
      'Exit at our active quote, else worst',
    ],
    ['Unrealized mid', <SignedFigure value={signedMoney(p.unrealizedMid)} />],
    [
      'Limit use',
      <span className={p.limitUse !== null && p.limitUse >= 1 ? 'warn-text' : ''}>
        {formatPercent(p.limitUse)}{' '}
        <span className="muted small">of {formatContracts(p.maxInventoryYes)}</span>
      </span>,
      '|net| / max_inventory_yes',
    ],
    ['Capital at risk', formatMoney(p.capitalAtRisk)],
    ['Filled 24h', `${formatContracts(p.filled24h)} (${formatContracts(p.pos24h, { plus: true })} net)`],
  ];
  return <Facts items={items} testId="position-facts" />;
}

/**
 * Kalshi's facts of the market (metrics.md §"Market lifecycle"): title, status, close time and
 * time left; once settled, the result and the settlement P&L with where it comes from (Kalshi's
 * account figure wins, the difference from the position's figure shown). Without market data:
 * "unavailable" and why.
 */
function LifecycleFacts({ data, tz }: { data: MarketDetailResponse; tz: string }) {
  const p = data.position;
  const note = lifecycleNote(data.lifecycle);
  if (!data.lifecycle.available)
    return (
      <p className="muted small" data-testid="lifecycle-facts">
        Unavailable — {note ?? 'Kalshi market data not fetched yet'}.
      </p>
    );
  if (data.marketStatus === null)
    return (
      <p className="muted small" data-testid="lifecycle-facts">
        Kalshi’s market data does not know this market.
      </p>
    );
  // The row's figures where the market has one; else the close time against the answer's time.
  const closesInMs = p
    ? p.closesInMs
    : data.closeTime
      ? Date.parse(data.closeTime) - Date.parse(data.meta.generatedAt)
      : null;
  const c = closesIn({ closesInMs, marketStatus: data.marketStatus, result: data.result });
  const items: Fact[] = [
    ['Title', <span className="wrap-anywhere">{data.title ?? NONE}</span>],
    ['Kalshi status', <span data-testid="lifecycle-status">{data.marketStatus}</span>],
    ['Close time', data.closeTime ? <WholeDate text={formatDateTime(data.closeTime, tz)} /> : NONE],
    [
      'Closes in',
      <span className={`closes-${c.kind}`} data-testid="lifecycle-closes-in">
        {c.text}
        {p?.closingSoon && <ClosingSoonTag closingSoon />}
      </span>,
    ],
  ];
  if (c.kind === 'settled') {
    items.push(['Result', <strong data-testid="lifecycle-result">{data.result ?? 'not given'}</strong>]);
    items.push([
      'Settlement P&L',
      data.settlementPnl === null ? (
        <span className="muted">unknown</span>
      ) : (
        <span data-testid="lifecycle-settlement">
          <SignedFigure value={signedMoney(data.settlementPnl)} />
          {p?.settlementSource && (
            <span className="beside muted small">
              {p.settlementSource === 'account' ? 'Kalshi account' : 'from the position'}
            </span>
          )}
        </span>
      ),
      'Not in realized P&L: the bot’s trade log has no settlements',
    ]);
    if (p && p.settlementSource === 'account' && p.settlementPnlPosition !== null)
      items.push([
        'Position’s figure',
        <>
          <SignedFigure value={signedMoney(p.settlementPnlPosition)} />
          {p.settlementDifference !== null && p.settlementDifference !== 0 && (
            <span className="beside warn-text small" data-testid="lifecycle-difference">
              account − position {formatMoney(p.settlementDifference, { plus: true })}
            </span>
          )}
        </>,
        'From the bot’s position and the result; Kalshi’s account figure above wins',
      ]);
  }
  return (
    <>
      {note && <p className="note warn-text">{note}</p>}
      <Facts items={items} testId="lifecycle-facts" />
    </>
  );
}

function OrdersTable({ data, tz }: { data: MarketDetailResponse; tz: string }) {
  const now = useNow();
  const p = data.position;
  const orders = [...data.ourOrders].sort((a, b) => b.priceYes - a.priceYes);
  return (
    <>
      {orders.length === 0 ? (
        <p className="muted small">No order in the bot’s open-orders snapshot.</p>
      ) : (
        <div className="mini-scroll">
          <table className="grid compact" data-testid="our-orders">
            <thead>
              <tr>
                <th>Side</th>
                <th className="num">Price</th>
                <th className="num" title="Remaining contracts (filled so far beside)">
                  Size
                </th>
                <th>Status</th>
                <th>Placed</th>
              </tr>
            </thead>
            <tbody>
              {orders.map((o) => {
                const side = o.side === 'yes' ? 'bid' : 'ask';
                const active = side === 'bid' ? p?.ourBidActive : p?.ourAskActive;
                const best = side === 'bid' ? p?.ourBid : p?.ourAsk;
                return (
                  <tr
                    key={o.orderId}
                    title={`order ${o.orderId}${o.decisionId ? ` · decision ${o.decisionId}` : ''}`}
                  >
                    <td>
                      <span className={`side side-${side}`}>{side}</span>
                      {best === o.priceYes && (
                        <span
                          className={active ? 'quote-on small' : 'quote-off small'}
                          title={
                            active ? 'active: at or inside the best price' : 'inactive: behind the best price'
                          }
                        >
                          {' '}
                          {active ? '✓' : '✗'}
                        </span>
                      )}
                    </td>
                    <td className="num">{formatPrice(o.priceYes)}</td>
                    <td className="num">
                      {formatContracts(o.size)}
                      {o.filledSize > 0 && (
                        <small className="muted"> +{formatContracts(o.filledSize)} filled</small>
                      )}
                    </td>
                    <td>{o.status ?? NONE}</td>
                    <td title={o.createdAt ? formatDateTime(o.createdAt, tz) : ''}>
                      {o.createdAt ? formatAge(Date.parse(o.createdAt), now) : NONE}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <p className="note" data-testid="orders-claim">
        The bot’s open_orders snapshot, saved{' '}
        <span title={data.openOrdersSyncedAt ? formatDateTime(data.openOrdersSyncedAt, tz) : ''}>
          {data.openOrdersSyncedAt ? formatAge(Date.parse(data.openOrdersSyncedAt), now) : 'never'}
        </span>
        : its claim, not the exchange’s — it can list orders cancelled in the same loop and miss orders placed
        since.
        {p && p.mismatch.any && (
          <span className="warn-text"> · ⚠ the newest decision targets a quote that is not live</span>
        )}
      </p>
    </>
  );
}

function targetsText(d: DecisionJson, side: 'bid' | 'ask'): string {
  const qs = d.targetQuotes.filter((q) => q.side === side);
  return qs.length
    ? qs.map((q) => `${formatPrice(q.priceYes)} × ${formatContracts(q.size)}`).join(', ')
    : NONE;
}

function PricingFacts({ d }: { d: DecisionJson }) {
  const pc = d.priceCalc;
  const items: Fact[] = [
    ['Fair value', <strong>{formatPrice(pc?.fairValue)}</strong>],
    ['FV source', pc?.fvSource ?? NONE, 'wma_24h / last_trade / mid'],
    ['Skew', formatPrice(pc?.skew), '> 0 when long: quotes shift down'],
    [
      'Volatility',
      pc?.tradeStdDev === null || pc?.tradeStdDev === undefined
        ? NONE
        : `${formatPrice(pc.tradeStdDev)} σ · ${formatContracts(pc.volatilityTradesCount)} trades · ${pc.volatilityWindow ?? NONE}`,
      'Population std-dev of recent public trade prices',
    ],
    ['Logic', pc?.logic ?? NONE],
    ['Market bid / ask', `${formatPrice(pc?.marketBid)} / ${formatPrice(pc?.marketAsk)}`],
    ['Target bid', targetsText(d, 'bid')],
    ['Target ask', targetsText(d, 'ask')],
    ['Inventory', formatContracts(d.inventory, { plus: true })],
  ];
  return (
    <>
      {d.priceCalcEmpty && (
        <p className="note warn-text">price_calc is empty: the strategy skipped this market.</p>
      )}
      {pc === null && <p className="note">No price_calc (decisions before 2025-12-23).</p>}
      <Facts items={items} testId="pricing-facts" />
    </>
  );
}

export function MarketHeader({ data, tz, onOpenDecision }: Props) {
  const d = data.latestDecision;
  const p = data.position;
  return (
    <div className="market-header" data-testid="market-header">
      <section className="mh-box">
        <h3>Market (Kalshi)</h3>
        <LifecycleFacts data={data} tz={tz} />
      </section>
      <section className="mh-box">
        <h3>Config</h3>
        <ConfigFacts data={data} tz={tz} />
      </section>
      <section className="mh-box">
        <h3>Position</h3>
        {p ? <PositionFacts p={p} /> : <p className="muted small">No position.</p>}
      </section>
      <section className="mh-box">
        <h3>
          Our orders <span className="muted small">(bot’s snapshot)</span>{' '}
          <span className="count">{data.ourOrders.length}</span>
        </h3>
        <OrdersTable data={data} tz={tz} />
      </section>
      <section className="mh-box">
        <h3>Book (newest decision)</h3>
        {d?.book ? (
          <>
            <DepthLadder
              bids={d.book.topBids}
              asks={d.book.topAsks}
              spread={d.book.spread}
              ourBid={p?.ourBid ?? null}
              ourAsk={p?.ourAsk ?? null}
              testId="header-ladder"
            />
            <p className="note">
              mid {formatPrice(d.book.mid)} · <When at={d.time} tz={tz} />
            </p>
          </>
        ) : (
          <p className="muted small">No order-book snapshot yet.</p>
        )}
      </section>
      <section className="mh-box">
        <h3>Pricing (newest decision)</h3>
        {d ? (
          <>
            <PricingFacts d={d} />
            {d.decisionId && (
              <button
                type="button"
                className="linkish small"
                onClick={() => onOpenDecision(d.decisionId as string)}
              >
                Open decision {decisionLabelText(d.decisionId)} →
              </button>
            )}
          </>
        ) : (
          <p className="muted small">No decision logged for this market.</p>
        )}
      </section>
    </div>
  );
}
