// Where the sampled history keeps a decision per market more often than once a minute although it is old.
//
// Why: the dashboard's P&L attribution over a lookback of N days marks each position held at its
// start at mid(now − N days), and metrics.md makes that mid unknown unless the market's decision in
// force then is at most max(60 s, 3 × loop interval) old. The real bot decides every loop (5 s), so
// its tables always have one; the simulator samples old loops every 30 min to keep the seed small,
// which left every such mark (so the Quality page's 7-day attribution total) unknown. Around
// now − N days for the lookbacks the dashboard defaults to, the history keeps a decision more often
// than that bound, from a little before to `afterUs` after — the range start moves forward with the
// wall clock while the demo runs, and the live simulator writes every loop from "now" on, so the
// range end is always marked. Past `afterUs` of running the marks at the range start are unknown
// again (a restart on a persisted store keeps its old seed): honest, not guessed.
import { DAY_US } from './format.js';

/** [fromUs, toUs): a stretch of the history decided densely. */
export interface MarkWindow {
  fromUs: number;
  toUs: number;
}

export interface MarkWindowOptions {
  /** First and last instant of the history. */
  historyStartUs: number;
  endUs: number;
  /** The lookbacks (days) whose range start is marked: a window around endUs − days each. */
  lookbackDays: readonly number[];
  /** Decided densely from this long before the range start (so a mark right at it has a decision). */
  beforeUs: number;
  /** …to this long after it: how long the demo can run with the mark known. */
  afterUs: number;
}

/**
 * The windows, clipped to the history and merged where they overlap, oldest first. A lookback as
 * long as the history (or longer) gets none: its range starts before the first fill, flat, so no
 * mark is needed when the demo starts (and the browser tests' 7-day seeds stay small); as the demo
 * runs, its start moves into the history's first hours and their positions are unmarked.
 */
export function markWindows(o: MarkWindowOptions): MarkWindow[] {
  const raw = o.lookbackDays
    .map((days) => o.endUs - Math.round(days * DAY_US))
    .filter((startUs) => startUs > o.historyStartUs)
    .map((startUs) => ({
      fromUs: Math.max(o.historyStartUs, startUs - o.beforeUs),
      toUs: Math.min(o.endUs, startUs + o.afterUs),
    }))
    .sort((a, b) => a.fromUs - b.fromUs);
  const out: MarkWindow[] = [];
  for (const w of raw) {
    const last = out[out.length - 1];
    if (last && w.fromUs <= last.toUs) last.toUs = Math.max(last.toUs, w.toUs);
    else out.push({ ...w });
  }
  return out;
}
