// Access control. `token`: a Bearer header (scripts, Grafana) or a session cookie set by the login
// page (browsers); `basic`: HTTP Basic against a bcrypt hash. Comparisons are constant-time, failed
// attempts are rate-limited per client address, and no credential is ever logged or echoed.
import { createHmac, timingSafeEqual } from 'node:crypto';
import bcrypt from 'bcryptjs';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import rateLimit from '@fastify/rate-limit';

export type AuthConfig =
  | { mode: 'none' }
  | { mode: 'token'; token: string }
  | { mode: 'basic'; user: string; bcryptHash: string };

export const SESSION_COOKIE = 'dora_session';
const OPEN_PATHS = new Set(['/api/v1/health', '/login']);

export function safeEqual(a: string, b: string): boolean {
  // Hash both sides first so the comparison time does not depend on where they differ or their length.
  const x = createHmac('sha256', 'dora-compare').update(a).digest();
  const y = createHmac('sha256', 'dora-compare').update(b).digest();
  return timingSafeEqual(x, y);
}

/** The cookie value proves knowledge of the token without containing it. */
export function sessionValue(token: string): string {
  return createHmac('sha256', token).update('dora-dashboard-session-v1').digest('base64url');
}

function cookie(req: FastifyRequest, name: string): string | null {
  const header = req.headers.cookie ?? '';
  for (const part of header.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return v.join('=');
  }
  return null;
}

/** Failed attempts per address; after 10 within a minute every attempt is refused for that minute. */
class FailureLimiter {
  private readonly failures = new Map<string, number[]>();
  constructor(
    private readonly max = 10,
    private readonly windowMs = 60_000,
  ) {}
  blocked(ip: string): boolean {
    const now = Date.now();
    const recent = (this.failures.get(ip) ?? []).filter((t) => now - t < this.windowMs);
    this.failures.set(ip, recent);
    return recent.length >= this.max;
  }
  fail(ip: string): void {
    const list = this.failures.get(ip) ?? [];
    list.push(Date.now());
    this.failures.set(ip, list);
  }
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

export async function registerAuth(app: FastifyInstance, config: AuthConfig): Promise<void> {
  if (config.mode === 'none') return;
  const limiter = new FailureLimiter();
  const expectedSession = config.mode === 'token' ? sessionValue(config.token) : '';

  const authorized = async (req: FastifyRequest): Promise<boolean> => {
    if (config.mode === 'token') {
      const header = req.headers.authorization ?? '';
      if (header.startsWith('Bearer ') && safeEqual(header.slice(7), config.token)) return true;
      const c = cookie(req, SESSION_COOKIE);
      return c !== null && safeEqual(c, expectedSession);
    }
    const header = req.headers.authorization ?? '';
    if (!header.startsWith('Basic ')) return false;
    const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
    const i = decoded.indexOf(':');
    if (i < 0) return false;
    const userOk = safeEqual(decoded.slice(0, i), config.user);
    // Always run bcrypt, so a wrong user name costs the same time as a wrong password.
    const passOk = await bcrypt.compare(decoded.slice(i + 1), config.bcryptHash);
    return userOk && passOk;
  };

  app.addHook('onRequest', async (req, reply) => {
    const path = req.url.split('?')[0] ?? '';
    if (OPEN_PATHS.has(path) && (config.mode === 'token' || path === '/api/v1/health')) return;
    if (limiter.blocked(req.ip)) {
      reply.code(429).send({ error: { code: 'rate_limited', message: 'too many failed attempts; wait a minute' } });
      return reply;
    }
    if (await authorized(req)) return;
    if (req.headers.authorization || cookie(req, SESSION_COOKIE)) limiter.fail(req.ip);
    deny(reply, req, config);
    return reply;
  });

  if (config.mode !== 'token') return;
  await app.register(async (scope) => {
    await scope.register(rateLimit, { max: 10, timeWindow: 60_000 });
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 4096 }, (_req, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(String(body))));
    });
    scope.get('/login', async (_req, reply) => reply.type('text/html').send(loginPage(null)));
    scope.post<{ Body: { token?: string } }>('/login', async (req, reply) => {
      const given = typeof req.body?.token === 'string' ? req.body.token : '';
      if (!safeEqual(given, config.token)) {
        limiter.fail(req.ip);
        return reply.code(401).type('text/html').send(loginPage('That token is not right.'));
      }
      const secure = req.protocol === 'https' ? '; Secure' : '';
      reply.header('set-cookie', `${SESSION_COOKIE}=${expectedSession}; HttpOnly; SameSite=Strict; Path=/; Max-Age=604800${secure}`);
      return reply.redirect('/', 303);
    });
    scope.post('/logout', async (_req, reply) => {
      reply.header('set-cookie', `${SESSION_COOKIE}=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0`);
      return reply.redirect('/login', 303);
    });
  });
}
