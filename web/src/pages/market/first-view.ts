// The deep dive's first rows, asked for as the page's code loads instead of after its first render:
// on a cold first view the bench's trace (bench/first-view.ts) found ~0.5 s between the page's chunk
// arriving and the decisions request, spent rendering the shell and the page. main.tsx calls
// prefetchFirstView with the URL as the page will read it; the page then anchors its range at the
// same instant (takeBootAnchor), so its decisions query has the prefetch's key and finds it running.
import type { QueryClient } from '@tanstack/react-query';
import { serverNowMs } from '../../api/server-clock';
import { readMarketView, resolveRange, type MarketView } from './market-params';
import { decisionPagesOptions } from '../../api/queries';
import type { DecisionsPage } from '@api/types';
import type { FirstDataIsland } from '@api/first-screen';

/** What decides the page's range: a new market, environment or range starts from now. */
export function rangeKeyOf(view: Pick<MarketView, 'env' | 'marketId' | 'lookbackDays' | 'custom'>): string {
  return `${view.env}|${view.marketId}|${view.lookbackDays}|${view.custom?.from ?? ''}|${view.custom?.to ?? ''}`;
}

let bootAnchor: { key: string; ms: number; setAtMs: number } | null = null;
/** The page mounts well within this of the load; a later visit of the range starts from its own now. */
const BOOT_ANCHOR_MS = 10_000;

/**
 * The instant the prefetch anchored this range at, while the load is recent. Not consumed on read:
 * React may run a state initializer twice (StrictMode), and both runs must agree.
 */
export function takeBootAnchor(key: string, nowMs: number = Date.now()): number | null {
  const a = bootAnchor;
  return a && a.key === key && nowMs - a.setAtMs < BOOT_ANCHOR_MS ? a.ms : null;
}

/**
 * With the server's first screen (`first`): its anchor is the range's, and its body the list's first
 * page — seeded, so nothing is asked; without the body (the server's deadline passed) the request
 * names the range of the load the server has running, and joins it there.
 */
export function prefetchFirstView(
  client: QueryClient,
  search: string,
  first: FirstDataIsland | null = null,
): void {
  const view = readMarketView(search);
  // Only the default tab's list: the other tabs ask for their own data when opened.
  if (view.marketId === null || view.tab !== 'decisions') return;
  const island = first?.path === '/market' ? first : null;
  const ms = island?.anchorMs ?? serverNowMs();
  bootAnchor = { key: rangeKeyOf(view), ms, setAtMs: Date.now() };
  const options = decisionPagesOptions(view.env, view.marketId, resolveRange(view, ms));
  if (island?.body) {
    client.setQueryData(options.queryKey, { pages: [island.body as DecisionsPage], pageParams: [undefined] });
  }
  void client.prefetchInfiniteQuery(options);
}
