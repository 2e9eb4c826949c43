// The mismatch banner must not blink: the bot's decision and its open-orders snapshot are written
// moments apart, so one overview can catch a quote "missing" that the next shows placed (and the
// reverse). A market enters the banner once two consecutive overviews agree it is missing, and
// leaves once two consecutive overviews agree it is not. Pure: the hook keeps the state.

export interface StableState {
  /** Markets shown now. */
  shown: ReadonlySet<string>;
  /** The previous overview's raw verdict (missing or not) per market. */
  previous: ReadonlySet<string>;
  /** The generatedAt of the last overview folded in (the same body twice changes nothing). */
  at: string | null;
}

export const EMPTY_STABLE: StableState = { shown: new Set(), previous: new Set(), at: null };

/** Folds one overview's markets with mismatch.any into the state. */
export function foldMismatch(state: StableState, missingNow: readonly string[], at: string): StableState {
  if (state.at === at) return state;
  const now = new Set(missingNow);
  const shown = new Set<string>();
  // Stays or enters: missing now and in the previous overview too; a shown market leaves only
  // after two overviews without it.
  for (const id of now) if (state.previous.has(id) || state.shown.has(id)) shown.add(id);
  for (const id of state.shown) if (!now.has(id) && state.previous.has(id)) shown.add(id);
  return { shown, previous: now, at };
}
