// Builds the Fastify app: security headers, auth, the API routes, the web app. Thin by design: routes
// read through src/store and compute through src/core.
import { existsSync } from 'node:fs';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import type { AppContext } from './context.js';
import { registerAuth } from './auth.js';
import { serializeReply } from './respond.js';
import { registerSecurityHeaders } from './security-headers.js';
import { registerHostCheck } from './host-check.js';
import { serveFirstScreen } from './first-screen/serve-page.js';
import { ApiError, isStoreFailure, storeUnavailable } from './errors.js';
import { AJV_OPTIONS, schemaRejection } from './schemas.js';
import { healthRoutes, registerApiRoutes } from './routes/index.js';
import type { EnvRegistry } from './env-data.js';
import type { LiveHub } from './live.js';
import type { AlertRegistry } from './alert-monitor.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** The shared per-env data and live hub, for tests and benchmarks. */
    dora: { envs: EnvRegistry; hub: LiveHub; alerts: AlertRegistry; executionLists: () => number };
  }
}

/**
 * Fastify's trustProxy from ours: `true` is a proxy on this host (loopback addresses), never "every
 * hop" — with that, a client picks its own address as X-Forwarded-For's first entry.
 */
export function trustProxyOption(t: AppContext['trustProxy']): false | string[] {
  if (t === undefined || t === false) return false;
  if (t === true) return ['loopback'];
  return t.length ? [...t] : false;
}

export async function buildApp(
  ctx: AppContext,
  opts: { logLevel?: string; logStream?: { write(line: string): void } } = {},
): Promise<FastifyInstance> {
  const app = Fastify({
    // Pino JSON lines with request ids. Credentials never reach a log line: the default request
    // serializer logs no headers, and these paths are censored should a future serializer add them.
    logger: opts.logLevel
      ? {
          level: opts.logLevel,
          redact: {
            paths: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
            censor: '[redacted]',
          },
          ...(opts.logStream ? { stream: opts.logStream } : {}),
        }
      : false,
    bodyLimit: 16 * 1024,
    trustProxy: trustProxyOption(ctx.trustProxy),
    // Query strings are parsed by Node's querystring: repeated keys become arrays, which each
    // route's schema refuses (schemas.ts).
    // Long path segments reach the route, which answers 400 naming the parameter (not a bare 414).
    routerOptions: { maxParamLength: 16_384 },
    // Each route's query and path schema (schemas.ts): values stay strings, nothing is coerced.
    ajv: AJV_OPTIONS,
  });

  registerSecurityHeaders(app);
  registerHostCheck(app, ctx.hosts ?? {}, ctx.auth.mode !== 'none');

  // Returns a Buffer for cached answers: Fastify sends Buffers as they are (its types say string).
  app.setReplySerializer(serializeReply as (payload: unknown) => string);
  const auth = await registerAuth(app, ctx.auth, ctx.nowMs);

  app.setErrorHandler((thrown, req, reply) => {
    // A value its route's schema refused: the same 400 as a check in params.ts, naming the parameter.
    const err = (thrown as FastifyError).validation ? schemaRejection(thrown as FastifyError, req) : thrown;
    if (err instanceof ApiError) {
      if (err.detail !== undefined) req.log.warn({ err: err.detail }, `${err.code}: ${err.message}`);
      reply.code(err.statusCode).send({
        error: { code: err.code, message: err.message, ...(err.param ? { param: err.param } : {}) },
      });
      return;
    }
    if (isStoreFailure(err)) {
      const e503 = storeUnavailable(err);
      req.log.warn({ err }, e503.message);
      reply.code(503).send({ error: { code: e503.code, message: e503.message } });
      return;
    }
    const e = err as { statusCode?: number; message?: string };
    if (e.statusCode && e.statusCode >= 400 && e.statusCode < 500) {
      reply.code(e.statusCode).send({ error: { code: 'bad_request', message: e.message ?? 'bad request' } });
      return;
    }
    req.log.error(err);
    reply.code(500).send({ error: { code: 'internal', message: 'internal error (see the server log)' } });
  });

  await app.register(healthRoutes, { ctx });
  const { firstLoads, ...internals } = registerApiRoutes(app, ctx, auth);
  app.decorate('dora', internals);
  app.addHook('onClose', async () => {
    internals.hub.stopAll();
    internals.alerts.stopAll();
  });
  // The default environment is watched for alerts from the start, whether or not a page is open.
  if (ctx.alerts?.background) app.addHook('onReady', async () => void internals.alerts.get(ctx.defaultEnv));

  app.setNotFoundHandler((req, reply) => {
    if (req.url.startsWith('/api/') || !ctx.webDir) {
      reply
        .code(404)
        .send({ error: { code: 'not_found', message: `no route ${req.method} ${req.url.split('?')[0]}` } });
      return;
    }
    // The web app routes in the browser: every other GET gets index.html; other methods on a page
    // path are not something a page answers.
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      reply
        .code(405)
        .header('allow', 'GET, HEAD')
        .send({ error: { code: 'method_not_allowed', message: `${req.method} is not allowed here` } });
      return;
    }
    // The deep dive and Compare come with their first screen (first-screen/serve-page.ts); every
    // other page, and any request of theirs that has none, gets index.html as it is.
    serveFirstScreen(req, reply, {
      webDir: ctx.webDir,
      defaultEnv: ctx.defaultEnv,
      nowMs: ctx.nowMs,
      loads: firstLoads,
      ...(ctx.firstScreenDeadlineMs ? { deadlineMs: ctx.firstScreenDeadlineMs } : {}),
    }).catch((err: unknown) => {
      req.log.error(err);
      if (!reply.sent) void reply.code(200).type('text/html').sendFile('index.html');
    });
  });

  if (ctx.webDir && existsSync(ctx.webDir)) {
    // wildcard: files are looked up per request, so a rebuilt web app is served without a restart.
    await app.register(fastifyStatic, {
      root: ctx.webDir,
      prefix: '/',
      index: ['index.html'],
      wildcard: true,
      cacheControl: false, // set below, per file
      // Vite names assets by content hash: they never change, so browsers may keep them for good;
      // index.html must always be revalidated to pick up a new build.
      setHeaders: (res, path) => {
        res.setHeader(
          'cache-control',
          /[\\/]assets[\\/]/.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache',
        );
      },
    });
  }
  return app;
}
