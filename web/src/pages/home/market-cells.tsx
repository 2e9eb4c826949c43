// Cell renderers of the Active Markets table: each shows one API figure (rounded here only), with
// the flags the trader needs beside it (the bot's figure, drift, quote activity, mismatch).
import {
  formatAge,
  formatContracts,
  formatDuration,
  formatMoney,
  formatPercent,
  formatPrice,
  NONE,
} from '@core/format';
import type { MarketRow } from '@api/types';
import { SignedFigure } from '../../components/Figure';
import { differsByCent, signedContracts, signedMoney } from '../../format/figures';
import { ClosingSoonTag, MarketName } from '../../components/MarketName';
import { closesIn, settlementSourceText } from '../../format/lifecycle';
import { formatDateTime } from '../../format/time';

/** Limit use in percent, warn-coloured from 80 % and red at the limit. */
export function LimitUseCell({ row }: { row: MarketRow }) {
  if (row.limitUse === null) return <span className="muted">{NONE}</span>;
  const cls = row.limitUse >= 1 ? 'tone-neg' : row.limitUse >= 0.8 ? 'warn-text' : '';
  return <span className={cls}>{formatPercent(row.limitUse)}</span>;
}

/**
 * The market's link with Kalshi's title beneath, tagged when the bot does not quote it, it has no
 * config item, or it closes within 24 h. The name gives way (ellipsis) before a tag does: a tag is
 * never clipped.
 */
export function MarketNameCell({
  row,
  env,
}: {
  row: Pick<MarketRow, 'marketId' | 'title' | 'enabled' | 'hasConfig' | 'closingSoon'>;
  env: string;
}) {
  return (
    <MarketName
      marketId={row.marketId}
      title={row.title}
      env={env}
      className="market-name"
      tags={
        <>
          {!row.enabled && (
            <span className="tag" title="not quoting (disabled in its config)">
              off
            </span>
          )}
          {!row.hasConfig && (
            <span className="tag tag-warn" title="a position without a config item">
              no config
            </span>
          )}
          <ClosingSoonTag closingSoon={row.closingSoon} />
        </>
      }
    />
  );
}

/** Time until the market closes; past it, closed or settled with the result (the API's phase). */
export function ClosesInCell({
  row,
  tz,
}: {
  row: Pick<MarketRow, 'closesInMs' | 'closeTime' | 'marketStatus'> &
    Partial<Pick<MarketRow, 'marketPhase' | 'result'>>;
  tz: string;
}) {
  const c = closesIn(row);
  if (c.kind === 'unknown') return <span className="muted">{NONE}</span>;
  return (
    <span
      className={`closes-${c.kind}`}
      data-testid="closes-in"
      title={`Close time ${formatDateTime(row.closeTime, tz)} · Kalshi status: ${row.marketStatus ?? 'unknown'}`}
    >
      {c.text}
    </span>
  );
}

/** Settlement P&L (the account's figure when there is one), its source and any difference in the tooltip. */
export function SettlementCell({ row }: { row: MarketRow }) {
  if (row.settlementPnl === null) return <span className="muted">{NONE}</span>;
  const diff = row.settlementDifference !== null && row.settlementDifference !== 0;
  return (
    <span title={settlementSourceText(row)} data-testid="settlement-pnl">
      <SignedFigure value={signedMoney(row.settlementPnl)} />
      {row.settlementSource === 'account' && <span className="beside muted small">acct</span>}
      {diff && (
        <span className="beside warn-text small">
          Δ {formatMoney(row.settlementDifference, { plus: true })}
        </span>
      )}
    </span>
  );
}

/** Ours, with the bot's own figure beside it when they differ by a cent or more. */
export function RealizedCell({ ours, bots }: { ours: number; bots: number | null }) {
  return (
    <>
      <SignedFigure value={signedMoney(ours)} />
      {differsByCent(ours, bots) && (
        <span className="beside warn-text" title="The bot's positions.realized_pnl">
          bot {formatMoney(bots, { plus: true })}
        </span>
      )}
    </>
  );
}

/** Unrealized of an open position; flat markets show a dash (their 0 is still in the TOTAL). */
export function UnrealizedCell({ value, net }: { value: number; net: number }) {
  if (net === 0) return <span className="muted">{NONE}</span>;
  return <SignedFigure value={signedMoney(value)} />;
}

export function NetCell({ row }: { row: MarketRow }) {
  return (
    <>
      <SignedFigure value={signedContracts(row.netPosition)} />
      {row.positionDrift !== 0 && (
        <span
          className="beside warn-text"
          title="Position drift: the trade-log replay disagrees with the bot's net_yes_qty"
        >
          replay {formatContracts(row.replayedNetPosition, { plus: true })}
        </span>
      )}
    </>
  );
}

export function MaxPosCell({ row }: { row: MarketRow }) {
  if (row.maxPosition === null) return <span className="muted">{NONE}</span>;
  const atLimit = row.limitUse !== null && row.limitUse >= 1;
  const split =
    row.maxInventoryNo !== null && row.maxInventoryYes !== null && row.maxInventoryNo !== row.maxInventoryYes;
  return (
    <span
      className={atLimit ? 'warn-text' : ''}
      title={`max_inventory_yes ${formatContracts(row.maxInventoryYes)} / max_inventory_no ${formatContracts(row.maxInventoryNo)}${atLimit ? ' — at the limit' : ''}`}
    >
      {formatContracts(row.maxPosition)}
      {split && <span className="beside muted">no {formatContracts(row.maxInventoryNo)}</span>}
    </span>
  );
}

export function AvgCostCell({ row }: { row: MarketRow }) {
  if (row.avgCost === null) return <span className="muted">{NONE}</span>;
  return (
    <>
      {formatPrice(row.avgCost)}
      {row.exitProfitable && (
        <span
          className="exit-ok"
          title="An active exit order is priced on the profitable side of cost"
          aria-label="profitable exit"
        >
          ✓
        </span>
      )}
    </>
  );
}

/** Our best live order: ✓ active (at or inside the book's best) or ✗ not, with its size. */
export function QuoteCell({
  price,
  size,
  active,
}: {
  price: number | null;
  size: number | null;
  active: boolean;
}) {
  if (price === null) return <span className="muted">{NONE}</span>;
  return (
    <span
      className={active ? 'quote-on' : 'quote-off'}
      title={active ? 'active: at or inside the best price' : 'inactive: behind the best price'}
    >
      <span aria-label={active ? 'active' : 'inactive'}>{active ? '✓' : '✗'}</span> {formatPrice(price)}{' '}
      <small>({formatContracts(size)})</small>
    </span>
  );
}

export function FilledCell({ row, nowMs }: { row: MarketRow; nowMs: number }) {
  return (
    <>
      {formatContracts(row.filled24h)}
      <span className="beside muted" title={row.lastFillAt ?? 'never filled'}>
        {row.lastFillAt ? formatAge(Date.parse(row.lastFillAt), nowMs) : 'never'}
      </span>
    </>
  );
}

export function CreatedCell({ row, nowMs }: { row: MarketRow; nowMs: number }) {
  if (!row.configCreatedAt) return <span className="muted">{NONE}</span>;
  return <span title={row.configCreatedAt}>{formatAge(Date.parse(row.configCreatedAt), nowMs)}</span>;
}

function sideText(side: MarketRow['mismatch']['bid'], name: 'bid' | 'ask', target: number | null) {
  if (side === 'missing') {
    return (
      <span className="mismatch-missing" key={name}>
        ⚠ {name} missing <small>(target {formatPrice(target)})</small>
      </span>
    );
  }
  return null;
}

/**
 * `missing` is a real mismatch (the decision wanted a quote, a newer snapshot has none): a warning.
 * `unknown` only means the open-orders snapshot predates the decision: muted, with its age.
 */
export function MismatchCell({ m }: { m: MarketRow['mismatch'] }) {
  if (m.any)
    return (
      <span className="mismatch">
        {[sideText(m.bid, 'bid', m.targetBid), sideText(m.ask, 'ask', m.targetAsk)]}
      </span>
    );
  if (m.bid === 'unknown' || m.ask === 'unknown') {
    // Clocks of the bot and the snapshot can disagree by a second or two; never show a negative age.
    const age = m.snapshotAgeMs === null ? null : Math.max(0, m.snapshotAgeMs);
    // The snapshot's age is the table's caption ("Open orders last synced …"): one figure for every
    // row, so the cell only says the comparison cannot be made.
    return (
      <span
        className="muted"
        data-testid="mismatch-unknown"
        title={`The open-orders snapshot (${age === null ? 'missing' : `${formatDuration(age)} old`}) is older than the decision, so a missing quote cannot be told`}
      >
        not yet known
      </span>
    );
  }
  if (m.bid === 'ok' || m.ask === 'ok') {
    const differs = [
      m.bidPrice === 'differs' ? `bid target ${formatPrice(m.targetBid)}` : null,
      m.askPrice === 'differs' ? `ask target ${formatPrice(m.targetAsk)}` : null,
    ].filter((x) => x !== null);
    if (differs.length > 0)
      return (
        <span
          className="warn-text small"
          title="A live order exists but not at the target (nor 1¢ below it, the bot's int(price × 100) cents); the snapshot may be a loop old"
        >
          price ≠ {differs.join(', ')}
        </span>
      );
    const truncated = m.bidPrice === 'truncated' || m.askPrice === 'truncated';
    return (
      <span
        className="muted"
        title={
          truncated
            ? 'Live at the target, or 1¢ below it: the bot sends int(price × 100) cents, so 0.58 rests at 57¢'
            : 'Every targeted side has a live order at its price'
        }
      >
        ok{truncated ? ' (1¢ below: int cents)' : ''}
      </span>
    );
  }
  return <span className="muted">{NONE}</span>;
}
