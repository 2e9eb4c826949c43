// The first screen in the HTML (issue 18): when the server answers the deep dive's or Compare's page
// request it starts the page's first API load at once and writes its JSON body into the page, in a
// `<script type="application/json" id="first-data">` island, beside a static rendering of it. The app
// seeds its query cache from the island before its first render, so it asks for none of it again.
// This is the island's shape and what both sides must agree on to name the same request.
import type { CompareResponse, DecisionsPage } from './types.js';

export const FIRST_DATA_ID = 'first-data';

/**
 * The first page of decisions is smaller: it is all a first screen shows, and on the bench's cold
 * first view (D, a quiet market, 30 days) the 200-item page was one 311 kB Query, ~430 ms of it in
 * the store; the next pages are asked as the table scrolls.
 */
export const DECISIONS_FIRST_PAGE_SIZE = 50;

export interface FirstDataIsland {
  /** The page and its search string, as the browser asked for them (`?m=…&range=30d`). */
  path: '/market' | '/compare';
  search: string;
  /**
   * The server's clock when it read the page's request: where the deep dive's lookback ends (its
   * from/to, hence its query key). Given even without a body, so that the app's own request, past
   * the server's deadline, names the range of the load already running.
   */
  anchorMs: number;
  /** The API's JSON body of the page's first request; null when it was not ready in time. */
  body: DecisionsPage | CompareResponse | null;
}
