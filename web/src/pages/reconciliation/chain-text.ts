// Words for the reconciliation findings. Pure.
import type { ChainProblem } from '@api/types';

export const PROBLEM_TEXT: Record<ChainProblem, { label: string; help: string }> = {
  placement_failed: {
    label: 'placement failed',
    help: 'A placement was attempted and did not end ACCEPTED (REJECTED, ERROR, or no result at all)',
  },
  target_without_order: {
    label: 'target without order',
    help: 'The decision changed its targets but no order event followed it',
  },
  order_lost: {
    label: 'order lost',
    help: 'An ACCEPTED order never cancelled, never filled, and is not live now',
  },
  fill_without_decision: {
    label: 'fill without decision',
    help: 'A fill of an order no decision in the range placed (backfill, manual trade, or a lost id)',
  },
};

export const PROBLEMS: readonly ChainProblem[] = [
  'placement_failed',
  'target_without_order',
  'order_lost',
  'fill_without_decision',
];

/** `bid 0.45×10 · ask 0.52×10`, or `no targets`. */
export function targetsText(quotes: readonly { side: string; priceYes: number; size: number }[]): string {
  if (quotes.length === 0) return 'no targets';
  return quotes.map((q) => `${q.side} ${q.priceYes.toFixed(3)}×${q.size}`).join(' · ');
}
