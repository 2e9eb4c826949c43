// Ages ("3s ago") compare server times with "now". The browser's clock may be off by seconds or
// minutes, so "now" is the server's: the offset is learnt from every response and heartbeat.
let skewMs = 0;

/** Records the server's time as of a response received at receivedAtMs (browser clock). */
export function noteServerTime(iso: string, receivedAtMs: number = Date.now()): void {
  const t = Date.parse(iso);
  if (!Number.isNaN(t)) skewMs = t - receivedAtMs;
}

/** The server's clock, estimated. */
export function serverNowMs(): number {
  return Date.now() + skewMs;
}
