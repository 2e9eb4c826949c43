// Bot restarts and version changes as chart markers (issue 19): pure, tested without a browser. The
// markers come only from the API's run starts (GET /markets/:id/runs `starts`, decided by
// core/run-starts.ts): each run that began in the range is one marker at its start, a version
// change when the API says the version changed, else a restart. No starts, no markers.
import { dayToSeconds, type TooltipLine } from './pnl-chart';
import { addDays, dayOf, zonedDayStartMs } from '@core/tz-days';
import type { RunStartJson } from '@api/types';

export type MarkerKind = 'restart' | 'version';

export interface RunMarker {
  /** The chart's x (seconds). */
  x: number;
  kind: MarkerKind;
  /** The short label drawn beside the line: `restart`, or the new version (`v1.4.2`, `ed4a2b3`). */
  label: string;
  start: RunStartJson;
}

/** `1.4.2` → `v1.4.2`; a git hash or a name as written; long names cut to 12 characters. */
export function versionLabel(v: string): string {
  const s = v.trim();
  const text = /^\d+(\.\d+)+([-+.][0-9A-Za-z.-]+)?$/.test(s) ? `v${s}` : s;
  return text.length > 12 ? `${text.slice(0, 11)}…` : text;
}

/** Where a start goes on a time chart: its instant, in seconds. */
export const timeX = (start: RunStartJson): number => Date.parse(start.start) / 1000;

/**
 * Where a start goes on a chart of days (one bar per day in `tz`, centred on the day's x, as
 * pnl-chart's dayToSeconds places it): inside its own day's slot, at its time of day — a restart at
 * noon in the middle of that day's bar, one at 23:00 near its right edge. Days of 23 or 25 hours
 * (DST) are spread over the same slot.
 */
export function dayX(tz: string): (start: RunStartJson) => number {
  return (start) => {
    const ms = Date.parse(start.start);
    const day = dayOf(ms, tz);
    const from = zonedDayStartMs(day, tz);
    const to = zonedDayStartMs(addDays(day, 1), tz);
    const frac = to > from ? (ms - from) / (to - from) : 0.5;
    return dayToSeconds(day) + (frac - 0.5) * 86_400;
  };
}

/** One marker per run start, in the API's order (oldest first); nothing for no starts. */
export function runMarkers(
  starts: readonly RunStartJson[] | null | undefined,
  xOf: (s: RunStartJson) => number = timeX,
): RunMarker[] {
  if (!starts) return [];
  return starts
    .map((s): RunMarker | null => {
      const x = xOf(s);
      if (!Number.isFinite(x)) return null;
      const kind: MarkerKind = s.versionChanged && s.version !== null ? 'version' : 'restart';
      return { x, kind, label: kind === 'version' ? versionLabel(s.version as string) : 'restart', start: s };
    })
    .filter((m): m is RunMarker => m !== null);
}

/**
 * The markers inside the visible x range [min, max]. A run id holds its start to the second, so a
 * run that began in the range's first second may sit up to a second before it: kept (drawn at the
 * edge), as the API counted it in the range.
 */
export function visibleMarkers(markers: readonly RunMarker[], min: number, max: number): RunMarker[] {
  return markers.filter((m) => m.x >= min - 1 && m.x <= max);
}

export interface LabelBox {
  /** Left edge of the label, px from the plot's left. */
  left: number;
  width: number;
}

/** The space kept between two labels and between a label and its line (px). */
export const LABEL_GAP = 4;

/**
 * Which markers get their label drawn on a plot `plotWidth` px wide, given each marker's line
 * position `px` and label width: version changes first (they say more), then restarts, left to right
 * within each; a label goes right of its line, or left of it when it would cross the plot's right
 * edge, and is left out (the line alone stays) when it would overlap a label already placed. So on a
 * narrow screen labels thin out and never overlap; every line is still drawn.
 */
export function placeLabels(
  items: readonly { px: number; width: number; kind: MarkerKind }[],
  plotWidth: number,
): (LabelBox | null)[] {
  const order = items
    .map((it, i) => ({ ...it, i }))
    .sort((a, b) => (a.kind === b.kind ? a.px - b.px : a.kind === 'version' ? -1 : 1));
  const placed: LabelBox[] = [];
  const out: (LabelBox | null)[] = items.map(() => null);
  for (const it of order) {
    let left = it.px + LABEL_GAP;
    if (left + it.width > plotWidth) left = it.px - LABEL_GAP - it.width;
    if (left < 0) continue;
    const box = { left, width: it.width };
    const clash = placed.some(
      (p) => box.left < p.left + p.width + LABEL_GAP && p.left < box.left + box.width + LABEL_GAP,
    );
    if (clash) continue;
    placed.push(box);
    out[it.i] = box;
  }
  return out;
}

/** Which marker lies within `tolerancePx` of the cursor's x (the nearest), else null. */
export function markerNear(
  markers: readonly { px: number; marker: RunMarker }[],
  cursorPx: number,
  tolerancePx = 5,
): RunMarker | null {
  let best: RunMarker | null = null;
  let bestD = tolerancePx;
  for (const m of markers) {
    const d = Math.abs(m.px - cursorPx);
    if (d <= bestD) {
      bestD = d;
      best = m.marker;
    }
  }
  return best;
}

/** What happened, in words: for the tooltip, the overlay's accessible text and the list. */
export function markerSummary(m: RunMarker): string {
  const s = m.start;
  if (m.kind === 'version') return `Version change ${s.previousVersion ?? '?'} → ${s.version ?? '?'}`;
  return 'Bot restart';
}

/** The tooltip of a marker: what happened, when, the run ids and versions (from → to). */
export function markerTooltip(
  m: RunMarker,
  tz: string,
  fmt: (iso: string, tz: string) => string,
): { title: string; lines: TooltipLine[] } {
  const s = m.start;
  const lines: TooltipLine[] = [
    { label: 'Started', value: fmt(s.start, tz) },
    { label: 'New run', value: s.runId },
    { label: 'Version', value: s.version ?? 'not recorded' },
    {
      label: 'Previous run',
      value: s.previousRunId ?? 'none seen (or two runs began in one second)',
    },
  ];
  if (s.previousRunId !== null)
    lines.push({ label: 'Its version', value: s.previousVersion ?? 'not recorded' });
  return { title: markerSummary(m), lines };
}
