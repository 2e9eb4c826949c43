// Item shapes change over the bot's history (contract §6.8, §6.6, §5.8). The simulator replays
// that history compressed into the oldest part of the generated window, so every era's shape is
// present in the data even though its dates are recent. Boundaries are fractions of that span.
import type { FeeRegime } from './fees.js';

export interface EraShape {
  /** The bot-history moment this shape imitates (commit time, UTC). */
  name: string;
  /** decision_id / bot_run_id / bot_version on decisions (2025-12-20). */
  decisionIds: boolean;
  /** Demo-only 2025-12-13 inventory {yes_qty, no_qty, net}; afterwards {net_yes_qty}. */
  splitInventory: boolean;
  /** absent (< 12-23), basic (12-23), fair_value (12-26), full (2026-01-03 12:46). */
  priceCalc: 'absent' | 'basic' | 'fair_value' | 'full';
  /** order_book_snapshot.top_bids/top_asks (2026-01-02 01:37). */
  bookLevels: boolean;
  /** recent_trades: absent, every entry {0, 0, ""} (01-02 01:57 → 01-03 12:46), or real. */
  recentTrades: 'absent' | 'zeroed' | 'real';
  /** false in the 2026-01-02 01:37–01:57 window when building recent_trades raised. */
  writesDecisions: boolean;
  /** "ALL" system decisions and the execution log (2025-12-23). */
  systemRecords: boolean;
  /** Trade `type` attribute (2025-12-14). */
  tradeType: boolean;
  /** Trade sort key / date from the logging time (naive) or the fill time (2025-12-26 23:16). */
  tradeKey: 'log_time' | 'fill_time';
  /** Stored `fees`/`pnl_realized` rule (§6.6). */
  feeRegime: FeeRegime;
  /** Startup backfill with `reconciled_at_startup` (2025-12-25); before it fills during
   *  downtime cannot happen in the simulation (orders are dropped at shutdown). */
  startupBackfill: boolean;
}

export const CURRENT_ERA: EraShape = {
  name: '2026-01-03T12:46 current',
  decisionIds: true,
  splitInventory: false,
  priceCalc: 'full',
  bookLevels: true,
  recentTrades: 'real',
  writesDecisions: true,
  systemRecords: true,
  tradeType: true,
  tradeKey: 'fill_time',
  feeRegime: 'maker',
  startupBackfill: true,
};

type EraStep = { at: number; name: string; change: Partial<EraShape> };

/** Cumulative changes, oldest first; `at` is the fraction of the era span. */
const STEPS: EraStep[] = [
  {
    at: 0,
    name: '2025-12-13 first bot',
    change: {
      decisionIds: false,
      splitInventory: true,
      priceCalc: 'absent',
      bookLevels: false,
      recentTrades: 'absent',
      systemRecords: false,
      tradeType: false,
      tradeKey: 'log_time',
      feeRegime: 'kalshi',
      startupBackfill: false,
    },
  },
  { at: 0.12, name: '2025-12-14 prod start', change: { splitInventory: false, tradeType: true } },
  { at: 0.3, name: '2025-12-20 decision ids', change: { decisionIds: true } },
  { at: 0.45, name: '2025-12-23 decision records', change: { priceCalc: 'basic', systemRecords: true } },
  { at: 0.55, name: '2025-12-25 startup backfill', change: { startupBackfill: true } },
  { at: 0.63, name: '2025-12-26 fair value', change: { priceCalc: 'fair_value' } },
  { at: 0.68, name: '2025-12-26T23:16 fill-time keys', change: { tradeKey: 'fill_time' } },
  { at: 0.7, name: '2025-12-26T23:48 ceil-cent fees', change: { feeRegime: 'ceil_cent' } },
  { at: 0.72, name: '2025-12-27T01:05 maker fees', change: { feeRegime: 'maker' } },
  {
    at: 0.86,
    name: '2026-01-02T01:37 recent_trades raises',
    change: { bookLevels: true, writesDecisions: false },
  },
  // The next step is placed by `gapUs` after the previous one (see EraClock).
  {
    at: 0.86,
    name: '2026-01-02T01:57 zeroed recent_trades',
    change: { writesDecisions: true, recentTrades: 'zeroed' },
  },
  { at: 1, name: CURRENT_ERA.name, change: CURRENT_ERA },
];

export interface EraBoundary {
  fromUs: number;
  shape: EraShape;
}

/** Maps an instant to its era. With eras off, every instant is current. */
export class EraClock {
  readonly boundaries: EraBoundary[];

  /**
   * @param startUs   first instant of the history
   * @param spanUs    length of the old-era part (0 ⇒ eras off)
   * @param gapUs     length of the no-decision window (must swallow at least one sampled loop)
   */
  constructor(startUs: number, spanUs: number, gapUs: number) {
    if (spanUs <= 0) {
      this.boundaries = [{ fromUs: Number.NEGATIVE_INFINITY, shape: CURRENT_ERA }];
      return;
    }
    let shape: EraShape = { ...CURRENT_ERA };
    const out: EraBoundary[] = [];
    STEPS.forEach((step, i) => {
      shape = { ...shape, ...step.change, name: step.name };
      const isGapEnd = i > 0 && STEPS[i - 1]?.change.writesDecisions === false;
      const fromUs = Math.round(startUs + step.at * spanUs) + (isGapEnd ? gapUs : 0);
      out.push({ fromUs: i === 0 ? Number.NEGATIVE_INFINITY : fromUs, shape });
    });
    this.boundaries = out;
  }

  at(us: number): EraShape {
    let found = this.boundaries[0]?.shape ?? CURRENT_ERA;
    for (const b of this.boundaries) {
      if (b.fromUs <= us) found = b.shape;
      else break;
    }
    return found;
  }

  /** Start of the first era whose shape satisfies `pred`, or null. */
  firstWhere(pred: (s: EraShape) => boolean): number | null {
    const b = this.boundaries.find((x) => pred(x.shape));
    return b ? b.fromUs : null;
  }
}
