// The newest decision and the newest fill, each with relative and absolute time and an expandable
// detail (book, inventory, targets; ids, realized change, fee).
import { formatAge, formatContracts, formatMoney, formatPrice } from '@core/format';
import type { MarketRow, RecentDecision, RecentFill } from '@api/types';
import { useNow } from '../../api/use-now';
import { SignedFigure } from '../../components/Figure';
import { Panel } from '../../components/Panel';
import { signedContracts, signedMoney } from '../../format/figures';
import { formatDateTime } from '../../format/time';
import { MarketLink } from './MarketLink';

function When({ at, tz }: { at: string; tz: string }) {
  const now = useNow();
  return (
    <span className="when">
      <strong>{formatAge(Date.parse(at), now)}</strong>{' '}
      <span className="muted nowrap">{formatDateTime(at, tz)}</span>
    </span>
  );
}

function BookTable({ book }: { book: NonNullable<RecentDecision['book']> }) {
  const depth = Math.max(book.topBids.length, book.topAsks.length);
  return (
    <table className="book">
      <thead>
        <tr>
          <th className="num">Bid size</th>
          <th className="num">Bid</th>
          <th className="num">Ask</th>
          <th className="num">Ask size</th>
        </tr>
      </thead>
      <tbody>
        {Array.from({ length: depth }, (_, i) => (
          <tr key={i}>
            <td className="num">{formatContracts(book.topBids[i]?.size)}</td>
            <td className="num bid">{formatPrice(book.topBids[i]?.priceYes)}</td>
            <td className="num ask">{formatPrice(book.topAsks[i]?.priceYes)}</td>
            <td className="num">{formatContracts(book.topAsks[i]?.size)}</td>
          </tr>
        ))}
        {depth === 0 && (
          <tr>
            <td colSpan={4} className="muted">
              empty book
            </td>
          </tr>
        )}
      </tbody>
    </table>
  );
}

/**
 * The bot's latest loop, from the rows: every enabled market decided within the alive window of the
 * newest decision, what each one quotes now. The newest decision alone is only the last market of
 * the loop; this says what the loop did.
 */
function LatestLoop({
  markets,
  newestAt,
  windowMs,
  env,
}: {
  markets: readonly MarketRow[];
  newestAt: string;
  windowMs: number;
  env: string;
}) {
  const newest = Date.parse(newestAt);
  const inLoop = markets
    .filter((m) => m.enabled && m.decisionAt !== null && newest - Date.parse(m.decisionAt) <= windowMs)
    .sort((a, b) => Date.parse(b.decisionAt!) - Date.parse(a.decisionAt!));
  const both = inLoop.filter((m) => m.mismatch.targetBid !== null && m.mismatch.targetAsk !== null).length;
  const none = inLoop.filter((m) => m.mismatch.targetBid === null && m.mismatch.targetAsk === null).length;
  const enabled = markets.filter((m) => m.enabled).length;
  const shown = inLoop.slice(0, 5);
  return (
    <div className="latest-loop" data-testid="latest-loop">
      <div className="small">
        {inLoop.length} of {enabled} enabled market{enabled === 1 ? '' : 's'} decided · {both} two-sided ·{' '}
        {inLoop.length - both - none} one side · {none} no quote
      </div>
      <ul className="loop-list">
        {shown.map((m) => (
          <li key={m.marketId}>
            <MarketLink marketId={m.marketId} env={env} />{' '}
            <span className="nowrap small">
              bid {formatPrice(m.mismatch.targetBid)} / ask {formatPrice(m.mismatch.targetAsk)}
            </span>{' '}
            <span className="muted nowrap small">
              book {formatPrice(m.bestBid)}–{formatPrice(m.bestAsk)}
            </span>
            {m.mismatch.any && <span className="warn-text small"> · not placed</span>}
          </li>
        ))}
      </ul>
      {inLoop.length > shown.length && (
        <div className="muted small">and {inLoop.length - shown.length} more in the table below</div>
      )}
    </div>
  );
}

function DecisionCard({
  d,
  tz,
  env,
  markets,
  windowMs,
}: {
  d: RecentDecision | null;
  tz: string;
  env: string;
  markets: readonly MarketRow[];
  windowMs: number;
}) {
  if (!d)
    return (
      <div className="activity muted" data-testid="recent-decision">
        No decision logged yet.
      </div>
    );
  const bids = d.targetQuotes.filter((q) => q.side === 'bid');
  const asks = d.targetQuotes.filter((q) => q.side === 'ask');
  return (
    <div className="activity" data-testid="recent-decision">
      <div className="activity-head">
        <span className="activity-kind">Latest loop</span>
        <When at={d.at} tz={tz} />
      </div>
      <LatestLoop markets={markets} newestAt={d.at} windowMs={windowMs} env={env} />
      <details>
        <summary>
          Newest decision: <span className="mono">{d.marketId}</span> (book, inventory, targets)
        </summary>
        <div className="detail-grid">
          {d.book ? <BookTable book={d.book} /> : <p className="muted">No order-book snapshot.</p>}
          <dl className="mini">
            <dt>inventory</dt>
            <dd>{signedContracts(d.inventoryNetYesQty).text}</dd>
            <dt>mid</dt>
            <dd>{formatPrice(d.book?.midStored)}</dd>
            <dt>target bids</dt>
            <dd>
              {bids.length ? bids.map((q) => `${formatPrice(q.priceYes)} × ${q.size}`).join(', ') : '—'}
            </dd>
            <dt>target asks</dt>
            <dd>
              {asks.length ? asks.map((q) => `${formatPrice(q.priceYes)} × ${q.size}`).join(', ') : '—'}
            </dd>
            <dt>decision</dt>
            <dd className="mono small">{d.decisionId ?? '—'}</dd>
            <dt>bot run</dt>
            <dd className="mono small">
              {d.botRunId ?? '—'} {d.botVersion ? `(${d.botVersion})` : ''}
            </dd>
          </dl>
        </div>
      </details>
    </div>
  );
}

function FillCard({ f, tz, env }: { f: RecentFill | null; tz: string; env: string }) {
  if (!f)
    return (
      <div className="activity muted" data-testid="recent-fill">
        No fill in the trade log.
      </div>
    );
  const side = f.type ?? (f.side === 'yes' ? 'bid' : 'ask');
  return (
    <div className="activity" data-testid="recent-fill">
      <div className="activity-head">
        <span className="activity-kind">Newest fill</span>
        <When at={f.at} tz={tz} />
      </div>
      <div className="activity-main">
        <MarketLink marketId={f.marketId} env={env} />
        <span>
          <span className={`side side-${side}`}>{side === 'bid' ? 'bought' : 'sold'}</span>{' '}
          {formatContracts(f.size)} @ {formatPrice(f.priceYes)}
        </span>
        <span>
          realized <SignedFigure value={signedMoney(f.realizedChange)} />
        </span>
      </div>
      <details>
        <summary>Ids, realized change, fee</summary>
        <dl className="mini">
          <dt>realized change</dt>
          <dd>
            <SignedFigure value={signedMoney(f.realizedChange)} /> (fee included)
          </dd>
          <dt>fee</dt>
          <dd>{formatMoney(f.feeUsd)}</dd>
          <dt>bot's pnl_realized</dt>
          <dd>{formatMoney(f.pnlRealizedStored, { plus: true })}</dd>
          <dt>side</dt>
          <dd>
            {f.side} ({side})
          </dd>
          <dt>fill id</dt>
          <dd className="mono small">{f.fillId ?? '—'}</dd>
          <dt>order id</dt>
          <dd className="mono small">{f.orderId ?? '—'}</dd>
          {f.reconciledAtStartup && (
            <>
              <dt>note</dt>
              <dd>logged by the bot's start-up reconciliation</dd>
            </>
          )}
        </dl>
      </details>
    </div>
  );
}

export function RecentActivity({
  decision,
  fill,
  tz,
  env,
  markets = [],
  loopWindowMs = 60_000,
}: {
  decision: RecentDecision | null;
  fill: RecentFill | null;
  tz: string;
  env: string;
  /** The overview's rows: what the latest loop quoted per market. */
  markets?: readonly MarketRow[];
  /** Decisions this close to the newest are of the same loop (the bot's alive threshold). */
  loopWindowMs?: number;
}) {
  return (
    <Panel title="Recent activity" className="activity-panel" testId="recent-activity">
      <div className="activity-grid">
        <DecisionCard d={decision} tz={tz} env={env} markets={markets} windowMs={loopWindowMs} />
        <FillCard f={fill} tz={tz} env={env} />
      </div>
    </Panel>
  );
}
