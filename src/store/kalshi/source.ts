// The seam between the Kalshi market-data client (this folder) and the server: routes ask for what
// is known now and never wait on the network (issue 20: the market-data fetch is never on a page's
// critical path). An implementation refreshes in the background, single-flight, and remembers why
// the last attempt failed.
import type { Env } from '../../core/types.js';
import type { MarketDataView } from '../../core/market-info.js';

/** For the status page: where lifecycle data comes from and how it is doing. */
export interface MarketDataStatus {
  /** Base URL of the market-data API (no credentials in it). */
  source: string;
  /** Whether the signed settlements endpoint is used (Kalshi credentials configured). */
  settlementsEnabled: boolean;
  fetchedAt: string | null;
  ageMs: number | null;
  lastError: string | null;
  lastErrorAt: string | null;
  requests: number;
  errors: number;
}

export interface MarketDataSource {
  /** Cached facts for these tickers, at once; asks for a background refresh of what is missing or old. */
  view(env: Env, tickers: readonly string[]): MarketDataView;
  status(env: Env): MarketDataStatus;
  close(): void;
}
