// Fees are the bot's maker estimate, never Kalshi's charged fee (contract §0.11, §6.6).
import type { Fill } from './types.js';

/** The maker fee rate of the bot's formula. */
export const MAKER_FEE_RATE = 0.0175;

/**
 * fee(p, c) = 0.0175 · c · p · (1 − p), unrounded. The bot multiplies in this order
 * (`0.0175 * count * price * (1 - price)`); keeping it keeps float artifacts identical.
 */
export function fee(priceYes: number, contracts: number): number {
  return MAKER_FEE_RATE * contracts * priceYes * (1 - priceYes);
}

/** Fee of a fill: the stored `fees` when it is a number (every era's own rule), else the formula. */
export function fillFee(fill: Pick<Fill, 'feeUsd' | 'priceYes' | 'size'>): number {
  return fill.feeUsd ?? fee(fill.priceYes, fill.size);
}
