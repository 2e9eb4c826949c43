// A market as a trader reads it: the ticker (a link to its deep dive, or plain text) with Kalshi's
// title beneath, muted and cut to one line, the whole title in the tooltip. Without a title (the
// market data does not know the market, or is unavailable) the ticker stands alone.
import type { ReactNode } from 'react';
import { useMarketTitles } from '../api/market-titles';
import { MarketLink } from './MarketLink';

interface Props {
  marketId: string;
  /** Kalshi's title; undefined: looked up among the overview's markets (null: none). */
  title?: string | null;
  /** With an environment the ticker links to the deep dive; without, it is plain text. */
  env?: string;
  /** Tags after the ticker (off, no config, closes < 24 h): never clipped, the ticker gives way. */
  tags?: ReactNode;
  /** Title beside the ticker on one line (headers, lists) instead of beneath it (table cells). */
  inline?: boolean;
  className?: string;
}

export function MarketName({ marketId, title: given, env, tags, inline = false, className = '' }: Props) {
  const known = useMarketTitles();
  const title = given === undefined ? known.get(marketId) : given;
  return (
    <span className={`mname ${inline ? 'mname-inline' : ''} ${className}`} data-market-name={marketId}>
      <span className="mname-line">
        {env === undefined ? (
          <span className="mono mname-id">{marketId}</span>
        ) : (
          <MarketLink marketId={marketId} env={env} />
        )}
        {tags}
      </span>
      {title && (
        <span className="mname-title muted" title={title} data-testid="market-title">
          {title}
        </span>
      )}
    </span>
  );
}

/** The "closes < 24 h" tag of a market closing within a day (the API's `closingSoon`). */
export function ClosingSoonTag({
  closingSoon,
  closeText,
}: {
  closingSoon: boolean | null;
  closeText?: string;
}) {
  if (!closingSoon) return null;
  return (
    <span
      className="tag tag-soon"
      data-testid="closing-soon"
      title={`Closes within 24 hours${closeText ? `: ${closeText}` : ''}`}
    >
      &lt; 24 h
    </span>
  );
}
