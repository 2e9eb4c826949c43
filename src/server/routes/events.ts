// GET /api/v1/events — Server-Sent Events: overview (changed figures), decision, fill, heartbeat.
import type { ServerResponse } from 'node:http';
import type { FastifyPluginAsync } from 'fastify';
import type { AppContext } from '../context.js';
import type { LiveHub } from '../live.js';
import { envParam } from '../params.js';
import { clientOf } from '../client-address.js';
import { refuse, type Slots } from '../limits.js';
import * as S from '../schemas.js';

/** `streams`: the live-update streams' caps (limits.ts). */
export const eventRoutes: FastifyPluginAsync<{ ctx: AppContext; hub: LiveHub; streams: Slots }> = async (
  app,
  { ctx, hub, streams },
) => {
  // Streams are hijacked from Fastify, so the server must end them itself — before it waits for
  // open connections to finish (preClose), or an idle viewer would hold shutdown forever.
  const open = new Set<ServerResponse>();
  app.addHook('preClose', async () => {
    for (const res of open) res.end();
  });
  app.get('/api/v1/events', { schema: { querystring: S.query({ env: S.env }) } }, async (req, reply) => {
    const env = envParam(req.query, ctx.defaultEnv);
    const header = req.headers['last-event-id'];
    const lastEventId = typeof header === 'string' && /^\d+$/.test(header) ? Number(header) : null;
    // Each stream holds a socket and a listener for as long as it stays open: capped per client and
    // in total (limits.ts).
    const release = streams.take(clientOf(req));
    if (typeof release === 'string') return refuse(reply, release, 'live-update streams');
    reply.hijack();
    const res = reply.raw;
    open.add(res);
    res.writeHead(200, {
      // The security headers set on the reply (hijacked replies do not send them by themselves).
      ...(reply.getHeaders() as Record<string, string>),
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    res.write(`retry: 3000\n: connected to ${env}\n\n`);
    const unsubscribe = hub.poller(env).subscribe((e) => {
      res.write(`id: ${e.id}\nevent: ${e.type}\ndata: ${JSON.stringify(e.data)}\n\n`);
    }, lastEventId);
    // A comment every 15 s keeps proxies from closing an idle stream.
    const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), 15_000);
    req.raw.on('close', () => {
      release();
      clearInterval(keepAlive);
      unsubscribe();
      open.delete(res);
    });
  });
};
