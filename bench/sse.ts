// Live events: 500 SSE clients on GET /api/v1/events (server in a child process, default 3 s
// poll), one fill written to the store as the bot would, and the time until every client has it.
// Several trials at random moments of the poll cycle; the budget (≤ 2 s) is checked on the slowest.
// The test fills are deleted afterwards (temp-fills.ts).
import http from 'node:http';
import type { Bench } from './harness.js';
import { startServer } from './server.js';
import { max, median, sleep } from './stats.js';
import { fillItem, TempFills } from './temp-fills.js';

const SUITE = 'sse';

interface Client {
  /** When each fill id arrived (performance.now()). */
  seen: Map<string, number>;
  heartbeats: number;
  close(): void;
}

function connect(url: string, agent: http.Agent): Promise<Client> {
  return new Promise((resolve, reject) => {
    const seen = new Map<string, number>();
    const client: Client = { seen, heartbeats: 0, close: () => req.destroy() };
    const req = http.get(url, { agent, headers: { accept: 'text/event-stream' } }, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`events answered ${res.statusCode}`));
      let buf = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buf += chunk;
        let i: number;
        while ((i = buf.indexOf('\n\n')) >= 0) {
          const block = buf.slice(0, i);
          buf = buf.slice(i + 2);
          if (block.includes('event: heartbeat')) client.heartbeats++;
          if (block.includes('event: fill')) {
            const m = /"fillId":"([^"]+)"/.exec(block);
            if (m) seen.set(m[1] as string, performance.now());
          }
        }
      });
      resolve(client);
    });
    req.on('error', reject);
  });
}

export async function sseSuite(bench: Bench): Promise<void> {
  const set = await bench.dataset('S');
  const clientsWanted = 500;
  const trials = bench.quick ? 3 : 5;
  const server = await startServer(set);
  const agent = new http.Agent({ keepAlive: false, maxSockets: Infinity });
  const temp = new TempFills(set);
  const clients: Client[] = [];
  try {
    for (let i = 0; i < clientsWanted; i += 50) {
      clients.push(
        ...(await Promise.all(
          Array.from({ length: 50 }, () => connect(`${server.url}/api/v1/events?env=demo`, agent)),
        )),
      );
    }
    // Wait for the shared poller's first round to reach everyone (it primes what counts as new).
    const deadline = performance.now() + 30_000;
    while (clients.some((c) => c.heartbeats === 0) && performance.now() < deadline) await sleep(100);
    const latencies: number[] = [];
    const reached: number[] = [];
    for (let t = 0; t < trials; t++) {
      await sleep(500 + Math.random() * 3_000);
      const item = fillItem(set.ds.now(), set.discovery.busiestFills.market);
      const fillId = item.fill_id;
      const started = performance.now();
      await temp.put([item]);
      const until = performance.now() + 15_000;
      while (clients.some((c) => !c.seen.has(fillId)) && performance.now() < until) await sleep(20);
      const times = clients.map((c) => c.seen.get(fillId)).filter((x): x is number => x !== undefined);
      reached.push(times.length);
      latencies.push(times.length === clients.length ? max(times) - started : Infinity);
    }
    bench.report.table(
      SUITE,
      `Live events on ${set.label}: ${clients.length} SSE clients, one fill written per trial (server in a child process, default 3 s poll)`,
      ['trial', 'clients notified', 'all notified after ms'],
      latencies.map((l, i) => [i + 1, reached[i] ?? 0, Number.isFinite(l) ? l : 'not all in 15 s']),
    );
    bench.report.fact(SUITE, 'latenciesMs', latencies);
    bench.report.check({
      suite: SUITE,
      dataset: set.label,
      what: `${clients.length} SSE clients: one fill written → all notified (slowest of ${trials}; median ${median(latencies).toFixed(0)} ms)`,
      value: max(latencies),
      unit: 'ms',
      op: '<=',
      limit: 2000,
      digits: 0,
    });
  } finally {
    for (const c of clients) c.close();
    agent.destroy();
    await temp.removeAll();
    await server.stop();
  }
}
