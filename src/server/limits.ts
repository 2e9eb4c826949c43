// Caps on what one client, and everyone together, may hold open at once: live-update streams (each
// holds a socket and a listener for as long as it stays) and exports (each may read a month of a
// market's decisions). Past a cap the request is refused at once — 429 when that client holds too
// many, 503 when the server does — instead of queueing work nobody can bound.
//
// Per-client caps count a client by its address (client-address.ts). A loopback peer is exempt from
// them: it is a local user or a proxy on this host, whose clients all share 127.0.0.1 unless
// --trust-proxy tells them apart; the total caps still hold.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Client } from './client-address.js';
import { clientOf } from './client-address.js';

export interface RequestLimits {
  /** Live-update (SSE) streams open at once from one client. */
  ssePerClient: number;
  /** Live-update streams open at once in total. */
  sseTotal: number;
  /** Exports (format=csv or xlsx) in progress at once from one client. */
  exportsPerClient: number;
  /** Exports in progress at once in total. */
  exportsTotal: number;
}

export const DEFAULT_LIMITS: RequestLimits = {
  ssePerClient: 20,
  sseTotal: 1_000,
  exportsPerClient: 2,
  exportsTotal: 4,
};

/** Counted slots with a per-client and a total cap. */
export class Slots {
  private total = 0;
  private readonly byClient = new Map<string, number>();
  constructor(
    private readonly perClient: number,
    private readonly max: number,
  ) {}

  /** A release function for the slot taken, or which cap is full. */
  take(client: Client): (() => void) | 'client' | 'total' {
    const held = this.byClient.get(client.key) ?? 0;
    if (!client.loopback && held >= this.perClient) return 'client';
    if (this.total >= this.max) return 'total';
    this.total++;
    this.byClient.set(client.key, held + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.total--;
      const left = (this.byClient.get(client.key) ?? 1) - 1;
      if (left > 0) this.byClient.set(client.key, left);
      else this.byClient.delete(client.key);
    };
  }

  get inUse(): number {
    return this.total;
  }
}

/** The refusal for a full cap: 429 for the client's own, 503 for the server's. */
export function refuse(reply: FastifyReply, full: 'client' | 'total', what: string): FastifyReply {
  const own = full === 'client';
  return reply
    .code(own ? 429 : 503)
    .header('retry-after', own ? '10' : '5')
    .send({
      error: {
        code: own ? 'too_many_requests' : 'server_busy',
        message: own
          ? `too many ${what} open from this client; close one and try again`
          : `the server has as many ${what} open as it allows; try again shortly`,
      },
    });
}

function isExport(query: unknown): boolean {
  const format = (query as Record<string, unknown> | null)?.['format'];
  return format === 'csv' || format === 'xlsx';
}

/** Caps concurrent exports; a slot is held until the response is finished or the client goes. */
export function registerExportLimit(app: FastifyInstance, limits: RequestLimits): Slots {
  const slots = new Slots(limits.exportsPerClient, limits.exportsTotal);
  app.addHook('preHandler', async (req, reply) => {
    if (!req.url.startsWith('/api/') || !isExport(req.query)) return;
    const slot = slots.take(clientOf(req));
    if (typeof slot === 'string') return refuse(reply, slot, 'exports');
    reply.raw.once('finish', slot);
    reply.raw.once('close', slot);
    return undefined;
  });
  return slots;
}
