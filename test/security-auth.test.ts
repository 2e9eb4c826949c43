// Access control under attack (issue 21 items 1, 6, 7, 8): a client that writes its own
// X-Forwarded-For, floods of failed attempts, wrong Basic passwords by the score, a session cookie
// after sign-out and after the token changed.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import bcrypt from 'bcryptjs';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/server/app.js';
import type { AuthConfig } from '../src/server/auth.js';
import type { AppContext } from '../src/server/context.js';
import { startTestStore, type TestStore } from './helpers/store.js';
import { writeHandWorkedDataset } from './helpers/fixtures.js';

const TOKEN = 'test-token-0123456789abcdef';
const HASH = bcrypt.hashSync('s3cret-pass', 4);
const basic = (user: string, pass: string) => `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`;
const form = { 'content-type': 'application/x-www-form-urlencoded' };

let store: TestStore;
const apps: FastifyInstance[] = [];
let now = Date.now();

async function appWith(auth: AuthConfig, extra: Partial<AppContext> = {}): Promise<FastifyInstance> {
  const app = await buildApp({
    source: 'embedded',
    defaultEnv: 'demo',
    region: 'us-east-1',
    client: store.reader,
    nowMs: () => now,
    webDir: null,
    auth,
    ...extra,
  });
  apps.push(app);
  return app;
}
const metric = async (app: FastifyInstance, name: string, headers: Record<string, string>) => {
  const text = (await app.inject({ url: '/metrics', headers, remoteAddress: '10.200.0.1' })).body;
  return Number(new RegExp(`^${name} (\\d+)`, 'm').exec(text)?.[1] ?? NaN);
};
const cookieOf = (setCookie: unknown) => String(setCookie).split(';')[0] as string;

beforeAll(async () => {
  store = await startTestStore();
  await writeHandWorkedDataset(store.writer);
});
afterAll(async () => {
  for (const a of apps) await a.close();
  await store.close();
});
afterEach(() => {
  now = Date.now();
});

describe('--trust-proxy (item 1)', () => {
  it('a client behind the proxy cannot pick its own address: 25 wrong tokens and 25 wrong sign-ins are limited', async () => {
    const app = await appWith({ mode: 'token', token: TOKEN }, { trustProxy: true });
    const codes: number[] = [];
    for (let i = 0; i < 25; i++) {
      // The client writes a fresh address first; the proxy (on loopback) appends the real one.
      const xff = `198.18.${i}.${i}, 203.0.113.7`;
      codes.push(
        (
          await app.inject({
            url: '/api/v1/markets',
            headers: { authorization: 'Bearer guess', 'x-forwarded-for': xff },
          })
        ).statusCode,
      );
    }
    expect(codes.slice(0, 10).every((c) => c === 401)).toBe(true);
    expect(codes.slice(10).every((c) => c === 429)).toBe(true);
    const logins: number[] = [];
    for (let i = 0; i < 25; i++) {
      const xff = `198.19.${i}.${i}, 203.0.113.8`;
      logins.push(
        (
          await app.inject({
            method: 'POST',
            url: '/login',
            payload: 'token=wrong',
            headers: { ...form, 'x-forwarded-for': xff },
          })
        ).statusCode,
      );
    }
    expect(logins.slice(0, 10).every((c) => c === 401)).toBe(true);
    expect(logins.slice(10).every((c) => c === 429)).toBe(true);
  });

  it('a client that reaches the server directly is counted by its socket, whatever X-Forwarded-For says', async () => {
    const app = await appWith({ mode: 'token', token: TOKEN }, { trustProxy: true });
    const codes: number[] = [];
    for (let i = 0; i < 12; i++) {
      codes.push(
        (
          await app.inject({
            url: '/api/v1/markets',
            headers: { authorization: 'Bearer guess', 'x-forwarded-for': `198.18.0.${i}` },
            remoteAddress: '198.51.100.9',
          })
        ).statusCode,
      );
    }
    expect(codes.slice(10)).toEqual([429, 429]);
    // Nor can it claim https for the Secure cookie.
    const login = await app.inject({
      method: 'POST',
      url: '/login',
      payload: `token=${TOKEN}`,
      headers: { ...form, 'x-forwarded-proto': 'https' },
      remoteAddress: '198.51.100.10',
    });
    expect(String(login.headers['set-cookie'])).not.toContain('Secure');
  });

  it('a listed proxy address is trusted, others are not; junk in the header counts as the proxy', async () => {
    const app = await appWith({ mode: 'token', token: TOKEN }, { trustProxy: ['10.0.0.0/8'] });
    for (let i = 0; i < 10; i++)
      await app.inject({
        url: '/api/v1/markets',
        headers: { authorization: 'Bearer x', 'x-forwarded-for': `198.18.1.${i}, 203.0.113.20` },
        remoteAddress: '10.1.1.1',
      });
    expect(
      (
        await app.inject({
          url: '/api/v1/markets',
          headers: { authorization: 'Bearer x', 'x-forwarded-for': '203.0.113.20' },
          remoteAddress: '10.1.1.2',
        })
      ).statusCode,
    ).toBe(429);
    // Not an address at all: the limiter keys on the proxy's socket, not on 8 kB of junk.
    for (let i = 0; i < 10; i++)
      await app.inject({
        url: '/api/v1/markets',
        headers: { authorization: 'Bearer x', 'x-forwarded-for': `junk-${i}-${'x'.repeat(100)}` },
        remoteAddress: '10.9.9.9',
      });
    expect(
      (
        await app.inject({
          url: '/api/v1/markets',
          headers: { authorization: 'Bearer x', 'x-forwarded-for': 'more-junk' },
          remoteAddress: '10.9.9.9',
        })
      ).statusCode,
    ).toBe(429);
  });

  it('12,000 failed requests with 8 kB headers leave a bounded limiter; requests without credentials add nothing', async () => {
    const app = await appWith({ mode: 'token', token: TOKEN }, { trustProxy: true });
    const auth = { authorization: `Bearer ${TOKEN}` };
    const big = 'x'.repeat(8 * 1024);
    for (let i = 0; i < 2_000; i++)
      await app.inject({
        url: '/api/v1/markets',
        headers: { 'x-forwarded-for': `${big}, 198.18.${i >> 8}.${i & 255}`, 'x-pad': big },
      });
    expect(await metric(app, 'dora_auth_failed_clients', auth)).toBe(0);
    for (let i = 0; i < 12_000; i++) {
      await app.inject({
        url: '/api/v1/markets',
        headers: {
          authorization: `Bearer ${big}`,
          'x-forwarded-for': `${big}, 198.${18 + (i >> 16)}.${(i >> 8) & 255}.${i & 255}`,
        },
      });
    }
    expect(await metric(app, 'dora_auth_failed_clients', auth)).toBeLessThanOrEqual(10_000);
    // A minute on, the entries have ended: the next failure sweeps them.
    now += 61_000;
    await app.inject({
      url: '/api/v1/markets',
      headers: { authorization: 'Bearer x' },
      remoteAddress: '10.3.3.3',
    });
    expect(await metric(app, 'dora_auth_failed_clients', auth)).toBe(1);
  }, 180_000);
});

describe('--auth basic at bcrypt cost (item 6)', () => {
  const checks = (app: FastifyInstance, cookie: string) =>
    metric(app, 'dora_auth_bcrypt_checks_total', { cookie });

  it('verifies a header once, not per request, and issues a session cookie', async () => {
    const app = await appWith({ mode: 'basic', user: 'trader', bcryptHash: HASH });
    const authorization = basic('trader', 's3cret-pass');
    // A page's first load: its requests in parallel, then more.
    const first = await Promise.all(
      Array.from({ length: 20 }, () => app.inject({ url: '/api/v1/markets', headers: { authorization } })),
    );
    expect(first.every((r) => r.statusCode === 200)).toBe(true);
    for (let i = 0; i < 20; i++)
      expect((await app.inject({ url: '/api/v1/markets', headers: { authorization } })).statusCode).toBe(200);
    const cookie = cookieOf(first[0]?.headers['set-cookie']);
    expect(cookie).toMatch(/^dora_session=/);
    expect(await checks(app, cookie)).toBe(1);
    expect((await app.inject({ url: '/api/v1/markets', headers: { cookie } })).statusCode).toBe(200);
    // Not remembered for ever, and never a wrong password.
    now += 6 * 60_000;
    expect((await app.inject({ url: '/api/v1/markets', headers: { authorization } })).statusCode).toBe(200);
    expect(
      (
        await app.inject({
          url: '/api/v1/markets',
          headers: { authorization: basic('trader', 'wrong') },
          remoteAddress: '10.6.0.1',
        })
      ).statusCode,
    ).toBe(401);
    expect(await checks(app, cookie)).toBe(3);
  });

  it('checks one at a time off the event loop, 8 waiting; 20 concurrent wrong passwords do not hold up a signed-in browser', async () => {
    // Cost 10: each check takes long enough (tens of ms, more on a busy machine) to overlap.
    const app = await appWith({
      mode: 'basic',
      user: 'trader',
      bcryptHash: bcrypt.hashSync('s3cret-pass', 10),
    });
    const signIn = await app.inject({
      url: '/api/v1/markets',
      headers: { authorization: basic('trader', 's3cret-pass') },
    });
    const cookie = cookieOf(signIn.headers['set-cookie']);
    const done: string[] = [];
    const wrong = Array.from({ length: 20 }, (_, i) =>
      app
        .inject({
          url: '/api/v1/overview',
          headers: { authorization: basic('trader', `guess-${i}`) },
          remoteAddress: `10.20.0.${i}`,
        })
        .then((r) => {
          done.push(`guess ${r.statusCode}`);
          return r.statusCode;
        }),
    );
    // The 11 past the bound come back at once, refused; the others are checked one at a time.
    for (let i = 0; i < 200 && done.filter((d) => d === 'guess 503').length < 11; i++)
      await new Promise((r) => setTimeout(r, 5));
    expect(done.filter((d) => d === 'guess 503')).toHaveLength(11);
    expect(await metric(app, 'dora_auth_bcrypt_running', { cookie })).toBeLessThanOrEqual(1);
    expect(await metric(app, 'dora_auth_bcrypt_waiting', { cookie })).toBeLessThanOrEqual(8);
    // The signed-in browser's requests (cookie and header, as a browser sends them) go first.
    const legit = await Promise.all(
      [1, 2, 3].map(() =>
        app
          .inject({
            url: '/api/v1/markets',
            headers: { cookie, authorization: basic('trader', 's3cret-pass') },
          })
          .then((r) => (done.push('legit'), r.statusCode)),
      ),
    );
    expect(legit).toEqual([200, 200, 200]);
    const codes = await Promise.all(wrong);
    expect(codes.filter((c) => c === 503)).toHaveLength(11); // 1 running + 8 waiting; the rest refused at once
    expect(codes.filter((c) => c === 401)).toHaveLength(9);
    // Every legit answer came before the last guess was checked.
    expect(done.lastIndexOf('legit')).toBeLessThan(done.lastIndexOf('guess 401'));
    expect(await checks(app, cookie)).toBe(1 + 9);
  });
});

describe('failed attempts and a correct credential (item 7)', () => {
  it('a signed-in browser keeps working while its address is refused further guesses', async () => {
    const app = await appWith({ mode: 'token', token: TOKEN });
    const ip = '10.7.7.7';
    const login = await app.inject({
      method: 'POST',
      url: '/login',
      payload: `token=${TOKEN}`,
      headers: form,
      remoteAddress: ip,
    });
    const cookie = cookieOf(login.headers['set-cookie']);
    for (let i = 0; i < 10; i++)
      await app.inject({
        url: '/api/v1/markets',
        headers: { authorization: `Bearer guess-${i}` },
        remoteAddress: ip,
      });
    expect(
      (
        await app.inject({
          url: '/api/v1/markets',
          headers: { authorization: 'Bearer guess' },
          remoteAddress: ip,
        })
      ).statusCode,
    ).toBe(429);
    expect(
      (await app.inject({ url: '/api/v1/markets', headers: { cookie }, remoteAddress: ip })).statusCode,
    ).toBe(200);
    // A new guess is not checked while refused — the right token too, or the answer would tell a
    // guesser which guess was right (docs/operations.md says so, under Access control).
    expect(
      (
        await app.inject({
          url: '/api/v1/markets',
          headers: { authorization: `Bearer ${TOKEN}` },
          remoteAddress: ip,
        })
      ).statusCode,
    ).toBe(429);
    // A stale cookie is no guess: a browser sending one is sent to sign in, not locked out.
    for (let i = 0; i < 15; i++)
      expect(
        (
          await app.inject({
            url: '/api/v1/markets',
            headers: { cookie: 'dora_session=stale' },
            remoteAddress: '10.7.7.8',
          })
        ).statusCode,
      ).toBe(401);
    expect(
      (
        await app.inject({
          method: 'POST',
          url: '/login',
          payload: `token=${TOKEN}`,
          headers: form,
          remoteAddress: '10.7.7.8',
        })
      ).statusCode,
    ).toBe(303);
  });

  it('with --auth basic, the session cookie from the first check works while the address is refused', async () => {
    const app = await appWith({ mode: 'basic', user: 'trader', bcryptHash: HASH });
    const ip = '10.7.8.1';
    const first = await app.inject({
      url: '/api/v1/markets',
      headers: { authorization: basic('trader', 's3cret-pass') },
      remoteAddress: ip,
    });
    const cookie = cookieOf(first.headers['set-cookie']);
    for (let i = 0; i < 10; i++)
      await app.inject({
        url: '/api/v1/markets',
        headers: { authorization: basic('trader', `g${i}`) },
        remoteAddress: ip,
      });
    expect(
      (
        await app.inject({
          url: '/api/v1/markets',
          headers: { authorization: basic('trader', 'g') },
          remoteAddress: ip,
        })
      ).statusCode,
    ).toBe(429);
    expect(
      (
        await app.inject({
          url: '/api/v1/markets',
          headers: { cookie, authorization: basic('trader', 's3cret-pass') },
          remoteAddress: ip,
        })
      ).statusCode,
    ).toBe(200);
  });
});

describe('sessions (item 8)', () => {
  const signIn = async (app: FastifyInstance) =>
    cookieOf(
      (await app.inject({ method: 'POST', url: '/login', payload: `token=${TOKEN}`, headers: form })).headers[
        'set-cookie'
      ],
    );
  const status = async (app: FastifyInstance, cookie: string) =>
    (await app.inject({ url: '/api/v1/markets', headers: { cookie }, remoteAddress: '10.8.0.1' })).statusCode;

  it('each sign-in gets its own random session; signing out ends that one only', async () => {
    const app = await appWith({ mode: 'token', token: TOKEN });
    const a = await signIn(app);
    const b = await signIn(app);
    expect(a).not.toBe(b);
    expect(a).not.toContain(TOKEN);
    expect([await status(app, a), await status(app, b)]).toEqual([200, 200]);
    const out = await app.inject({ method: 'POST', url: '/logout', headers: { cookie: a } });
    expect(out.statusCode).toBe(303);
    expect(String(out.headers['set-cookie'])).toContain('Max-Age=0');
    expect(await status(app, a)).toBe(401);
    expect(await status(app, b)).toBe(200);
  });

  it('a changed token ends every session; another replica with the same token accepts them', async () => {
    const app = await appWith({ mode: 'token', token: TOKEN });
    const s = await signIn(app);
    const replica = await appWith({ mode: 'token', token: TOKEN });
    expect(await status(replica, s)).toBe(200);
    const changed = await appWith({ mode: 'token', token: `${TOKEN}-rotated` });
    expect(await status(changed, s)).toBe(401);
  });

  it('a session expires after its lifetime, and an altered one is refused', async () => {
    const app = await appWith({ mode: 'token', token: TOKEN });
    const s = await signIn(app);
    const [id, exp, mac] = s.split('=')[1]?.split('.') ?? [];
    expect(await status(app, `dora_session=${id}.${Number(exp) + 86_400}.${mac}`)).toBe(401);
    expect(await status(app, `dora_session=${'A'.repeat(24)}.${exp}.${mac}`)).toBe(401);
    now += 8 * 86_400_000;
    expect(await status(app, s)).toBe(401);
  });
});
