// Server-Sent Events over a real socket: a new fill written to the store reaches every listener, a
// reconnect with Last-Event-ID replays what was missed, and no poller runs when nobody listens.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import type { FastifyInstance } from 'fastify';
import { testApp } from './helpers/test-app.js';
import { startTestStore, type TestStore } from './helpers/store.js';
import { NOW, putAll, tradeItem, writeHandWorkedDataset } from './helpers/fixtures.js';

let store: TestStore;
let app: FastifyInstance;
let base: string;
let now = NOW;

beforeAll(async () => {
  store = await startTestStore();
  await writeHandWorkedDataset(store.writer);
  app = await testApp(store.reader, () => now, { livePollMs: 200 });
  await app.listen({ host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
});
afterAll(async () => {
  await app.close();
  await store.close();
});

interface Sse {
  events: { id: number; event: string; data: unknown }[];
  close(): void;
  waitFor(
    pred: (e: { id: number; event: string; data: unknown }) => boolean,
    ms?: number,
  ): Promise<{ id: number; event: string; data: unknown }>;
}

function connect(path: string, headers: Record<string, string> = {}): Promise<Sse> {
  return new Promise((resolve, reject) => {
    const events: Sse['events'] = [];
    const req = http.get(
      `${base}${path}`,
      { headers: { accept: 'text/event-stream', ...headers } },
      (res) => {
        expect(res.headers['content-type']).toContain('text/event-stream');
        expect(res.headers['x-content-type-options']).toBe('nosniff');
        expect(res.headers['content-security-policy']).toContain("default-src 'self'");
        let buf = '';
        res.on('data', (chunk: Buffer) => {
          buf += chunk.toString();
          let i: number;
          while ((i = buf.indexOf('\n\n')) >= 0) {
            const block = buf.slice(0, i);
            buf = buf.slice(i + 2);
            const f = Object.fromEntries(
              block
                .split('\n')
                .filter((l) => !l.startsWith(':') && l.includes(': '))
                .map((l) => [l.slice(0, l.indexOf(': ')), l.slice(l.indexOf(': ') + 2)]),
            );
            if (f['event'])
              events.push({ id: Number(f['id']), event: f['event'], data: JSON.parse(f['data'] ?? 'null') });
          }
        });
        resolve({
          events,
          close: () => req.destroy(),
          waitFor: async (pred, ms = 8000) => {
            const deadline = Date.now() + ms;
            for (;;) {
              const hit = events.find(pred);
              if (hit) return hit;
              if (Date.now() > deadline)
                throw new Error(`no matching event in ${ms} ms; saw ${events.map((e) => e.event).join(',')}`);
              await new Promise((r) => setTimeout(r, 50));
            }
          },
        });
      },
    );
    req.on('error', reject);
  });
}

describe('GET /api/v1/events', () => {
  it('pushes heartbeat, then a fill written by the bot to every listener, and overview changes', async () => {
    const a = await connect('/api/v1/events?env=demo');
    const b = await connect('/api/v1/events');
    await a.waitFor((e) => e.event === 'heartbeat');
    expect(app.dora.hub.activePollers()).toBe(1); // one shared poller for both viewers
    now += 5_000;
    await putAll(store.writer, 'dora_trade_log_demo', [
      tradeItem({
        ms: now - 1000,
        market: 'KX-A',
        side: 'no',
        price: 0.55,
        size: 2,
        fees: 0.0086625,
        fillId: 'live-1',
        orderId: 'o-live',
      }),
    ]);
    now += 5_000; // let every cache expire so the poller re-reads
    const fa = await a.waitFor((e) => e.event === 'fill');
    const fb = await b.waitFor((e) => e.event === 'fill');
    expect((fa.data as { fillId: string }).fillId).toBe('live-1');
    expect((fb.data as { fillId: string }).fillId).toBe('live-1');
    // The round that found the fill sends the overview right after it, so only a later event counts
    // (the first round's overview, with the P&L before the fill, is also in a's list).
    type Pnl = {
      realizedTotal: number;
      botRealizedTotal: number | null;
      todayRealized: number;
      feesToday: number;
      fillsToday: number;
    };
    const hasPnl = (e: { event: string; data: unknown }) =>
      e.event === 'overview' && (e.data as { pnl?: unknown }).pnl !== undefined;
    const before = a.events.find((e) => hasPnl(e) && e.id < fa.id);
    const ov = await a.waitFor((e) => hasPnl(e) && e.id > fa.id);
    const pnlBefore = (before?.data as { pnl: Pnl } | undefined)?.pnl;
    const pnl = (ov.data as { pnl: Pnl }).pnl;
    // Before (test/api.test.ts): realized 0.3405 (KX-A) − 0.018375 (KX-C) = 0.322125; today the KX-A
    //   sell 4 @ 0.50: +0.3825, fee 0.0175, 1 fill.
    expect(pnlBefore?.realizedTotal).toBeCloseTo(0.322125, 10);
    expect(pnlBefore?.todayRealized).toBeCloseTo(0.3825, 10);
    // live-1: KX-A long 6 @ avg 0.40, sell 2 @ 0.55, fee 0.0175·2·0.55·0.45 = 0.0086625 (stored):
    //   change 2·(0.55 − 0.40) − 0.0086625 = 0.30 − 0.0086625 = +0.2913375.
    //   realized 0.322125 + 0.2913375 = 0.6134625 ($0.61); today 0.3825 + 0.2913375 = 0.6738375 ($0.67);
    //   fees today 0.0175 + 0.0086625 = 0.0261625 ($0.03); 2 fills today.
    //   The bot's positions item is not rewritten here: Σ realized_pnl stays 0.322125.
    expect((fa.data as { realizedChange: number }).realizedChange).toBeCloseTo(0.2913375, 10);
    expect(pnl.realizedTotal).toBeCloseTo(0.6134625, 10);
    expect(pnl.todayRealized).toBeCloseTo(0.6738375, 10);
    expect(pnl.feesToday).toBeCloseTo(0.0261625, 10);
    expect(pnl.fillsToday).toBe(2);
    expect(pnl.botRealizedTotal).toBeCloseTo(0.322125, 10);
    a.close();
    b.close();
  });

  it('replays missed events to a client reconnecting with Last-Event-ID', async () => {
    const a = await connect('/api/v1/events');
    const first = await a.waitFor((e) => e.event === 'heartbeat');
    a.close();
    await new Promise((r) => setTimeout(r, 100));
    now += 5_000;
    await putAll(store.writer, 'dora_trade_log_demo', [
      tradeItem({
        ms: now - 1000,
        market: 'KX-B',
        side: 'yes',
        price: 0.21,
        size: 1,
        fees: 0.0029,
        fillId: 'live-2',
        orderId: 'o-live2',
      }),
    ]);
    // A second viewer keeps the poller running while the first is away.
    const keeper = await connect('/api/v1/events');
    now += 5_000;
    await keeper.waitFor((e) => e.event === 'fill' && (e.data as { fillId: string }).fillId === 'live-2');
    const back = await connect('/api/v1/events', { 'last-event-id': String(first.id) });
    const replayed = await back.waitFor(
      (e) => e.event === 'fill' && (e.data as { fillId: string }).fillId === 'live-2',
      2000,
    );
    expect(replayed.id).toBeGreaterThan(first.id);
    keeper.close();
    back.close();
  });

  it('a newcomer after an idle spell is never sent the old heartbeat: its "now" is the server clock (issue 16 item 2)', async () => {
    const a = await connect('/api/v1/events?env=demo');
    await a.waitFor((e) => e.event === 'heartbeat');
    a.close();
    const deadline = Date.now() + 3000;
    while (app.dora.hub.activePollers() > 0 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    now += 5 * 60_000; // five minutes pass with nobody watching
    const b = await connect('/api/v1/events?env=demo');
    const hb = await b.waitFor((e) => e.event === 'heartbeat');
    expect((hb.data as { now: string }).now).toBe(new Date(now).toISOString());
    b.close();
  });

  it('stops polling when the last listener leaves', async () => {
    const a = await connect('/api/v1/events?env=prod');
    await a.waitFor((e) => e.event === 'heartbeat' || e.event === 'error');
    a.close();
    const deadline = Date.now() + 3000;
    while (app.dora.hub.activePollers() > 0 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    expect(app.dora.hub.activePollers()).toBe(0);
  });
});
