// URL state of the pages built on these helpers: read the search string, patch it (Back-able unless
// `replace`), and the display time zone and environment shared with every other page.
import { useCallback } from 'react';
import { navigate, useLocation } from '../../router/location';
import { patchPageSearch } from './lookback';

export function useSearch(): string {
  return useLocation().search;
}

export function useSetPageParams(): (
  patch: Record<string, string | null>,
  opts?: { replace?: boolean },
) => void {
  return useCallback((patch, opts = {}) => {
    navigate(`${window.location.pathname}${patchPageSearch(window.location.search, patch)}`, opts);
  }, []);
}
