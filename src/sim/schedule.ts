// When the bot was running over the history: several processes (restarts every few days in the
// older history, one ending in a fatal-error cleanup; several a day in the newest stretch, with a
// batch-mode run ending in a risk halt and a flat start) and which of their loops the history
// samples (the real 5 s loop would be ~17k decisions per market per day).
import type { EraClock } from './eras.js';
import { DAY_US, HOUR_US, MINUTE_US } from './format.js';
import type { MarkWindow } from './mark-windows.js';
import type { ExecMode, RunEnd } from './types.js';
import type { Rng } from './prng.js';

export interface RunPlan {
  startUs: number;
  /** End of the run; the last run has none (it is still running at "now"). */
  endUs: number | null;
  end: RunEnd | null;
  botVersion: string;
  /** global_config use_batch_execution as this run read it. */
  mode: ExecMode;
  /** Which run of the scripted newest stretch this is (see planRuns), or null for older history. */
  role: RecentRole | null;
}

/**
 * The newest stretch of the history, inside the execution-log window (contract §6.17–6.20):
 * - `before`: a per-market run ending in a graceful restart with orders resting; a market gets
 *   disabled before the next run starts (its orders are then cancelled by that run's startup);
 * - `short`: per-market, starts with resting orders (startup record + cancels), ends a few hours
 *   later with a restart;
 * - `batch`: batch mode, starts with resting orders (record, no cancel events), ends in a risk
 *   halt (whose cancels are logged);
 * - `flat`: per-market, starts with no open orders after the halt: no startup record;
 * - `last`: per-market, starts with resting orders, still running at "now".
 */
export type RecentRole = 'before' | 'short' | 'batch' | 'flat' | 'last';

/** Git hashes the bot reported over its history (BOT_VERSION, else the short hash). */
const VERSION_BY_ERA: [string, string][] = [
  ['2025-12-13', '2ed5f82'],
  ['2025-12-14', '6b0d4e1'],
  ['2025-12-20', '9f3a2c7'],
  ['2025-12-23', '1c4e8b9'],
  ['2025-12-25', 'a41c9d2'],
  ['2025-12-26', 'c7ae41d'],
  ['2025-12-27', 'e0ab86e'],
  ['2026-01-02', '075ee99'],
  ['2026-01-03', '936f816'],
];
export const CURRENT_VERSION = 'ed4a2b3';

function versionFor(eraName: string): string {
  let v = VERSION_BY_ERA[0]?.[1] ?? CURRENT_VERSION;
  for (const [prefix, hash] of VERSION_BY_ERA) if (eraName >= prefix) v = hash;
  return v;
}

/**
 * The bot processes over [startUs, endUs]: restarts every 1.5–4.5 days in the older history (one
 * of them a fatal error), then the scripted newest stretch of `RecentRole`s — several runs a day,
 * all inside [executionFromUs, endUs]. A history too short for that is a single run.
 */
export function planRuns(
  rng: Rng,
  startUs: number,
  endUs: number,
  eras: EraClock,
  executionFromUs: number = endUs - 2 * DAY_US,
): RunPlan[] {
  const windowUs = endUs - Math.max(startUs, executionFromUs);
  const spanUs = Math.min(40 * HOUR_US, Math.round(0.85 * windowUs));
  const recentFromUs = endUs - spanUs;
  const single: RunPlan[] = [
    { startUs, endUs: null, end: null, botVersion: CURRENT_VERSION, mode: 'per_market', role: null },
  ];
  if (spanUs < 10 * HOUR_US || recentFromUs - startUs < 2 * HOUR_US) return single;
  const gap = () => Math.round(rng.uniform(3, 10) * MINUTE_US);
  const plans: RunPlan[] = [];
  let t = startUs;
  while (true) {
    const next = t + Math.round(rng.uniform(1.5, 4.5) * DAY_US);
    if (next > recentFromUs - 12 * HOUR_US) break;
    plans.push({
      startUs: t,
      endUs: next,
      end: 'restart',
      botVersion: versionFor(eras.at(t).name),
      mode: 'per_market',
      role: null,
    });
    t = next + Math.round(rng.uniform(3, 25) * MINUTE_US);
  }
  // One older run dies of a fatal error (needs the era with system records to show).
  const fatal = plans.find((p) => p.endUs !== null && eras.at(p.endUs).systemRecords);
  if (fatal) fatal.end = 'fatal_error';
  const recent = (
    role: RecentRole,
    s: number,
    e: number | null,
    end: RunEnd | null,
    mode: ExecMode = 'per_market',
  ): RunPlan => ({
    startUs: s,
    endUs: e,
    end,
    botVersion: e === null ? CURRENT_VERSION : versionFor(eras.at(s).name),
    mode,
    role,
  });
  plans.push(recent('before', t, recentFromUs, 'restart'));
  // Down for a while (a deploy): fills of the resting orders meanwhile are backfilled at startup.
  const shortStart = recentFromUs + Math.round(rng.uniform(25, 70) * MINUTE_US);
  const shortEnd = shortStart + Math.round(Math.min(3 * HOUR_US, Math.max(HOUR_US, 0.08 * spanUs)));
  plans.push(recent('short', shortStart, shortEnd, 'restart'));
  // The operator switches global_config to batch mode and restarts the bot.
  const batchStart = shortEnd + Math.round(rng.uniform(20, 60) * MINUTE_US);
  const batchEnd = batchStart + Math.round(0.3 * spanUs);
  plans.push(recent('batch', batchStart, batchEnd, 'risk_halt', 'batch'));
  // The operator clears the halt flag and starts the bot again.
  const flatStart = batchEnd + Math.round(rng.uniform(30, 90) * MINUTE_US);
  const lastStart = Math.max(flatStart + 2 * HOUR_US, endUs - Math.round(0.12 * spanUs));
  plans.push(recent('flat', flatStart, lastStart, 'restart'));
  plans.push(recent('last', lastStart + gap(), null, null));
  // One run's process had no BOT_VERSION and no git checkout.
  const unknown = plans.filter((p) => p.role === null && eras.at(p.startUs).decisionIds)[1];
  if (unknown) unknown.botVersion = 'unknown';
  return plans;
}

export interface Cadence {
  historyUs: number;
  recentUs: number;
  /** The newest part of the history sampled at the recent cadence. */
  recentWindowUs: number;
  /** Older stretches decided every `markUs` so the dashboard can mark a range start (mark-windows.ts). */
  markWindows: readonly MarkWindow[];
  markUs: number;
}

/**
 * Sampled instants in [fromUs, toUs), ascending: coarse for old history, fine for the newest hours
 * and inside the mark windows.
 */
export function sampleTimes(
  fromUs: number,
  toUs: number,
  historyStartUs: number,
  endUs: number,
  c: Cadence,
): number[] {
  const out: number[] = [];
  const recentFromUs = endUs - c.recentWindowUs;
  // Align to a grid anchored at the history start so runs do not shift the sampling.
  let g = historyStartUs;
  while (g < toUs) {
    if (g >= fromUs) out.push(g);
    g += g >= recentFromUs ? c.recentUs : c.historyUs;
  }
  // Each mark window on a grid of its own, anchored at its start (again independent of the runs).
  for (const w of c.markWindows) {
    for (let t = w.fromUs; t < Math.min(w.toUs, toUs); t += c.markUs) if (t >= fromUs) out.push(t);
  }
  return out.sort((a, b) => a - b);
}
