// Access control. `token`: a Bearer header (scripts, Grafana) or a session cookie set by the login
// page (browsers); `basic`: HTTP Basic against a bcrypt hash, after which the browser also gets a
// session cookie. Comparisons are constant-time, no credential is ever logged or echoed.
//
// Failed attempts are limited per client (its address, per --trust-proxy): after 10 in a minute the
// client's new guesses — a Bearer token, a Basic header, the login form — are refused with 429
// without being checked, the right one too: checking them would tell a guesser which guess was
// right. A session cookie from an earlier sign-in is still accepted (it is 144 random bits under an
// HMAC, nothing to guess), so a signed-in browser is never locked out by someone else's failures
// from the same address.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import rateLimit from '@fastify/rate-limit';
import { FailureLimiter } from './auth-limiter.js';
import { BasicVerifier } from './basic-verifier.js';
import { BcryptWorker } from './bcrypt-worker.js';
import { clientOf } from './client-address.js';
import { safeEqual } from './safe-equal.js';
import { Sessions } from './sessions.js';

export { safeEqual } from './safe-equal.js';

export type AuthConfig =
  { mode: 'none' } | { mode: 'token'; token: string } | { mode: 'basic'; user: string; bcryptHash: string };

export const SESSION_COOKIE = 'dora_session';
const OPEN_PATHS = new Set(['/api/v1/health', '/login']);

function cookie(req: FastifyRequest, name: string): string | null {
  const header = req.headers.cookie ?? '';
  for (const part of header.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return v.join('=');
  }
  return null;
}

function loginPage(error: string | null): string {
  // No inline script (the CSP forbids it); a plain form that posts back here.
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Dora Dashboard — sign in</title>
<style>body{font-family:system-ui,sans-serif;display:grid;place-items:center;min-height:100vh;margin:0;background:#f7f8fa}
form{background:#fff;padding:24px;border:1px solid #e3e6ea;border-radius:6px;display:grid;gap:12px;min-width:300px}
input,button{font:inherit;padding:8px}button{cursor:pointer}.err{color:#b91c1c}</style></head>
<body><form method="post" action="/login"><h1 style="font-size:18px;margin:0">Dora Dashboard</h1>
<label>Access token <input type="password" name="token" autocomplete="current-password" required autofocus></label>
${error ? `<div class="err" role="alert">${error}</div>` : ''}<button type="submit">Sign in</button></form></body></html>`;
}

function deny(reply: FastifyReply, req: FastifyRequest, config: AuthConfig): void {
  if (config.mode === 'basic') {
    reply.header('www-authenticate', 'Basic realm="Dora Dashboard", charset="UTF-8"');
  } else if (!req.url.startsWith('/api/') && req.url !== '/metrics' && req.method === 'GET') {
    reply.redirect('/login');
    return;
  } else {
    reply.header('www-authenticate', 'Bearer');
  }
  reply.code(401).send({ error: { code: 'unauthorized', message: 'authentication required' } });
}

function tooMany(reply: FastifyReply, message = 'too many failed attempts; wait a minute'): FastifyReply {
  return reply
    .code(429)
    .header('retry-after', '60')
    .send({ error: { code: 'rate_limited', message } });
}

function sessionCookie(req: FastifyRequest, value: string, maxAgeS: number): string {
  const secure = req.protocol === 'https' ? '; Secure' : '';
  return `${SESSION_COOKIE}=${value}; HttpOnly; SameSite=Strict; Path=/; Max-Age=${maxAgeS}${secure}`;
}

export interface AuthState {
  /** Clients with failed attempts being counted (a /metrics gauge). */
  trackedClients(): number;
  /** --auth basic: bcrypt checks run so far, running and waiting now (/metrics). */
  bcrypt(): { checks: number; running: number; waiting: number } | null;
}

export async function registerAuth(
  app: FastifyInstance,
  config: AuthConfig,
  now: () => number = Date.now,
): Promise<AuthState> {
  if (config.mode === 'none') return { trackedClients: () => 0, bcrypt: () => null };
  const limiter = new FailureLimiter(now);
  const sessions = new Sessions(
    config.mode === 'token' ? config.token : `${config.user}:${config.bcryptHash}`,
    now,
  );
  const worker = config.mode === 'basic' ? new BcryptWorker() : null;
  const basic =
    worker && config.mode === 'basic'
      ? new BasicVerifier(config.user, config.bcryptHash, (p, h) => worker.compare(p, h), { now })
      : null;
  if (worker) app.addHook('onClose', () => worker.close());
  const state: AuthState = {
    trackedClients: () => limiter.size,
    bcrypt: () => (worker && basic ? { checks: worker.checks, ...basic.load } : null),
  };
  const maxAgeS = Math.floor(sessions.lifetimeMs / 1000);

  app.addHook('onRequest', async (req, reply) => {
    const path = req.url.split('?')[0] ?? '';
    if (OPEN_PATHS.has(path) && (config.mode === 'token' || path === '/api/v1/health')) return undefined;
    // A signed-in browser: cheap, unguessable, accepted even while its address is refused guesses.
    const session = cookie(req, SESSION_COOKIE);
    if (session !== null && sessions.valid(session)) return undefined;
    const client = clientOf(req).key;
    const header = req.headers.authorization ?? '';
    // Only guesses count: a stale cookie (signed out, or the secret changed) is no guess — 144 random
    // bits under an HMAC are not found by trying — and a browser sends it with every request.
    const presented = header !== '';
    if (presented && limiter.blocked(client)) return tooMany(reply);
    if (config.mode === 'token') {
      if (header.startsWith('Bearer ') && safeEqual(header.slice(7), config.token)) return undefined;
    } else if (basic && header.startsWith('Basic ')) {
      const verdict = await basic.verify(header, client);
      if (verdict === 'busy-client')
        return tooMany(reply, 'a sign-in from this client is still being checked; try again');
      if (verdict === 'busy') {
        return reply
          .code(503)
          .header('retry-after', '1')
          .send({
            error: { code: 'server_busy', message: 'too many sign-ins being checked; try again shortly' },
          });
      }
      if (verdict === 'ok') {
        // The browser sends the header on every request anyway; the cookie spares it the check.
        if (req.method === 'GET' || req.method === 'HEAD')
          reply.header('set-cookie', sessionCookie(req, sessions.issue(), maxAgeS));
        return undefined;
      }
    }
    if (presented) limiter.fail(client);
    deny(reply, req, config);
    return reply;
  });

  if (config.mode !== 'token') return state;
  await app.register(async (scope) => {
    await scope.register(rateLimit, {
      max: 10,
      timeWindow: 60_000,
      keyGenerator: (req) => clientOf(req).key,
    });
    scope.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string', bodyLimit: 4096 },
      (_req, body, done) => {
        done(null, Object.fromEntries(new URLSearchParams(String(body))));
      },
    );
    scope.get('/login', async (_req, reply) => reply.type('text/html').send(loginPage(null)));
    scope.post<{ Body: { token?: string } }>('/login', async (req, reply) => {
      const client = clientOf(req).key;
      if (limiter.blocked(client)) return tooMany(reply);
      const given = typeof req.body?.token === 'string' ? req.body.token : '';
      if (!safeEqual(given, config.token)) {
        limiter.fail(client);
        return reply.code(401).type('text/html').send(loginPage('That token is not right.'));
      }
      // A new random session per sign-in (sessions.ts).
      reply.header('set-cookie', sessionCookie(req, sessions.issue(), maxAgeS));
      return reply.redirect('/', 303);
    });
    scope.post('/logout', async (req, reply) => {
      const session = cookie(req, SESSION_COOKIE);
      if (session !== null) sessions.revoke(session);
      reply.header('set-cookie', `${SESSION_COOKIE}=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0`);
      return reply.redirect('/login', 303);
    });
  });
  return state;
}
