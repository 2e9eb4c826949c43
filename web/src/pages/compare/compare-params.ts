// The compared markets in the URL: `markets=A,B,C` (the API's own parameter), at most 12. Pure.
export const MAX_MARKETS = 12;

export function readMarkets(search: string): string[] {
  const raw = new URLSearchParams(search).get('markets') ?? '';
  const out: string[] = [];
  for (const m of raw.split(',')) {
    const id = m.trim();
    if (id && id.length <= 200 && !out.includes(id)) out.push(id);
  }
  return out.slice(0, MAX_MARKETS);
}

/** Adds markets (keeping order, no duplicates, at most 12); `dropped` counts what did not fit. */
export function addMarkets(
  current: readonly string[],
  add: readonly string[],
): { markets: string[]; dropped: number } {
  const markets = [...current];
  let dropped = 0;
  for (const id of add) {
    if (markets.includes(id)) continue;
    if (markets.length >= MAX_MARKETS) dropped++;
    else markets.push(id);
  }
  return { markets, dropped };
}

export const marketsParam = (markets: readonly string[]): string | null =>
  markets.length ? markets.join(',') : null;
