// Browser sessions: a random id per sign-in, its expiry, and an HMAC of both keyed by the secret
// (the token, or the basic-auth user and hash) — `<id>.<expires s>.<mac>`. So the cookie never
// contains the secret, every sign-in gets its own value, a forged or altered one fails the HMAC,
// any replica with the same secret accepts it (no shared session store), and changing the secret
// ends every session at once. Signing out revokes the id: this replica refuses it until it would
// have expired (kept in memory, bounded; see docs/operations.md on replicas and restarts).
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { safeEqual } from './safe-equal.js';

export const SESSION_LIFETIME_MS = 7 * 24 * 3600_000;
const FORMAT = /^([A-Za-z0-9_-]{24})\.(\d{10})\.([A-Za-z0-9_-]{43})$/;

export class Sessions {
  private readonly key: Buffer;
  /** Revoked ids and when they would have expired anyway (ms). */
  private readonly revoked = new Map<string, number>();

  constructor(
    secret: string,
    private readonly now: () => number = Date.now,
    readonly lifetimeMs = SESSION_LIFETIME_MS,
    private readonly maxRevoked = 100_000,
  ) {
    this.key = createHash('sha256').update('dora-dashboard-session-v2\0').update(secret).digest();
  }

  private mac(id: string, expiresS: string): string {
    return createHmac('sha256', this.key).update(`${id}.${expiresS}`).digest('base64url');
  }

  /** A new session's cookie value. */
  issue(): string {
    const id = randomBytes(18).toString('base64url');
    const expiresS = String(Math.floor((this.now() + this.lifetimeMs) / 1000));
    return `${id}.${expiresS}.${this.mac(id, expiresS)}`;
  }

  /** The session's id and expiry when the value is one this secret signed, unexpired and not revoked. */
  private parse(value: string): { id: string; expiresMs: number } | null {
    const m = FORMAT.exec(value);
    if (!m) return null;
    const [, id = '', expiresS = '', mac = ''] = m;
    if (!safeEqual(mac, this.mac(id, expiresS))) return null;
    const expiresMs = Number(expiresS) * 1000;
    if (this.now() >= expiresMs || this.revoked.has(id)) return null;
    return { id, expiresMs };
  }

  valid(value: string): boolean {
    return this.parse(value) !== null;
  }

  /** Signs a session out on this replica (a value that is not a live session is ignored). */
  revoke(value: string): void {
    const s = this.parse(value);
    if (!s) return;
    const now = this.now();
    for (const [id, until] of this.revoked) if (until <= now) this.revoked.delete(id);
    // Past the bound the first revoked give way (an attacker would need the secret to fill it).
    for (const id of this.revoked.keys()) {
      if (this.revoked.size < this.maxRevoked) break;
      this.revoked.delete(id);
    }
    this.revoked.set(s.id, s.expiresMs);
  }
}
