// Kalshi's request signing, shared by every signed call (the cash balance, the portfolio
// settlements): RSA-PSS (SHA-256, salt = digest length) over `timestamp + method + path`, sent in
// three KALSHI-ACCESS headers. The path is the URL's path without its query string. The private key
// stays in this process; nothing of it reaches a response, an error or a log.
import { constants, sign, type KeyObject } from 'node:crypto';

export function signRequest(key: KeyObject, timestampMs: string, method: string, path: string): string {
  return sign('sha256', Buffer.from(`${timestampMs}${method}${path}`), {
    key,
    padding: constants.RSA_PKCS1_PSS_PADDING,
    saltLength: constants.RSA_PSS_SALTLEN_DIGEST,
  }).toString('base64');
}

/** The three headers of a signed GET of `path` (no query string) at `nowMs`. */
export function signedHeaders(
  key: KeyObject,
  keyId: string,
  nowMs: number,
  method: string,
  path: string,
): Record<string, string> {
  const ts = String(nowMs);
  return {
    'KALSHI-ACCESS-KEY': keyId,
    'KALSHI-ACCESS-TIMESTAMP': ts,
    'KALSHI-ACCESS-SIGNATURE': signRequest(key, ts, method, path),
  };
}
