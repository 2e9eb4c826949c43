// HTTP Basic credentials against a bcrypt hash, without paying bcrypt per request. bcrypt is slow on
// purpose (~0.3 s at cost 12 on a fast core, seconds on a busy one), so per request it made a page
// of twenty calls take twenty times that, and a handful of wrong guesses slowed everyone. So:
//
// - a header that verified is remembered for a few minutes, by an HMAC of it under a key made at
//   start (the header itself is not kept); the browser sends the same header on every request;
// - concurrent requests with the same header share one verification;
// - checks run off the event loop (bcrypt-worker.ts), `maxConcurrent` at a time, `maxQueued` wait,
//   and one client may have `perClient` in flight or waiting: past that the request is refused at
//   once, without bcrypt.
import { createHmac, randomBytes } from 'node:crypto';
import { safeEqual } from './safe-equal.js';

export type Verdict = 'ok' | 'wrong' | 'busy-client' | 'busy';

export interface VerifierOptions {
  now?: () => number;
  maxConcurrent?: number;
  maxQueued?: number;
  perClient?: number;
  /** How long a verified header is remembered. */
  rememberMs?: number;
  maxRemembered?: number;
}

export type BcryptCompare = (password: string, hash: string) => Promise<boolean>;

export class BasicVerifier {
  private readonly digestKey = randomBytes(32);
  private readonly remembered = new Map<string, number>();
  private readonly inflight = new Map<string, Promise<boolean>>();
  private readonly pendingByClient = new Map<string, number>();
  private readonly waiting: (() => void)[] = [];
  private running = 0;
  private readonly now: () => number;
  private readonly o: Required<Omit<VerifierOptions, 'now'>>;

  constructor(
    private readonly user: string,
    private readonly bcryptHash: string,
    private readonly compare: BcryptCompare,
    opts: VerifierOptions = {},
  ) {
    this.now = opts.now ?? Date.now;
    this.o = {
      // One at a time: the worker is one thread, and the event loop keeps the other core.
      maxConcurrent: opts.maxConcurrent ?? 1,
      maxQueued: opts.maxQueued ?? 8,
      perClient: opts.perClient ?? 2,
      rememberMs: opts.rememberMs ?? 5 * 60_000,
      maxRemembered: opts.maxRemembered ?? 1_000,
    };
  }

  private digest(header: string): string {
    return createHmac('sha256', this.digestKey).update(header).digest('base64url');
  }

  /** True when this exact header verified within the last few minutes (no bcrypt). */
  remembers(header: string): boolean {
    const d = this.digest(header);
    const until = this.remembered.get(d);
    if (until === undefined) return false;
    if (this.now() < until) return true;
    this.remembered.delete(d);
    return false;
  }

  /** Verifies an `Authorization: Basic …` header for a client (see the file's comment). */
  async verify(header: string, client: string): Promise<Verdict> {
    if (this.remembers(header)) return 'ok';
    const d = this.digest(header);
    const shared = this.inflight.get(d);
    if (shared) return (await shared) ? 'ok' : 'wrong';
    const pending = this.pendingByClient.get(client) ?? 0;
    if (pending >= this.o.perClient) return 'busy-client';
    if (this.running >= this.o.maxConcurrent && this.waiting.length >= this.o.maxQueued) return 'busy';
    this.pendingByClient.set(client, pending + 1);
    const run = this.check(header).finally(() => {
      this.inflight.delete(d);
      const left = (this.pendingByClient.get(client) ?? 1) - 1;
      if (left > 0) this.pendingByClient.set(client, left);
      else this.pendingByClient.delete(client);
    });
    this.inflight.set(d, run);
    const ok = await run;
    if (ok) this.remember(d);
    return ok ? 'ok' : 'wrong';
  }

  private async check(header: string): Promise<boolean> {
    if (!header.startsWith('Basic ')) return false;
    const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
    const i = decoded.indexOf(':');
    if (i < 0) return false;
    const userOk = safeEqual(decoded.slice(0, i), this.user);
    await this.slot();
    try {
      // Always bcrypt, so a wrong user name costs the same time as a wrong password.
      const passOk = await this.compare(decoded.slice(i + 1), this.bcryptHash);
      return userOk && passOk;
    } finally {
      this.running--;
      this.waiting.shift()?.();
    }
  }

  /** Waits for one of the `maxConcurrent` places (first come, first served). */
  private slot(): Promise<void> {
    if (this.running < this.o.maxConcurrent) {
      this.running++;
      return Promise.resolve();
    }
    return new Promise((resolve) =>
      this.waiting.push(() => {
        this.running++;
        resolve();
      }),
    );
  }

  private remember(d: string): void {
    const now = this.now();
    if (this.remembered.size >= this.o.maxRemembered) {
      for (const [k, until] of this.remembered) if (until <= now) this.remembered.delete(k);
      for (const k of this.remembered.keys()) {
        if (this.remembered.size < this.o.maxRemembered) break;
        this.remembered.delete(k);
      }
    }
    this.remembered.set(d, now + this.o.rememberMs);
  }

  /** Verifications running and waiting (for tests and metrics). */
  get load(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.waiting.length };
  }
}
