// Market lifecycle facts from Kalshi's public market data (metrics.md §"Market lifecycle"): what the
// bot's tables cannot say — a market's title, when it closes, whether it has settled and how. The
// store-layer client (src/store/kalshi/) produces these; core only reads them. All optional: when
// Kalshi is unreachable every figure that needs them is null and says why.

/** One market as Kalshi describes it, in the dashboard's units (ISO UTC times, results lower-case). */
export interface MarketInfo {
  ticker: string;
  title: string;
  /** Kalshi's `subtitle` (or `yes_sub_title`); null when empty. */
  subtitle: string | null;
  eventTicker: string | null;
  /** As Kalshi names it: initialized, active, closed, settled, determined, finalized, … */
  status: string;
  /** ISO UTC; null when Kalshi gives none. */
  closeTime: string | null;
  expirationTime: string | null;
  /** `yes`, `no`, or '' while undetermined (Kalshi also knows `void`/`scalar`: kept verbatim). */
  result: string;
}

/** The account's own settlement of one market (Kalshi's portfolio settlements, signed). */
export interface AccountSettlement {
  ticker: string;
  marketResult: string;
  yesCount: number;
  noCount: number;
  /** Cost basis of the YES / NO contracts held at settlement, dollars. */
  yesTotalCostUsd: number;
  noTotalCostUsd: number;
  /** Payout received, dollars (winning contracts pay $1 each). */
  revenueUsd: number;
  feeUsd: number;
  settledTime: string;
}

/** What the lifecycle source knows right now, without waiting for the network. */
export interface MarketDataView {
  /** Ticker → info; a ticker Kalshi does not know is absent. */
  markets: ReadonlyMap<string, MarketInfo>;
  /** Null when credentials are not configured (then settlement P&L comes from our own replay). */
  settlements: ReadonlyMap<string, AccountSettlement> | null;
  /** Why the data is missing or old ("unreachable: timeout after 5 s", …); null when fresh. */
  unavailable: string | null;
  /** When the newest successful fetch finished (ISO); null before the first. */
  fetchedAt: string | null;
}
