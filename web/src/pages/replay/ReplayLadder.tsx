// The book at a replay step: asks above, bids below (each side from the highest price down), each
// level's size with a bar, and our target quotes in their place (● with their size).
import { formatContracts, formatPrice } from '@core/format';
import type { DecisionJson } from '@api/types';
import { ladderRows, type LadderRow } from './replay-state';

function Row({ r, max }: { r: LadderRow; max: number }) {
  const isAsk = r.askSize !== null || r.target?.side === 'ask';
  return (
    <tr className={`${isAsk ? 'rl-ask' : 'rl-bid'} ${r.target ? 'rl-target' : ''}`}>
      <td className="rl-size num">
        {r.bidSize !== null && (
          <>
            <i className="rl-bar rl-bid-bar" style={{ width: `${Math.round((r.bidSize / max) * 100)}%` }} />
            <span>{formatContracts(r.bidSize)}</span>
          </>
        )}
      </td>
      <td className={`num rl-price ${isAsk ? 'ask-text' : 'bid-text'}`}>{formatPrice(r.priceYes)}</td>
      <td className="rl-size">
        {r.askSize !== null && (
          <>
            <i className="rl-bar rl-ask-bar" style={{ width: `${Math.round((r.askSize / max) * 100)}%` }} />
            <span>{formatContracts(r.askSize)}</span>
          </>
        )}
      </td>
      <td className="rl-ours">
        {r.target && (
          <span title={`our ${r.target.side} target`}>
            ● our {r.target.side} ×{formatContracts(r.target.size)}
          </span>
        )}
      </td>
    </tr>
  );
}

export function ReplayLadder({ decision }: { decision: DecisionJson }) {
  const { asks, bids } = ladderRows(decision);
  const max = Math.max(1, ...asks.map((r) => r.askSize ?? 0), ...bids.map((r) => r.bidSize ?? 0));
  if (!decision.book) return <p className="muted">This decision carries no order-book snapshot.</p>;
  return (
    <table className="rladder" data-testid="replay-ladder">
      <thead>
        <tr>
          <th className="num">Bid size</th>
          <th className="num">Price</th>
          <th>Ask size</th>
          <th>Our targets</th>
        </tr>
      </thead>
      <tbody>
        {asks.map((r) => (
          <Row key={`a${r.priceYes}`} r={r} max={max} />
        ))}
        {asks.length === 0 && (
          <tr>
            <td colSpan={4} className="muted small">
              no asks
            </td>
          </tr>
        )}
        <tr className="rl-spread">
          <td colSpan={4} className="muted small">
            spread {formatPrice(decision.book.spread)} · mid {formatPrice(decision.book.mid)}
          </td>
        </tr>
        {bids.map((r) => (
          <Row key={`b${r.priceYes}`} r={r} max={max} />
        ))}
        {bids.length === 0 && (
          <tr>
            <td colSpan={4} className="muted small">
              no bids
            </td>
          </tr>
        )}
      </tbody>
    </table>
  );
}
