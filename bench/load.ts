// 200 concurrent clients on GET /api/v1/overview for 20 s over real HTTP (autocannon in this
// process; the server in its own child process; the store in another). Budgets: ≥ 1,000 req/s,
// p99 ≤ 250 ms, 0 errors, and DynamoDB touched about once per cache TTL (3 s), counted from the
// server's own /metrics: one dora_state BatchGetItem per refresh of the environment's data.
import autocannon from 'autocannon';
import type { Bench, OpenSet } from './harness.js';
import { startServer, sumValues } from './server.js';

const SUITE = 'load';
const TTL_S = 3;
const SLOW_MS = 250;

/**
 * autocannon, also noting when each slow response (> 250 ms) completed: if they come in one burst
 * per data refresh, every client waits on the refresh (rather than being served the old answer).
 */
function runAutocannon(opts: autocannon.Options): Promise<{ result: autocannon.Result; slowAt: number[] }> {
  const slowAt: number[] = [];
  return new Promise((resolve, reject) => {
    const instance = autocannon(opts, (err: unknown, result) =>
      err ? reject(err instanceof Error ? err : new Error(String(err))) : resolve({ result, slowAt }),
    );
    instance.on('response', (_client, _status, _bytes, responseTime) => {
      if (responseTime > SLOW_MS) slowAt.push(performance.now());
    });
  });
}

/** Groups times (ms) into bursts separated by more than a second. */
function bursts(times: number[]): number {
  let n = 0;
  let last = -Infinity;
  for (const t of [...times].sort((a, b) => a - b)) {
    if (t - last > 1_000) n++;
    last = t;
  }
  return n;
}

async function runLoad(bench: Bench, set: OpenSet): Promise<void> {
  const seconds = bench.quick ? 5 : 20;
  const connections = 200;
  const server = await startServer(set);
  try {
    const url = `${server.url}/api/v1/overview?env=demo`;
    // One request first: the load measures a running server, not its first cold answer.
    const first = await fetch(url);
    if (!first.ok) throw new Error(`overview answered ${first.status}`);
    const before = await server.dynamoRequests();
    const { result, slowAt } = await runAutocannon({ url, connections, duration: seconds, timeout: 10 });
    const after = await server.dynamoRequests();
    const requests = sumValues(after) - sumValues(before);
    const state = (after['dora_state_demo'] ?? 0) - (before['dora_state_demo'] ?? 0);
    const errors = result.errors + result.timeouts + result.non2xx;
    const rps = result.requests.total / seconds;
    bench.report.table(
      SUITE,
      `Overview under load on ${set.label}: ${connections} connections × ${seconds} s (autocannon, real HTTP, server in a child process)`,
      [
        'set',
        'requests',
        'req/s',
        'p50 ms',
        'p99 ms',
        'max ms',
        'errors',
        'DynamoDB req',
        'refreshes',
        'req/refresh',
        `> ${SLOW_MS} ms`,
        'in bursts',
      ],
      [
        [
          set.label,
          result.requests.total,
          rps,
          result.latency.p50,
          result.latency.p99,
          result.latency.max,
          errors,
          requests,
          state,
          state ? requests / state : NaN,
          slowAt.length,
          bursts(slowAt),
        ],
      ],
    );
    bench.report.fact(SUITE, set.label, {
      rps,
      latency: result.latency,
      errors: { errors: result.errors, timeouts: result.timeouts, non2xx: result.non2xx },
      dynamo: { requests, refreshes: state },
      slow: { count: slowAt.length, bursts: bursts(slowAt) },
    });
    const r = bench.report;
    r.check({
      suite: SUITE,
      dataset: set.label,
      what: `${connections} clients: throughput`,
      value: rps,
      unit: 'req/s',
      op: '>=',
      limit: 1000,
    });
    r.check({
      suite: SUITE,
      dataset: set.label,
      what: `${connections} clients: p99 latency`,
      value: result.latency.p99,
      unit: 'ms',
      op: '<=',
      limit: 250,
    });
    r.check({
      suite: SUITE,
      dataset: set.label,
      what: `${connections} clients: errors (incl. timeouts, non-2xx)`,
      value: errors,
      op: '==',
      limit: 0,
    });
    r.check({
      suite: SUITE,
      dataset: set.label,
      what: `${connections} clients: data refreshes in ${seconds} s (one per ${TTL_S} s TTL)`,
      value: state,
      op: '<=',
      limit: Math.ceil(seconds / TTL_S) + 1,
      note: `${requests} DynamoDB requests in all`,
    });
  } finally {
    await server.stop();
  }
}

export async function loadSuite(bench: Bench): Promise<void> {
  for (const name of ['S', 'D'] as const) await runLoad(bench, await bench.dataset(name));
}
