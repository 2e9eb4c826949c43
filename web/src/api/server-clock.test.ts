import { beforeEach, describe, expect, it } from 'vitest';
import { noteServerTime, resetServerClock, serverNowMs } from './server-clock';

const T = Date.parse('2026-03-01T12:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString();

describe('server clock', () => {
  beforeEach(() => resetServerClock());

  it('learns the offset from a fresh server time', () => {
    // The server says 12:00:02 when the browser reads 12:00:00 ⇒ the server is 2 s ahead.
    noteServerTime(iso(T + 2_000), T);
    expect(serverNowMs(T + 10_000)).toBe(T + 12_000);
  });

  it('an old replayed heartbeat never moves "now" back (issue 16 item 2)', () => {
    noteServerTime(iso(T), T); // a fresh response: in step
    // A heartbeat saved 5 min ago arrives a second later: it says 11:55:01.
    noteServerTime(iso(T - 300_000 + 1_000), T + 1_000);
    expect(serverNowMs(T + 1_000)).toBe(T + 1_000);
  });

  it('an old time as the only sample is still superseded by the next fresh one', () => {
    noteServerTime(iso(T - 300_000), T);
    expect(serverNowMs(T)).toBe(T - 300_000);
    noteServerTime(iso(T + 500), T + 400);
    expect(serverNowMs(T + 400)).toBe(T + 500);
  });

  it('samples older than a minute drop out, so a real clock change is followed', () => {
    noteServerTime(iso(T + 30_000), T); // server 30 s ahead
    noteServerTime(iso(T + 60_000), T + 60_000); // a minute later it is in step
    expect(serverNowMs(T + 60_000)).toBe(T + 60_000);
  });
});
