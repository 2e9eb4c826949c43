// View state lives in the URL so a link reproduces the view.
import { useCallback, useSyncExternalStore } from 'react';

function subscribe(cb: () => void): () => void {
  window.addEventListener('popstate', cb);
  return () => window.removeEventListener('popstate', cb);
}

export function useUrlParam(name: string, dflt: string): [string, (v: string) => void] {
  const value = useSyncExternalStore(subscribe, () => new URLSearchParams(window.location.search).get(name) ?? dflt);
  const set = useCallback(
    (v: string) => {
      const params = new URLSearchParams(window.location.search);
      if (v === dflt) params.delete(name);
      else params.set(name, v);
      const qs = params.toString();
      window.history.pushState(null, '', `${window.location.pathname}${qs ? `?${qs}` : ''}`);
      window.dispatchEvent(new PopStateEvent('popstate'));
    },
    [name, dflt],
  );
  return [value, set];
}
