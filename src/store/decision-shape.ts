// What a decision read asks the store for and how it decodes it: whole items (every page that shows
// a decision), or the quality reads' projection (decode/decision-quote.ts), which quote health,
// fill activity and mid(t) need and nothing else does.
import type { Decision, Decoded, QuoteDecision } from '../core/types.js';
import { decodeDecision } from './decode/decision.js';
import { decodeQuoteDecision, QUOTE_PROJECTION } from './decode/decision-quote.js';

export interface DecisionShape<D extends QuoteDecision> {
  projection: {
    ProjectionExpression: string;
    ExpressionAttributeNames: Readonly<Record<string, string>>;
  } | null;
  decode(raw: unknown, table: string): Decoded<D>;
  /**
   * Most items one covering read of readDecisionsAt asks for: ≈ 25 whole decisions of 1–3 kB is a
   * few read units and one round trip; projected items are ~0.3 kB, so a read may reach much further
   * down (a fill and its first horizons, a decision every ~10 s, in one read) for the same bytes.
   * On bench set D, the all-markets quality table over 7 days: 25 → 2,003 decision-in-force reads,
   * 50 → 1,598, 100 → 1,330, 200 → 1,055 but twice the items of 100 and more store CPU.
   */
  coverMaxItems: number;
}

export const FULL_DECISIONS: DecisionShape<Decision> = {
  projection: null,
  decode: decodeDecision,
  coverMaxItems: 25,
};

export const QUOTE_DECISIONS: DecisionShape<QuoteDecision> = {
  projection: QUOTE_PROJECTION,
  decode: decodeQuoteDecision,
  coverMaxItems: 100,
};
