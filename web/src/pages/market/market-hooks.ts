// The deep dive's URL state as hooks: read it, and change parts of it (range, market and tab
// changes are Back-able; a row selection replaces the entry).
import { useCallback, useMemo } from 'react';
import { navigate, useLocation } from '../../router/location';
import { patchMarketSearch, readMarketView, type MarketView } from './market-params';

export function useMarketView(): MarketView {
  const { search } = useLocation();
  return useMemo(() => readMarketView(search), [search]);
}

export type SetMarketParams = (patch: Record<string, string | null>, options?: { replace?: boolean }) => void;

export function useSetMarketParams(): SetMarketParams {
  return useCallback((patch, options) => {
    navigate(`${window.location.pathname}${patchMarketSearch(window.location.search, patch)}`, options);
  }, []);
}
