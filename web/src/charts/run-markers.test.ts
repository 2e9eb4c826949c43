import { describe, expect, it } from 'vitest';
import type { RunStartJson } from '@api/types';
import {
  dayX,
  markerNear,
  markerSummary,
  markerTooltip,
  placeLabels,
  runMarkers,
  timeX,
  versionLabel,
  visibleMarkers,
} from './run-markers';

const start = (o: Partial<RunStartJson> & { runId: string; start: string }): RunStartJson => ({
  version: null,
  previousRunId: null,
  previousVersion: null,
  versionChanged: false,
  ...o,
});

// Three starts as GET /markets/:id/runs gives them (oldest first).
const STARTS: RunStartJson[] = [
  start({
    runId: '20260105-060000-000002',
    start: '2026-01-05T06:00:00.000Z',
    version: '1.4.1',
    previousRunId: '20260105-020000-000001',
    previousVersion: '1.4.1',
  }),
  start({
    runId: '20260105-080000-000003',
    start: '2026-01-05T08:00:00.000Z',
    version: '1.4.2',
    previousRunId: '20260105-060000-000002',
    previousVersion: '1.4.1',
    versionChanged: true,
  }),
  start({
    runId: '20260105-100000-a1b2c3',
    start: '2026-01-05T10:00:00.000Z',
    version: 'ed4a2b3',
    previousRunId: '20260105-080000-000003',
    previousVersion: '1.4.2',
    versionChanged: true,
  }),
];
// 2026-01-05 00:00 UTC in seconds.
const DAY0 = 1767571200;

describe('runMarkers', () => {
  it('one marker per start, at its time: a version change where the API says so, else a restart', () => {
    const ms = runMarkers(STARTS);
    expect(ms.map((m) => [m.x, m.kind, m.label])).toEqual([
      [DAY0 + 6 * 3600, 'restart', 'restart'],
      [DAY0 + 8 * 3600, 'version', 'v1.4.2'],
      [DAY0 + 10 * 3600, 'version', 'ed4a2b3'],
    ]);
    expect(timeX(STARTS[0]!)).toBe(DAY0 + 6 * 3600);
  });

  it('draws nothing from no data, and nothing it cannot place', () => {
    expect(runMarkers(undefined)).toEqual([]);
    expect(runMarkers(null)).toEqual([]);
    expect(runMarkers([])).toEqual([]);
    expect(runMarkers([start({ runId: 'x', start: 'not a time' })])).toEqual([]);
    // A version change with no version named is drawn as what is certain: a restart.
    expect(runMarkers([{ ...STARTS[1]!, version: null }])[0]?.kind).toBe('restart');
  });

  it('keeps the markers of the visible range (a second of slack before it, for ids cut to the second)', () => {
    const ms = runMarkers(STARTS);
    expect(visibleMarkers(ms, DAY0 + 7 * 3600, DAY0 + 10 * 3600).map((m) => m.label)).toEqual([
      'v1.4.2',
      'ed4a2b3',
    ]);
    expect(visibleMarkers(ms, DAY0 + 6 * 3600 + 1, DAY0 + 7 * 3600).map((m) => m.label)).toEqual(['restart']);
    expect(visibleMarkers(ms, DAY0 + 6 * 3600 + 2, DAY0 + 7 * 3600)).toEqual([]);
    expect(visibleMarkers(ms, DAY0 + 11 * 3600, DAY0 + 12 * 3600)).toEqual([]);
  });
});

describe('dayX: a restart inside its day’s bar on the daily P&L chart', () => {
  it('at its time of day in the chart’s zone, the day’s slot centred on the day', () => {
    // UTC: 06:00 is a quarter into 2026-01-05: x = day − 12 h + 6 h.
    expect(dayX('UTC')(STARTS[0]!)).toBe(DAY0 - 6 * 3600);
    // New York (UTC−5): 06:00 UTC is 01:00 on 2026-01-05 there: day − 12 h + 1 h.
    expect(dayX('America/New_York')(STARTS[0]!)).toBe(DAY0 - 11 * 3600);
    // 03:00 UTC is 22:00 on the 4th in New York: in the 4th's slot.
    expect(dayX('America/New_York')(start({ runId: 'r', start: '2026-01-05T03:00:00.000Z' }))).toBe(
      DAY0 - 86_400 + 10 * 3600,
    );
  });

  it('spreads a 23-hour day (DST starts) over the same slot', () => {
    // 2026-03-08 in New York: 23 hours from 05:00 UTC. 16:30 UTC is 11.5 h in: 11.5/23 = half-way.
    const day = Date.parse('2026-03-08T00:00:00Z') / 1000;
    expect(dayX('America/New_York')(start({ runId: 'r', start: '2026-03-08T16:30:00.000Z' }))).toBe(day);
  });
});

describe('versionLabel', () => {
  it('prefixes numbered versions with v; hashes and names as written, cut when long', () => {
    expect(versionLabel('1.4.2')).toBe('v1.4.2');
    expect(versionLabel('2.0.0-rc.1')).toBe('v2.0.0-rc.1');
    expect(versionLabel('ed4a2b3')).toBe('ed4a2b3');
    expect(versionLabel('v1.4.2')).toBe('v1.4.2');
    expect(versionLabel('release-candidate-7')).toBe('release-can…');
  });
});

describe('placeLabels: labels never overlap, so a narrow plot shows fewer', () => {
  it('places every label where there is room, right of its line', () => {
    const got = placeLabels(
      [
        { px: 10, width: 40, kind: 'restart' },
        { px: 100, width: 40, kind: 'version' },
      ],
      400,
    );
    expect(got).toEqual([
      { left: 14, width: 40 },
      { left: 104, width: 40 },
    ]);
  });

  it('puts a label left of its line at the right edge', () => {
    expect(placeLabels([{ px: 390, width: 40, kind: 'restart' }], 400)).toEqual([{ left: 346, width: 40 }]);
  });

  it('leaves out the labels that would overlap; version changes are placed first', () => {
    // Lines 20 px apart with labels 40 px wide: the version change keeps its label, the restarts
    // beside it lose theirs, the one 60 px on keeps its own.
    const got = placeLabels(
      [
        { px: 100, width: 40, kind: 'restart' },
        { px: 120, width: 40, kind: 'version' },
        { px: 140, width: 40, kind: 'restart' },
        { px: 172, width: 40, kind: 'restart' },
      ],
      400,
    );
    expect(got).toEqual([null, { left: 124, width: 40 }, null, { left: 176, width: 40 }]);
  });

  it('on a 390 px screen (about 330 px of plot) eight restarts a few hours apart thin out, none overlapping', () => {
    const items = Array.from({ length: 8 }, (_, i) => ({
      px: 20 + i * 38,
      width: 44,
      kind: 'restart' as const,
    }));
    const got = placeLabels(items, 330);
    const shown = got.filter((b) => b !== null);
    expect(shown.length).toBeGreaterThan(0);
    expect(shown.length).toBeLessThan(8);
    const sorted = [...shown].sort((a, b) => a.left - b.left);
    for (let i = 1; i < sorted.length; i++)
      expect(sorted[i]!.left).toBeGreaterThanOrEqual(sorted[i - 1]!.left + sorted[i - 1]!.width + 4);
    expect(sorted.every((b) => b.left >= 0 && b.left + b.width <= 330)).toBe(true);
  });
});

describe('hover', () => {
  const ms = runMarkers(STARTS);
  const placed = ms.map((marker, i) => ({ marker, px: 50 + i * 100 }));

  it('finds the nearest marker within 5 px of the cursor, else none', () => {
    expect(markerNear(placed, 153)?.label).toBe('v1.4.2');
    expect(markerNear(placed, 146)?.label).toBe('v1.4.2');
    expect(markerNear(placed, 144)).toBeNull();
    expect(markerNear([], 50)).toBeNull();
  });

  it('says what happened and when: run ids and versions from → to', () => {
    const fmt = (iso: string, tz: string) => `${iso} ${tz}`;
    expect(markerSummary(ms[0]!)).toBe('Bot restart');
    const t = markerTooltip(ms[1]!, 'UTC', fmt);
    expect(t.title).toBe('Version change 1.4.1 → 1.4.2');
    expect(t.lines).toEqual([
      { label: 'Started', value: '2026-01-05T08:00:00.000Z UTC' },
      { label: 'New run', value: '20260105-080000-000003' },
      { label: 'Version', value: '1.4.2' },
      { label: 'Previous run', value: '20260105-060000-000002' },
      { label: 'Its version', value: '1.4.1' },
    ]);
    // No run before it seen: said so, and no version line for it.
    const first = markerTooltip(
      runMarkers([start({ runId: 'r1', start: STARTS[0]!.start })])[0]!,
      'UTC',
      fmt,
    );
    expect(first.lines.map((l) => l.label)).toEqual(['Started', 'New run', 'Version', 'Previous run']);
    expect(first.lines[2]!.value).toBe('not recorded');
  });
});
