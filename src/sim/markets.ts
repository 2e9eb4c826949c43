// The configured markets: realistic Kalshi tickers grouped into events, the attributes the
// manager writes to dora_market_config (contract §2.1), and the role each market plays in the
// story (settles, gets disabled, has an empty book side, …) so every edge case appears.
import { DAY_US, HOUR_US } from './format.js';
import { Rng } from './prng.js';

export type MarketRole =
  | 'normal'
  | 'low_price' // often no YES bids at all: best_bid sentinel 0
  | 'high_price' // sometimes no asks: best_ask sentinel 1.0
  | 'volatile' // wide public-trade dispersion: volatility filter skips it at times
  | 'settles_disabled' // price runs to 0.99, market closes, manager disables it
  | 'settles_enabled' // price runs to 0.01, closes, stays enabled ⇒ 404 every loop
  | 'disabled_mid' // manager disables it mid-history (reason + disabled_at)
  | 'disabled_hand' // hand edit: enabled false, no reason, no disabled_at
  | 'disabled_before' // disabled before the history starts: config only, no data
  | 'created_mid' // configured mid-history
  | 'exiting'; // the manager's exit action: min_spread 0.50

/**
 * Who trades against our resting quotes (issue 19), so the market-making quality figures
 * (metrics.md §"Market-making quality") differ from market to market:
 * - `mixed`: the default — fills a little likelier once fair value has moved through the quote,
 *   now and then a news jump; a bit of everything.
 * - `informed` (adverse selection): besides the ordinary fills, informed takers hit the quote just
 *   before the price jumps through it (2–4¢ past our price, toward where it came from more often
 *   than not, so it stays in range). Edge at fill stays the half spread, the 5 m markout goes
 *   negative: adverse selection of a few cents per contract.
 * - `uninformed` (earns the spread): plenty of fills from uninformed flow at the quote, a quiet
 *   mean-reverting mid, no news: positive edge and markouts that stay near it.
 * - `one_way` (rarely two-sided): buyers lift the ask often, sellers hit the bid rarely, and the
 *   inventory limit is one quote's size — so the bot sits short at its limit most of the time and
 *   quotes only the bid (the ask size max_inventory_yes + net is 0).
 */
export type MarketFlow = 'mixed' | 'informed' | 'uninformed' | 'one_way';

/**
 * Flows of markets by catalog index; every other market is `mixed`. With the catalog above:
 * - 0 `KXNEXTCOACHOUTNFL-26-2-TB`: `uninformed` — earns the spread;
 * - 1 `KXNEXTCOACHOUTNFL-26-2-NYJ`: `informed` — strong adverse selection;
 * - 7 `KXFEDDECISION-26DEC-H0` (the `high_price` market, a favourite buyers keep lifting):
 *   `one_way` — rarely two-sided.
 * Assigned without drawing from the world RNG, so every other market's config is unchanged.
 */
const FLOW_PLAN: Partial<Record<number, MarketFlow>> = { 0: 'uninformed', 1: 'informed', 7: 'one_way' };

/** Roles of the first markets, in catalog order; every further market is `normal`. */
const ROLE_PLAN: MarketRole[] = [
  'normal',
  'normal',
  'low_price',
  'settles_disabled',
  'settles_enabled',
  'volatile',
  'disabled_mid',
  'high_price',
  'created_mid',
  'disabled_hand',
  'normal',
  'disabled_before',
  'exiting',
];

/** [event ticker, market suffix]; the market ticker is `${event}-${suffix}` unless suffix is ''. */
const CATALOG: [string, string][] = [
  ['KXNEXTCOACHOUTNFL-26-2', 'TB'],
  ['KXNEXTCOACHOUTNFL-26-2', 'NYJ'],
  ['KXFEATUREDRAKE-27', 'SEX'],
  ['KXFEDDECISION-26DEC', 'H25'],
  ['KXPLANETFITNESSSUBS-26JAN', ''],
  ['KXBTCD-26NOV2817', 'T97999.99'],
  ['KXALBUMRELEASEDATEASAP', '26JAN17'],
  ['KXFEDDECISION-26DEC', 'H0'],
  ['KXHIGHNY-26NOV28', 'B45.5'],
  ['KXNEXTCOACHOUTNFL-26-2', 'LV'],
  ['KXNBAGAME-26NOV28LALBOS', 'LAL'],
  ['KXOSCARPIC-27', 'ONE'],
  ['KXFEDDECISION-26DEC', 'C25'],
  ['KXNBAGAME-26NOV28LALBOS', 'BOS'],
  ['KXGDP-26Q4', 'T2.5'],
  ['KXCPIYOY-26DEC', 'T2.8'],
  ['KXSPOTIFYGLOBALD-26DEC05', 'TSWI'],
  ['KXNEXTCOACHOUTNFL-26-2', 'CLE'],
  ['KXHIGHNY-26NOV28', 'T52'],
  ['KXOSCARPIC-27', 'MARTY'],
  ['KXGDP-26Q4', 'T3.0'],
  ['KXRAINNYCM-26DEC', 'T3'],
  ['KXSPOTIFYGLOBALD-26DEC05', 'BADB'],
  ['KXEURUSD-26DEC31', 'B1.165'],
  ['KXNFLWINS-26-KC', 'T11'],
  ['KXTOPALBUM-26DEC12', 'SZA'],
  ['KXCPIYOY-26DEC', 'T3.1'],
  ['KXAAAGASM-26DEC31', 'T3.20'],
];

/** A market that only ever appears through manual fills: in positions and the trade log, never
 *  configured (contract §2.2 "contains markets never configured"). */
export const MANUAL_TICKER = 'KXBTCMAXY-26DEC31-T149999.99';

export interface MarketSpec {
  ticker: string;
  role: MarketRole;
  /** null ⇒ attribute absent; '' ⇒ stored empty (manager without metadata). */
  eventTicker: string | null;
  quoteSize: number;
  maxInventoryYes: number;
  maxInventoryNo: number;
  minSpread: number;
  inventorySkewFactor: number;
  /** Attribute `created_at`; null ⇒ absent (older or hand-made configs). */
  createdAtUs: number | null;
  updatedAtUs: number | null;
  /** Screener's optional fair_value attribute (ignored by the strategy). */
  fairValueAttr: number | null;
  toxicityScore: number | null;
  /** When the bot starts quoting it. */
  activeFromUs: number;
  /** When it stops being enabled; null ⇒ enabled through now. */
  disabledAtUs: number | null;
  disabledReason: string | null;
  /** Whether disabled_at is written (the hand edit does not write it). */
  writesDisabledAt: boolean;
  settle: { atUs: number; priceYes: number } | null;
  // Market dynamics.
  initialPriceYes: number;
  /** Fair-value random walk, logit units per √hour. */
  volLogitPerSqrtHour: number;
  /** News jumps per hour (each moves fair value by ~0.7 logit). */
  jumpsPerHour: number;
  /** Typical book spread in ticks (others' best bid → best ask). */
  spreadTicks: number;
  publicTradesPerHour: number;
  /** Extra dispersion of public trade prices, ticks. */
  tradeNoiseTicks: number;
  emptyBidProb: number;
  emptyAskProb: number;
  /** Who trades against our quotes (see MarketFlow). Absent in states saved by older versions:
   *  `mixed`, and so are the three fields below. */
  flow?: MarketFlow;
  /** Multiplies the ordinary fill rate of a resting order per side (default 1 each). */
  fillBoost?: { bid: number; ask: number };
  /** Informed takers per hour (`informed` flow; default 0). */
  informedPerHour?: number;
  /** Pull of fair value back to its starting price, per hour (default 0.004). */
  meanReversionPerHour?: number;
}

export interface MarketPlanInput {
  count: number;
  startUs: number;
  endUs: number;
}

export function marketTicker(index: number): { ticker: string; event: string } {
  const entry = CATALOG[index];
  if (!entry) {
    // Beyond the catalog: synthetic but Kalshi-shaped tickers, five per event.
    const event = `KXSIMEVENT-26-${String(Math.floor(index / 5)).padStart(2, '0')}`;
    return { ticker: `${event}-M${index % 5}`, event };
  }
  const [event, suffix] = entry;
  return { ticker: suffix === '' ? event : `${event}-${suffix}`, event };
}

export function buildMarketSpecs(rng: Rng, input: MarketPlanInput): MarketSpec[] {
  const { count, startUs, endUs } = input;
  const spanUs = endUs - startUs;
  const at = (fraction: number): number =>
    Math.round(startUs + fraction * spanUs + rng.uniform(-2, 2) * HOUR_US);
  const specs: MarketSpec[] = [];
  for (let i = 0; i < count; i++) {
    const role = ROLE_PLAN[i] ?? 'normal';
    const { ticker, event } = marketTicker(i);
    const maxInventoryYes = rng.pick([20, 25, 30, 50]);
    const spec: MarketSpec = {
      ticker,
      role,
      eventTicker: event,
      quoteSize: rng.pick([5, 10, 10, 20]),
      maxInventoryYes,
      maxInventoryNo: rng.chance(0.15) ? maxInventoryYes * 2 : maxInventoryYes,
      minSpread: rng.pick([0.03, 0.04, 0.04, 0.05]),
      inventorySkewFactor: rng.chance(0.2) ? 0.5 : 0.25,
      createdAtUs: rng.chance(0.6) ? startUs - Math.round(rng.uniform(1, 40) * DAY_US) : null,
      updatedAtUs: null,
      fairValueAttr: null,
      toxicityScore: null,
      activeFromUs: startUs,
      disabledAtUs: null,
      disabledReason: null,
      writesDisabledAt: false,
      settle: null,
      initialPriceYes: rng.uniform(0.08, 0.9),
      volLogitPerSqrtHour: rng.uniform(0.02, 0.05),
      jumpsPerHour: 0.03,
      spreadTicks: rng.int(2, 6),
      publicTradesPerHour: rng.uniform(0.3, 3),
      tradeNoiseTicks: 1,
      emptyBidProb: 0,
      emptyAskProb: 0,
    };
    if (spec.createdAtUs !== null && rng.chance(0.5)) {
      spec.updatedAtUs = spec.createdAtUs + Math.round(rng.uniform(0.2, 0.9) * (endUs - spec.createdAtUs));
    }
    if (rng.chance(0.2)) spec.fairValueAttr = Math.round(spec.initialPriceYes * 100) / 100;
    applyRole(spec, rng, at, startUs);
    applyFlow(spec, FLOW_PLAN[i] ?? 'mixed');
    specs.push(spec);
  }
  // Optional-attribute edge cases on ordinary markets: event_ticker "" and absent, toxicity_score.
  const normals = specs.filter((s) => s.role === 'normal');
  if (normals[2]) normals[2].eventTicker = null;
  if (normals[3]) normals[3].toxicityScore = 0.37;
  return specs;
}

function applyRole(spec: MarketSpec, rng: Rng, at: (f: number) => number, startUs: number): void {
  switch (spec.role) {
    case 'low_price':
      spec.initialPriceYes = 0.03;
      spec.volLogitPerSqrtHour = 0.03;
      spec.emptyBidProb = 0.35;
      spec.spreadTicks = 2;
      break;
    case 'high_price':
      spec.initialPriceYes = 0.95;
      spec.emptyAskProb = 0.2;
      spec.spreadTicks = 2;
      break;
    case 'volatile':
      spec.volLogitPerSqrtHour = 0.09;
      spec.tradeNoiseTicks = 7;
      spec.publicTradesPerHour = 4;
      break;
    case 'settles_disabled': {
      const atUs = at(0.62);
      spec.settle = { atUs, priceYes: 0.99 };
      spec.initialPriceYes = rng.uniform(0.55, 0.75);
      spec.disabledAtUs = atUs + Math.round(rng.uniform(2, 6) * HOUR_US);
      spec.disabledReason = 'Market closed (settled); disabled by market_update';
      spec.writesDisabledAt = true;
      break;
    }
    case 'settles_enabled':
      // The contract's own 404 example ticker; the manager never got to it, so it stays enabled.
      spec.eventTicker = '';
      spec.settle = { atUs: at(0.9), priceYes: 0.01 };
      spec.initialPriceYes = rng.uniform(0.2, 0.35);
      break;
    case 'disabled_mid':
      spec.disabledAtUs = at(0.72);
      spec.disabledReason = 'Low volume: 0 fills in the last 72h';
      spec.writesDisabledAt = true;
      break;
    case 'disabled_hand':
      spec.disabledAtUs = at(0.4);
      break;
    case 'disabled_before':
      spec.disabledAtUs = startUs - 3 * DAY_US;
      spec.activeFromUs = startUs - 10 * DAY_US;
      spec.disabledReason = 'Spread below minimum for 48h';
      spec.writesDisabledAt = true;
      break;
    case 'created_mid':
      spec.createdAtUs = at(0.5);
      spec.activeFromUs = spec.createdAtUs + Math.round(rng.uniform(5, 40) * 60_000_000);
      spec.updatedAtUs = null;
      break;
    case 'exiting':
      // Quotes ±25¢ around a quiet market never fill: the bot's zero entry in positions.
      spec.minSpread = 0.5;
      spec.initialPriceYes = 0.5;
      spec.volLogitPerSqrtHour = 0.005;
      spec.jumpsPerHour = 0;
      break;
    case 'normal':
      break;
  }
}

/** The flow's dynamics (MarketFlow), set over the role's; draws nothing from the RNG. */
function applyFlow(spec: MarketSpec, flow: MarketFlow): void {
  spec.flow = flow;
  switch (flow) {
    case 'informed':
      spec.informedPerHour = 0.4;
      // The other makers know the flow is toxic and keep the book wide (which also keeps the
      // volatility filter, whose threshold is the spread, from pulling the quotes after most jumps).
      spec.spreadTicks = Math.max(spec.spreadTicks, 5);
      // The jumps fade over hours (half-life ~1.4 h): the 5 m markout keeps them, and the public
      // trades of the last 12 h stay close enough for the volatility filter to let quotes through.
      spec.meanReversionPerHour = 0.5;
      // Room for the runs of same-side fills the informed takers leave behind.
      spec.maxInventoryYes = Math.max(spec.maxInventoryYes, 6 * spec.quoteSize);
      spec.maxInventoryNo = Math.max(spec.maxInventoryNo, spec.maxInventoryYes);
      break;
    case 'uninformed':
      spec.fillBoost = { bid: 5, ask: 5 };
      spec.jumpsPerHour = 0;
      spec.volLogitPerSqrtHour = 0.02;
      spec.meanReversionPerHour = 0.5;
      spec.maxInventoryYes = Math.max(spec.maxInventoryYes, 5 * spec.quoteSize);
      spec.maxInventoryNo = Math.max(spec.maxInventoryNo, spec.maxInventoryYes);
      break;
    case 'one_way':
      spec.fillBoost = { bid: 0.8, ask: 20 };
      spec.maxInventoryYes = spec.quoteSize;
      spec.maxInventoryNo = spec.quoteSize;
      break;
    case 'mixed':
      break;
  }
}

/** Whether the config says enabled at `us` (settlement is handled separately: a settled market
 *  that is still enabled errors every loop instead of quoting). */
export function isEnabledAt(spec: MarketSpec, us: number): boolean {
  return us >= spec.activeFromUs && (spec.disabledAtUs === null || us < spec.disabledAtUs);
}
