// When the bot was running over the history: several processes (restarts every few days, one
// ending in a risk halt, one in a fatal-error cleanup) and which of their loops the history
// samples (the real 5 s loop would be ~17k decisions per market per day).
import type { EraClock } from './eras.js';
import { DAY_US, HOUR_US, MINUTE_US } from './format.js';
import type { RunEnd } from './engine/run.js';
import type { Rng } from './prng.js';

export interface RunPlan {
  startUs: number;
  /** End of the run; the last run has none (it is still running at "now"). */
  endUs: number | null;
  end: RunEnd | null;
  botVersion: string;
}

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

export function planRuns(rng: Rng, startUs: number, endUs: number, eras: EraClock): RunPlan[] {
  const lastStartUs = endUs - Math.round(rng.uniform(20, 40) * HOUR_US);
  const haltEndUs = lastStartUs - Math.round(rng.uniform(30, 90) * MINUTE_US);
  const plans: RunPlan[] = [];
  if (haltEndUs - startUs < 6 * HOUR_US) {
    return [{ startUs, endUs: null, end: null, botVersion: CURRENT_VERSION }];
  }
  let t = startUs;
  while (true) {
    const next = t + Math.round(rng.uniform(1.5, 4.5) * DAY_US);
    if (next > haltEndUs - 12 * HOUR_US) break;
    plans.push({ startUs: t, endUs: next, end: 'restart', botVersion: versionFor(eras.at(t).name) });
    t = next + Math.round(rng.uniform(3, 25) * MINUTE_US);
  }
  plans.push({ startUs: t, endUs: haltEndUs, end: 'risk_halt', botVersion: versionFor(eras.at(t).name) });
  plans.push({ startUs: lastStartUs, endUs: null, end: null, botVersion: CURRENT_VERSION });
  // One earlier run dies of a fatal error (needs the era with system records to show).
  const fatal = plans.find((p) => p.end === 'restart' && p.endUs !== null && eras.at(p.endUs).systemRecords);
  if (fatal) fatal.end = 'fatal_error';
  // One run's process had no BOT_VERSION and no git checkout.
  const unknown = plans.filter((p) => eras.at(p.startUs).decisionIds)[1];
  if (unknown && unknown !== plans[plans.length - 1]) unknown.botVersion = 'unknown';
  return plans;
}

export interface Cadence {
  historyUs: number;
  recentUs: number;
  /** The newest part of the history sampled at the recent cadence. */
  recentWindowUs: number;
}

/** Sampled instants in [fromUs, toUs): coarse for old history, fine for the newest hours. */
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
  return out;
}
