// Above the table: every market whose newest decision wants a quote that a newer open-orders
// snapshot does not have (mismatch.any). `unknown` rows are not listed: they prove nothing. Each
// line says how old that decision is and whether the market is disabled, so an old decision of a
// market no longer quoted reads as what it is.
import { useState } from 'react';
import { formatAge, formatPrice } from '@core/format';
import type { MarketRow } from '@api/types';
import { MarketLink } from './MarketLink';
import { EMPTY_STABLE, foldMismatch, type StableState } from './stable-mismatch';

export function MismatchBanner({
  markets,
  env,
  nowMs,
}: {
  markets: MarketRow[];
  env: string;
  nowMs: number;
}) {
  // Only what two overviews in a row agree on (stable-mismatch.ts): no blinking between loads.
  // Folded once per overview (foldMismatch returns the same state for the same generatedAt).
  const [stable, setStable] = useState<StableState>(EMPTY_STABLE);
  const next = foldMismatch(
    stable,
    markets.filter((m) => m.mismatch.any).map((m) => m.marketId),
    String(nowMs),
  );
  if (next !== stable) setStable(next);
  const shown = next.shown;
  const bad = markets.filter((m) => shown.has(m.marketId));
  if (bad.length === 0) return null;
  return (
    <div className="banner banner-error" role="alert" data-testid="mismatch-banner">
      <strong>
        Order execution mismatch in {bad.length} market{bad.length > 1 ? 's' : ''}
      </strong>
      : the bot’s newest decision wants a quote that the (newer) open-orders snapshot does not have.
      <ul>
        {bad.map((m) => (
          <li key={m.marketId}>
            <MarketLink marketId={m.marketId} env={env} />
            {!m.enabled && <span className="tag">disabled</span>}
            {m.mismatch.bid === 'missing' && <> — bid missing (target {formatPrice(m.mismatch.targetBid)})</>}
            {m.mismatch.ask === 'missing' && <> — ask missing (target {formatPrice(m.mismatch.targetAsk)})</>}
            {!m.mismatch.any && <> — placed in the newest snapshot (clears after one more load)</>}
            <span className="muted">
              {' '}
              · decision {m.mismatch.decisionAt ? formatAge(Date.parse(m.mismatch.decisionAt), nowMs) : '—'}
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
