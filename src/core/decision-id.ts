// Decision ids, parsed once (contract §2.4, §6.18): a market decision is `<run>:<TICKER>:<loop>`;
// a system ("ALL") decision is `<run>:<kind>:<YYYYMMDD-HHMMSS>` where kind names the cancel-all
// path (startup_cancel, halt_cancel, fatal_cleanup_cancel). Its third part is a time, not a loop.
// Tickers are upper case and contain no ':', system kinds are lower case, so the two never collide.

import { NONE } from './format.js';

/** The id forms the bot writes for its "ALL" records, with the `reason` each record carries. */
export const SYSTEM_DECISION_KINDS = {
  startup_cancel: 'startup_cancel',
  halt_cancel: 'risk_halt_cancel',
  fatal_cleanup_cancel: 'fatal_error_cleanup_cancel',
} as const;

export type SystemDecisionKind = keyof typeof SYSTEM_DECISION_KINDS;
export type SystemReason = (typeof SYSTEM_DECISION_KINDS)[SystemDecisionKind];

export type ParsedDecisionId =
  | { kind: 'market'; runId: string; runStartMs: number | null; marketId: string; loop: number | null }
  | {
      kind: 'system';
      runId: string;
      runStartMs: number | null;
      systemKind: SystemDecisionKind;
      reason: SystemReason;
      /** The UTC second the bot stamped into the id (the record's own timestamp is µs later or equal). */
      stampMs: number | null;
    };

const STAMP = /^(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})$/;

/** `YYYYMMDD-HHMMSS` (UTC) → epoch ms; null when it is not one. */
export function compactStampMs(stamp: string): number | null {
  const m = STAMP.exec(stamp);
  if (!m) return null;
  const ms = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!);
  return Number.isNaN(ms) ? null : ms;
}

/** Start of a run from its id `YYYYMMDD-HHMMSS-<hex>`; null for an id of another form. */
export function runStartMs(runId: string): number | null {
  const m = /^(\d{8}-\d{6})-[0-9a-f]+$/.exec(runId);
  return m ? compactStampMs(m[1]!) : null;
}

export function isSystemKind(s: string): s is SystemDecisionKind {
  return Object.prototype.hasOwnProperty.call(SYSTEM_DECISION_KINDS, s);
}

/** Null when the id is not of either form (three ':'-separated parts, non-empty). */
export function parseDecisionId(id: string): ParsedDecisionId | null {
  const parts = id.split(':');
  if (parts.length !== 3) return null;
  const [runId, middle, last] = parts as [string, string, string];
  if (!runId || !middle || !last) return null;
  const start = runStartMs(runId);
  if (isSystemKind(middle)) {
    return {
      kind: 'system',
      runId,
      runStartMs: start,
      systemKind: middle,
      reason: SYSTEM_DECISION_KINDS[middle],
      stampMs: compactStampMs(last),
    };
  }
  const loop = /^\d+$/.test(last) ? Number(last) : null;
  return { kind: 'market', runId, runStartMs: start, marketId: middle, loop };
}

/** What a table shows for a decision id's third part: the loop number, or the system reason. */
export function decisionLabel(id: string): string {
  const p = parseDecisionId(id);
  if (!p) return id;
  if (p.kind === 'system') return p.reason;
  return p.loop === null ? (id.split(':').pop() ?? id) : String(p.loop);
}

/** Words for a system record's reason, as a table shows it (`startup_cancel` → `startup cancel`). */
export const SYSTEM_REASON_TEXT: Record<SystemReason, string> = {
  startup_cancel: 'startup cancel',
  risk_halt_cancel: 'risk-halt cancel',
  fatal_error_cleanup_cancel: 'fatal-error cleanup cancel',
};

/** A reason's words; an unknown reason is shown as stored, underscores as spaces. */
export function systemReasonText(reason: string): string {
  return Object.prototype.hasOwnProperty.call(SYSTEM_REASON_TEXT, reason)
    ? SYSTEM_REASON_TEXT[reason as SystemReason]
    : reason.replace(/_/g, ' ');
}

/**
 * What an execution table shows for a decision id: the loop number of a market decision, the
 * system reason in words (`startup cancel`) for an "ALL" record's id, whose third part is a time.
 */
export function decisionLabelText(id: string): string {
  const p = parseDecisionId(id);
  return p?.kind === 'system' ? SYSTEM_REASON_TEXT[p.reason] : decisionLabel(id);
}

/** True for a system ("ALL") decision id: `<run>:<startup_cancel|halt_cancel|…>:<YYYYMMDD-HHMMSS>`. */
export function isSystemDecisionId(id: string | null | undefined): boolean {
  return !!id && parseDecisionId(id)?.kind === 'system';
}

/**
 * The deep dive's decisions table's id: the run's random suffix and the loop (`94fb48:289`; the
 * market part is the page's market). A system record's id names its reason instead
 * (`94fb48:startup cancel`). An id of another form is shown whole; none is the dash.
 */
export function shortDecisionId(id: string | null): string {
  if (!id) return NONE;
  const p = parseDecisionId(id);
  if (!p) return id;
  return `${p.runId.slice(p.runId.lastIndexOf('-') + 1)}:${decisionLabelText(id)}`;
}
