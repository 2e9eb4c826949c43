// The server's first screen (src/server/first-screen): the island it writes into the deep dive's and
// Compare's HTML holds the page's first API body and the instant its range is anchored at. Read once,
// before the first render, by main.tsx; the page's prefetch (first-view.ts, compare-query.ts) seeds
// its query from it under the key the page uses, so the app asks for none of it again.
import { FIRST_DATA_ID, type FirstDataIsland } from '@api/first-screen';
import { noteServerTime } from './server-clock';

/** The island, when it is this page's (its path and search are the location's); removed from the page. */
export function takeFirstData(
  doc: Document = document,
  location: Pick<Location, 'pathname' | 'search'> = window.location,
): FirstDataIsland | null {
  const el = doc.getElementById(FIRST_DATA_ID);
  if (!el) return null;
  el.remove();
  let island: FirstDataIsland;
  try {
    island = JSON.parse(el.textContent ?? '') as FirstDataIsland;
  } catch {
    return null;
  }
  if (island.path !== location.pathname || island.search !== location.search) return null;
  if (!Number.isFinite(island.anchorMs)) return null;
  // The anchor is the server's clock as it read the request: a sample like any response's.
  noteServerTime(new Date(island.anchorMs).toISOString());
  return island;
}
