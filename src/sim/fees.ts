// Fee rules the bot has used (contract §6.6). Prices are YES dollars, sizes contracts, fees dollars.

/** The bot's current maker estimate 0.0175·C·P·(1−P), unrounded, evaluated in the bot's order
 *  so float artifacts match (e.g. 5 @ 0.07 → 0.005696250000000001). */
export function makerFeeUsd(priceYes: number, size: number): number {
  return 0.0175 * size * priceYes * (1 - priceYes);
}

/** The short-lived 2025-12-26 23:48 → 12-27 01:05 regime: the maker formula rounded up to a cent. */
export function ceilCentFeeUsd(priceYes: number, size: number): number {
  return Math.ceil(makerFeeUsd(priceYes, size) * 100) / 100;
}

export type FeeRegime = 'kalshi' | 'ceil_cent' | 'maker';
