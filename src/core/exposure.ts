// Exposure is contracts (|net_yes_qty|), not dollars (contract §0.3); capital at risk is the
// dollar figure: what the position loses if the market settles against it.
import type { Holding } from './unrealized.js';

/** |net| contracts. */
export function exposureOf(net: number): number {
  return Math.abs(net);
}

/** Long: net · avgBuy; short: |net| · (1 − avgSell); flat: 0. */
export function capitalAtRisk(h: Holding): number {
  if (h.net > 0) return h.net * h.avgBuy;
  if (h.net < 0) return -h.net * (1 - h.avgSell);
  return 0;
}

export interface ExposureTotals {
  /** Σ |net| over every position (enabled or not, settled ones included). */
  total: number;
  /** Σ |net| over enabled markets only. */
  enabled: number;
}

export function exposureTotals(
  holdings: Iterable<{ marketId: string; net: number }>,
  isEnabled: (marketId: string) => boolean,
): ExposureTotals {
  const out: ExposureTotals = { total: 0, enabled: 0 };
  for (const h of holdings) {
    out.total += exposureOf(h.net);
    if (isEnabled(h.marketId)) out.enabled += exposureOf(h.net);
  }
  return out;
}
