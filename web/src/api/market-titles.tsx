// Kalshi's market titles for every page: the shell's overview (one query on every page) knows the
// title of each enabled market and each market with a position; pages whose answers carry no title
// (quality, compare, reconciliation, alerts) read it from here. A market the market data does not
// know has none, and its ticker stands alone.
import { createContext, useContext, useMemo, type ReactNode } from 'react';
import type { MarketRow } from '@api/types';

const NO_TITLES: ReadonlyMap<string, string> = new Map();
const TitlesContext = createContext<ReadonlyMap<string, string>>(NO_TITLES);

export function MarketTitlesProvider({
  markets,
  children,
}: {
  markets: readonly Pick<MarketRow, 'marketId' | 'title'>[] | undefined;
  children: ReactNode;
}) {
  const titles = useMemo(() => {
    if (!markets) return NO_TITLES;
    const m = new Map<string, string>();
    for (const r of markets) if (r.title) m.set(r.marketId, r.title);
    return m;
  }, [markets]);
  return <TitlesContext.Provider value={titles}>{children}</TitlesContext.Provider>;
}

/** Every known title by ticker. */
export function useMarketTitles(): ReadonlyMap<string, string> {
  return useContext(TitlesContext);
}
