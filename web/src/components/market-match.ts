// How the market pickers match what is typed: every word must appear in the ticker or the event (any
// case, any order). One rule, so a market found in one picker is found the same way in the others.

/** The words of a query, lower-cased; an empty query has none, and so matches everything. */
export function queryWords(query: string): string[] {
  return query.trim().toLowerCase().split(/\s+/).filter(Boolean);
}

/** Whether the text holds every word. */
export function hasEveryWord(text: string, words: readonly string[]): boolean {
  const hay = text.toLowerCase();
  return words.every((w) => hay.includes(w));
}

/** The text a market is found by: its ticker, its event and Kalshi's title where known. */
export function marketText(o: {
  marketId: string;
  eventTicker: string | null;
  title?: string | null;
}): string {
  return `${o.marketId} ${o.eventTicker ?? ''} ${o.title ?? ''}`;
}
