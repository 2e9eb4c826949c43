// Fills for GET /markets/:id/fills: each with the realized change the whole-history replay gives
// it. Pass the market's whole history (other markets do not change its figures), then cut the
// window; cutting first would restart the replay flat.
import { replayFills, type AvgCostState } from './replay.js';
import type { Fill } from './types.js';

export interface FillWithRealized extends Fill {
  /** Realized after − before this fill, fee included. */
  realizedChange: number;
  /** The fee the replay subtracted (stored `fees`, else fee(p, c)). */
  feeApplied: number;
  before: AvgCostState;
  after: AvgCostState;
}

/** De-duplicated fills in replay order (oldest first), each with its realized change. */
export function fillsWithRealized(fills: readonly Fill[]): FillWithRealized[] {
  return replayFills(fills).steps.map((s) => ({
    ...s.fill,
    realizedChange: s.realizedChange,
    feeApplied: s.feeUsd,
    before: s.before,
    after: s.after,
  }));
}
