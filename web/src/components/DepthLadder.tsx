// A small depth ladder of an order-book snapshot: asks above (best ask nearest the middle), bids
// below, each level's size with a bar scaled to the largest level shown. Levels are the API's
// (top 3 per side, our own orders excluded by the bot).
import { formatContracts, formatPrice } from '@core/format';

export interface Level {
  priceYes: number;
  size: number;
}

interface Props {
  bids: readonly Level[];
  asks: readonly Level[];
  /** The snapshot's spread (API figure), shown between the sides. */
  spread: number | null;
  /** Our live order prices, marked on their levels. */
  ourBid?: number | null;
  ourAsk?: number | null;
  testId?: string;
}

const same = (a: number | null | undefined, b: number) =>
  a !== null && a !== undefined && Math.abs(a - b) < 1e-9;

export function DepthLadder({ bids, asks, spread, ourBid, ourAsk, testId }: Props) {
  const max = Math.max(1, ...bids.map((l) => l.size), ...asks.map((l) => l.size));
  const bar = (size: number) => ({ width: `${Math.round((size / max) * 100)}%` });
  if (bids.length === 0 && asks.length === 0) {
    return (
      <p className="muted small" data-testid={testId}>
        Empty book: no other bids or asks in the snapshot.
      </p>
    );
  }
  return (
    <table className="ladder" data-testid={testId}>
      <thead>
        <tr>
          <th className="num">Bid size</th>
          <th className="num">Price</th>
          <th>Ask size</th>
        </tr>
      </thead>
      <tbody>
        {[...asks].reverse().map((l, i) => (
          <tr key={`a${i}`} className="ladder-ask">
            <td />
            <td className="num ask">
              {formatPrice(l.priceYes)}
              {same(ourAsk, l.priceYes) && (
                <span className="ours" title="our ask rests here">
                  ●
                </span>
              )}
            </td>
            <td className="ladder-size">
              <i className="ladder-bar ask-bar" style={bar(l.size)} />
              <span>{formatContracts(l.size)}</span>
            </td>
          </tr>
        ))}
        {asks.length === 0 && (
          <tr>
            <td colSpan={3} className="muted small">
              no asks
            </td>
          </tr>
        )}
        <tr className="ladder-spread">
          <td colSpan={3} className="muted small">
            spread {formatPrice(spread)}
          </td>
        </tr>
        {bids.map((l, i) => (
          <tr key={`b${i}`} className="ladder-bid">
            <td className="ladder-size num">
              <i className="ladder-bar bid-bar" style={bar(l.size)} />
              <span>{formatContracts(l.size)}</span>
            </td>
            <td className="num bid">
              {formatPrice(l.priceYes)}
              {same(ourBid, l.priceYes) && (
                <span className="ours" title="our bid rests here">
                  ●
                </span>
              )}
            </td>
            <td />
          </tr>
        ))}
        {bids.length === 0 && (
          <tr>
            <td colSpan={3} className="muted small">
              no bids
            </td>
          </tr>
        )}
      </tbody>
    </table>
  );
}
