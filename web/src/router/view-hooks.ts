// Hooks over the URL view state: read it, change parts of it.
import { useCallback, useMemo } from 'react';
import { navigate, useLocation } from './location';
import { patchSearch, readViewParams, type ViewParams } from './view-params';

export function useViewParams(): ViewParams {
  const { search } = useLocation();
  return useMemo(() => readViewParams(search), [search]);
}

/** Changes view parameters in place (null removes one). Range and tz changes are Back-able. */
export function useSetViewParams(): (patch: Record<string, string | null>) => void {
  return useCallback((patch) => {
    navigate(`${window.location.pathname}${patchSearch(window.location.search, patch)}`);
  }, []);
}
