// What every route needs: where the data comes from and how to read it. No figures live here.
import type { Env } from '../core/types.js';
import type { ReadClient } from '../store/client.js';
import type { MarketDataSource } from '../store/kalshi/source.js';
import type { AuthConfig } from './auth.js';
import type { AlertOptions } from './alert-monitor.js';
import type { KalshiConfig } from './kalshi-balance.js';
import type { RequestLimits } from './limits.js';
import type { TtlCache } from './cache.js';
import type { EnvRegistry } from './env-data.js';
import type { QualityReads } from './quality.js';

export interface AppContext {
  source: 'embedded' | 'aws';
  defaultEnv: Env;
  region: string;
  client: ReadClient;
  /** The server clock, injectable so tests can pin "now". */
  nowMs: () => number;
  /** Folder of the built web app; null ⇒ API only. */
  webDir: string | null;
  auth: AuthConfig;
  /**
   * Behind a reverse proxy: which proxies to believe about the client's address and scheme
   * (X-Forwarded-For/Proto): `true` ⇒ a proxy on this host (loopback); a list ⇒ those addresses or
   * CIDRs. Never every hop, which would let a client name its own address.
   */
  trustProxy?: boolean | readonly string[];
  /**
   * Which Host headers are answered (DNS rebinding): IP addresses, localhost and *.localhost always;
   * also `listen` when it is a name, and the `allowed` names. Checked when auth is off or a list is
   * given (see host-check.ts).
   */
  hosts?: { listen?: string; allowed?: readonly string[] };
  /** Caps on long or heavy requests (defaults in limits.ts). */
  limits?: Partial<RequestLimits>;
  /** How long one answer may wait for DynamoDB before the last good data (or a 503) is given. */
  deadlineMs?: number;
  /** Alert rules, webhook, and background evaluation every 15 s (on in `npm start`; off unless set). */
  alerts?: AlertOptions & { background?: boolean };
  /** Kalshi API credentials per environment, for the cash balance card (optional). */
  kalshi?: Partial<Record<Env, KalshiConfig>>;
  /** How often the live poller reads while someone listens (default 3 s). */
  livePollMs?: number;
  /**
   * Kalshi's market data (titles, close times, results, account settlements; issue 20), read from
   * its cache without waiting. Absent or null ⇒ every lifecycle figure is null and the `lifecycle`
   * block says "market data not configured".
   */
  marketData?: MarketDataSource | null;
  /** How long a page request waits for its first screen's data (first-screen/serve-page.ts; tests). */
  firstScreenDeadlineMs?: Partial<Record<'market' | 'compare', number>>;
  /**
   * How the quality routes read decisions (quality.ts): `light` (the default) or `full`, the reads
   * before issue 19, kept so tests and the bench can check that both give the same figures.
   */
  qualityReads?: QualityReads;
}

/** The options of a route plugin (routes/*.ts): the app's context, the shared answer cache, the data. */
export interface RouteOptions {
  ctx: AppContext;
  cache: TtlCache;
  envs: EnvRegistry;
}
