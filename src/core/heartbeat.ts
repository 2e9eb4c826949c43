// Is the bot running? It writes a decision per enabled market every loop, so the age of the
// newest decision is its pulse. System ("ALL") decisions count too: they prove the process ran.
import type { Decision } from './types.js';

export type HeartbeatStatus = 'alive' | 'late' | 'down';

/** `late` ends (and `down` begins) at 10 minutes. */
export const LATE_UNDER_MS = 10 * 60_000;
/** `alive` lasts at least a minute even for a fast loop. */
export const MIN_ALIVE_MS = 60_000;

export interface Heartbeat {
  status: HeartbeatStatus;
  /** now − newest decision time; null when there is no decision. */
  ageMs: number | null;
  lastDecisionAtMs: number | null;
  /** Thresholds used: alive when age < aliveUnderMs, late when age < lateUnderMs. */
  aliveUnderMs: number;
  lateUnderMs: number;
}

/** `alive` under max(3 × loop_interval_ms, 60 s), `late` under 10 min, else `down`; none ⇒ `down`. */
export function heartbeat(lastDecisionAtMs: number | null, nowMs: number, loopIntervalMs: number): Heartbeat {
  const aliveUnderMs = Math.max(3 * loopIntervalMs, MIN_ALIVE_MS);
  const lateUnderMs = Math.max(LATE_UNDER_MS, aliveUnderMs);
  if (lastDecisionAtMs === null) {
    return { status: 'down', ageMs: null, lastDecisionAtMs, aliveUnderMs, lateUnderMs };
  }
  const ageMs = nowMs - lastDecisionAtMs;
  const status: HeartbeatStatus = ageMs < aliveUnderMs ? 'alive' : ageMs < LATE_UNDER_MS ? 'late' : 'down';
  return { status, ageMs, lastDecisionAtMs, aliveUnderMs, lateUnderMs };
}

/** The newest of the given decisions (nulls skipped); ties keep the first. */
export function newestDecision(decisions: Iterable<Decision | null | undefined>): Decision | null {
  let newest: Decision | null = null;
  for (const d of decisions) if (d && (newest === null || d.timeMs > newest.timeMs)) newest = d;
  return newest;
}
