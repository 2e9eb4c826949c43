import { describe, expect, it } from 'vitest';
import { knownVersion, runStarts } from './run-starts.js';

// 2026-01-03 13:15:02 UTC = 1767446102000 (1767398400000 is midnight; 13 h 15 min 2 s = 47702 s).
const T = Date.UTC(2026, 0, 3, 13, 15, 2);
const HOUR = 3_600_000;

describe('runStarts', () => {
  const runs = [
    // Began the day before: in force at the range start, no marker.
    { runId: '20260102-090000-a00001', version: '1.4.1' },
    { runId: '20260103-131502-b00002', version: '1.4.1' },
    { runId: '20260103-151502-c00003', version: '1.4.2' },
    // No version on its items (or the bot's "unknown"): a restart, never a version change.
    { runId: '20260103-171502-d00004', version: 'unknown' },
    { runId: '20260103-191502-e00005', version: '1.4.2' },
  ];

  it('marks each run that began in the range, with the run before it', () => {
    const got = runStarts(runs, T - HOUR, T + 7 * HOUR);
    expect(got.map((s) => [s.runId, s.startMs, s.previousRunId, s.versionChanged])).toEqual([
      ['20260103-131502-b00002', T, '20260102-090000-a00001', false],
      ['20260103-151502-c00003', T + 2 * HOUR, '20260103-131502-b00002', true],
      ['20260103-171502-d00004', T + 4 * HOUR, '20260103-151502-c00003', false],
      // 1.4.2 after "unknown": the version before is not known, so no change is claimed.
      ['20260103-191502-e00005', T + 6 * HOUR, '20260103-171502-d00004', false],
    ]);
    expect(got[1]).toMatchObject({ version: '1.4.2', previousVersion: '1.4.1' });
  });

  it('keeps to the range: ends inclusive, the start counted from its second', () => {
    // From 13:15:02.999: the run that began in that second still counts (its id is truncated).
    expect(runStarts(runs, T + 999, T + 2 * HOUR).map((s) => s.runId)).toEqual([
      '20260103-131502-b00002',
      '20260103-151502-c00003',
    ]);
    // From 13:15:03.000 it began before the range.
    expect(runStarts(runs, T + 1_000, T + 2 * HOUR - 1).map((s) => s.runId)).toEqual([]);
  });

  it('sorts by start whatever the input order, and says nothing with no runs', () => {
    const shuffled = [runs[3]!, runs[0]!, runs[2]!, runs[1]!];
    expect(runStarts(shuffled, T, T + 3 * HOUR).map((s) => s.runId)).toEqual([
      '20260103-131502-b00002',
      '20260103-151502-c00003',
    ]);
    expect(runStarts([], T, T + HOUR)).toEqual([]);
  });

  it('claims no order (previous run, version change) where the ids cannot tell it', () => {
    // Two runs in one second (contract §6.17): both restarts, neither a version change.
    const twins = [
      { runId: '20260103-131502-a00001', version: '1.4.1' },
      { runId: '20260103-151502-b00002', version: '1.4.2' },
      { runId: '20260103-151502-000003', version: '1.4.3' },
      { runId: '20260103-171502-c00004', version: '1.4.4' },
    ];
    const got = runStarts(twins, T - HOUR, T + 5 * HOUR);
    expect(got.map((s) => [s.runId, s.previousRunId, s.versionChanged])).toEqual([
      ['20260103-131502-a00001', null, false],
      ['20260103-151502-000003', null, false],
      ['20260103-151502-b00002', null, false],
      // Its predecessor is one of the twins, which one unknown.
      ['20260103-171502-c00004', null, false],
    ]);
    // A run whose id holds no start: it is not placed, and no order is claimed for the others.
    const odd = [{ runId: 'manual-run', version: '9' }, ...runs.slice(0, 3)];
    const got2 = runStarts(odd, T - HOUR, T + 3 * HOUR);
    expect(got2.map((s) => s.runId)).toEqual(['20260103-131502-b00002', '20260103-151502-c00003']);
    expect(got2.every((s) => s.previousRunId === null && !s.versionChanged)).toBe(true);
  });

  it('a first run with nothing before it is a start with no previous run', () => {
    expect(runStarts([runs[2]!], T, T + 3 * HOUR)).toEqual([
      {
        runId: '20260103-151502-c00003',
        startMs: T + 2 * HOUR,
        version: '1.4.2',
        previousRunId: null,
        previousVersion: null,
        versionChanged: false,
      },
    ]);
  });
});

describe('knownVersion', () => {
  it('is false for null, empty and the bot’s "unknown"', () => {
    expect([null, undefined, '', ' ', 'unknown', 'ed4a2b3', '1.4.2'].map(knownVersion)).toEqual([
      false,
      false,
      false,
      false,
      false,
      true,
      true,
    ]);
  });
});
