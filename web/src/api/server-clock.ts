// Ages ("3s ago") compare server times with "now". The browser's clock may be off by seconds or
// minutes, so "now" is the server's: the offset is learnt from every response and heartbeat.
// A server time is when the server wrote the message, so it is never later than the server's
// clock on arrival: each sample is a lower bound of the offset, and a replayed or delayed message
// (an old heartbeat, a cached body) only lowers it. The estimate is therefore the largest offset of
// the last minute's samples — "now" is never older than the server's clock.
const WINDOW_MS = 60_000;
let samples: { skewMs: number; atMs: number }[] = [];
let skewMs = 0;

/** Records the server's time as of a response received at receivedAtMs (browser clock). */
export function noteServerTime(iso: string, receivedAtMs: number = Date.now()): void {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return;
  samples = samples.filter((s) => receivedAtMs - s.atMs < WINDOW_MS && s.atMs <= receivedAtMs);
  samples.push({ skewMs: t - receivedAtMs, atMs: receivedAtMs });
  skewMs = Math.max(...samples.map((s) => s.skewMs));
}

/** The server's clock, estimated. */
export function serverNowMs(nowMs: number = Date.now()): number {
  return nowMs + skewMs;
}

/** Forgets every sample (tests). */
export function resetServerClock(): void {
  samples = [];
  skewMs = 0;
}
