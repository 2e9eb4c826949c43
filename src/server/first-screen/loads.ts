// The page's first API loads as the page route starts them: the same functions, cache keys and
// single-flight as their API routes (routes/decisions.ts, routes/compare.ts; bound to the routes'
// shared cache in routes/index.ts), so the app's own request for the same data, should it come,
// joins the load or finds its answer instead of starting another.
import type { Env } from '../../core/types.js';
import type { CompareResponse, DecisionsPage } from '../../api/types.js';

export interface FirstLoads {
  /** The deep dive's first decisions page (DECISIONS_FIRST_PAGE_SIZE, no cursor) over [fromMs, toMs]. */
  decisions(a: { env: Env; marketId: string; fromMs: number; toMs: number }): Promise<DecisionsPage>;
  /** Compare's lookback of `days` (`days=N`, as the app asks), ending where the API's request for it will (RecentAnchors). */
  compare(a: { env: Env; markets: readonly string[]; days: number }): {
    anchorMs: number;
    answer: Promise<CompareResponse>;
  };
}
