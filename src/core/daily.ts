// Daily realized P&L in the display time zone. A fill belongs to the day of its fill time in `tz`
// (never the item's `date`, which is the logging day for old items, contract §6.7), and the
// cumulative line is the all-time running total, not one that restarts at the window.
import type { ReplayStep } from './replay.js';
import { dayFinder, dayOf, lastNDays, zonedDayStartMs } from './tz-days.js';

export interface DayTotals {
  /** Σ realized changes of the day's fills (fees included). */
  realized: number;
  /** Σ fee of the day's fills. */
  fees: number;
  fills: number;
  /** Σ size of the day's fills. */
  contracts: number;
}

export interface DailyEntry extends DayTotals {
  /** `YYYY-MM-DD` in the requested tz. */
  date: string;
  /** Σ realized over every day ≤ date since the first fill. */
  cumulative: number;
}

const EMPTY_DAY: Readonly<DayTotals> = Object.freeze({ realized: 0, fees: 0, fills: 0, contracts: 0 });

/** Totals per calendar day in `tz` over every step (all history). */
export function totalsByDay(steps: readonly ReplayStep[], tz: string): Map<string, DayTotals> {
  const byDay = new Map<string, DayTotals>();
  // Steps are in time order, so the finder answers most fills without an Intl call (~2 µs each).
  const dayOfFill = dayFinder(tz);
  for (const step of steps) {
    const day = dayOfFill(step.fill.fillTimeMs);
    let totals = byDay.get(day);
    if (totals === undefined) {
      totals = { ...EMPTY_DAY };
      byDay.set(day, totals);
    }
    totals.realized += step.realizedChange;
    totals.fees += step.feeUsd;
    totals.fills += 1;
    totals.contracts += step.fill.size;
  }
  return byDay;
}

/**
 * One entry per requested day (ascending), days without fills included with zeros. The running
 * total adds days in calendar order, including days before the range and between requested days.
 */
export function dailySeries(byDay: ReadonlyMap<string, DayTotals>, days: readonly string[]): DailyEntry[] {
  const known = [...byDay.keys()].sort();
  const out: DailyEntry[] = [];
  let cumulative = 0;
  let next = 0;
  for (const date of [...days].sort()) {
    for (; next < known.length && (known[next] as string) <= date; next++) {
      cumulative += (byDay.get(known[next] as string) as DayTotals).realized;
    }
    out.push({ date, ...(byDay.get(date) ?? EMPTY_DAY), cumulative });
  }
  return out;
}

export interface DailyPnl {
  /** Today in tz. */
  today: string;
  /** daily[today].realized: 0 when there are no fills today. */
  todayRealized: number;
  /** Σ fee over today's fills. */
  feesToday: number;
  fillsToday: number;
  /** Σ realized changes of today's fills that were backfilled at startup (part of todayRealized). */
  todayBackfilledRealized: number;
  /** `days` entries ending today, oldest first. */
  daily: DailyEntry[];
  /** Today's realized equity, fill by fill (intraday). */
  intraday: IntradayPoint[];
}

export interface IntradayPoint {
  /** ms: the day's start in tz for the first point, else the fill's time. */
  timeMs: number;
  /** Σ realized changes of today's fills up to and including this one (0 at the day's start). */
  realized: number;
}

/**
 * Today's realized P&L as it accrued: a point at the day's start (0), then one per fill of the day
 * in time order carrying the running sum of realized changes. The last point equals todayRealized.
 */
export function intradayRealized(steps: readonly ReplayStep[], tz: string, nowMs: number): IntradayPoint[] {
  const today = dayOf(nowMs, tz);
  const start = zonedDayStartMs(today, tz);
  const todays = steps
    .filter(
      (s) =>
        s.fill.fillTimeMs >= start && s.fill.fillTimeMs <= nowMs && dayOf(s.fill.fillTimeMs, tz) === today,
    )
    .sort((a, b) => a.fill.fillTimeMs - b.fill.fillTimeMs);
  const out: IntradayPoint[] = [{ timeMs: start, realized: 0 }];
  let sum = 0;
  for (const s of todays) {
    sum += s.realizedChange;
    out.push({ timeMs: s.fill.fillTimeMs, realized: sum });
  }
  return out;
}

/** The overview's daily block: `days` calendar days in `tz` ending with the day of nowMs. */
export function dailyPnl(steps: readonly ReplayStep[], tz: string, nowMs: number, days: number): DailyPnl {
  if (!Number.isInteger(days) || days < 1)
    throw new RangeError(`days must be a positive integer, got ${days}`);
  const byDay = totalsByDay(steps, tz);
  const daily = dailySeries(byDay, lastNDays(nowMs, tz, days));
  const today = dayOf(nowMs, tz);
  const todays = byDay.get(today) ?? EMPTY_DAY;
  let todayBackfilledRealized = 0;
  const dayOfFill = dayFinder(tz);
  for (const step of steps)
    if (step.fill.reconciledAtStartup && dayOfFill(step.fill.fillTimeMs) === today)
      todayBackfilledRealized += step.realizedChange;
  return {
    today,
    todayRealized: todays.realized,
    feesToday: todays.fees,
    fillsToday: todays.fills,
    todayBackfilledRealized,
    daily,
    intraday: intradayRealized(steps, tz, nowMs),
  };
}
