// A tiny client-side router: the location (pathname + search) is the single source of truth,
// read with useSyncExternalStore and changed with history.pushState. No dependency needed.
import { useSyncExternalStore } from 'react';

const CHANGE = 'dora:navigate';

function subscribe(cb: () => void): () => void {
  window.addEventListener('popstate', cb);
  window.addEventListener(CHANGE, cb);
  return () => {
    window.removeEventListener('popstate', cb);
    window.removeEventListener(CHANGE, cb);
  };
}

export interface Location {
  pathname: string;
  search: string;
}

// useSyncExternalStore needs a stable snapshot: strings compare by value, so read them separately.
const getPath = () => window.location.pathname;
const getSearch = () => window.location.search;

export function useLocation(): Location {
  const pathname = useSyncExternalStore(subscribe, getPath);
  const search = useSyncExternalStore(subscribe, getSearch);
  return { pathname, search };
}

/** Goes to `href` (same origin); `replace` for changes not worth a Back step. */
export function navigate(href: string, options: { replace?: boolean } = {}): void {
  const current = `${window.location.pathname}${window.location.search}`;
  if (href === current) return;
  if (options.replace) window.history.replaceState(null, '', href);
  else window.history.pushState(null, '', href);
  window.dispatchEvent(new Event(CHANGE));
}
