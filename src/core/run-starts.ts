// Bot restarts and version changes in a range (issue 19, "restarts and version changes marked on the
// price and P&L charts"). Pure: the caller gives the runs it found for a market (store/read-runs.ts:
// the walk back through the market's decisions plus the "ALL" records, contract §6.17) with the
// version each run wrote. A run id begins with its process start (`YYYYMMDD-HHMMSS`, UTC, §1.6), so
// every run that began in the range is a restart at that second. The bot reads its version once per
// process, so a version can only change at a restart: it did when this run's version and the one
// before it are both known and differ. Nothing is claimed that the runs do not show — a run whose
// order is unknown (an id without its start, two runs in one second) says no version change.
import { runStartMs } from './decision-id.js';

export interface RunInfo {
  runId: string;
  /** `bot_version` as written; null when no item of the run carried one. */
  version: string | null;
}

export interface RunStart {
  runId: string;
  /** The process start from the id (UTC, to the second). */
  startMs: number;
  version: string | null;
  /** The run before this one among those found; null when none was found or the order is unknown. */
  previousRunId: string | null;
  previousVersion: string | null;
  /** Both versions known (not null, not the bot's `unknown`) and different. */
  versionChanged: boolean;
}

/** The bot writes `unknown` when it had neither BOT_VERSION nor a git checkout: no version to compare. */
export function knownVersion(v: string | null | undefined): v is string {
  return typeof v === 'string' && v.trim() !== '' && v !== 'unknown';
}

/**
 * The runs that began in [fromMs, toMs], oldest first, each with the run before it. A run id holds
 * its start truncated to the second, so a run counts from the second of `fromMs` on (the run walk's
 * own rule: a run began before the range only when its second ended by `fromMs`).
 */
export function runStarts(runs: readonly RunInfo[], fromMs: number, toMs: number): RunStart[] {
  const placed: (RunInfo & { startMs: number })[] = [];
  let unplaced = false;
  for (const r of runs) {
    const startMs = runStartMs(r.runId);
    if (startMs === null) unplaced = true;
    else placed.push({ ...r, startMs });
  }
  placed.sort((a, b) => a.startMs - b.startMs || (a.runId < b.runId ? -1 : a.runId > b.runId ? 1 : 0));
  const perSecond = new Map<number, number>();
  for (const r of placed) perSecond.set(r.startMs, (perSecond.get(r.startMs) ?? 0) + 1);
  const out: RunStart[] = [];
  placed.forEach((r, i) => {
    if (r.startMs + 1_000 <= fromMs || r.startMs > toMs) return;
    const prev = placed[i - 1] ?? null;
    // Which run came first is unknown when two began in one second, or when a run's id tells no start.
    const ordered =
      !unplaced && perSecond.get(r.startMs) === 1 && (prev === null || perSecond.get(prev.startMs) === 1);
    const previous = ordered ? prev : null;
    out.push({
      runId: r.runId,
      startMs: r.startMs,
      version: r.version,
      previousRunId: previous?.runId ?? null,
      previousVersion: previous?.version ?? null,
      versionChanged:
        previous !== null &&
        knownVersion(previous.version) &&
        knownVersion(r.version) &&
        previous.version !== r.version,
    });
  });
  return out;
}
