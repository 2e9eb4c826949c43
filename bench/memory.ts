// Server memory on L (200 markets × 90 days): the API in a child process serves every page — the
// overview and stale lists, then for 20 markets their header, fills, decisions, executions and
// analytics — then 10 s of 50 clients on the overview; its RSS is read from /proc afterwards.
// Budget: RSS ≤ 300 MB at the end (the peak is shown too). The server runs as production runs it
// (Dockerfile, systemd unit: `node dist/server.js`): bundled by esbuild, on plain Node — not under
// tsx, whose loader alone adds ~26 MB (`npm start` from source).
import autocannon from 'autocannon';
import type { Bench } from './harness.js';
import { startServer, sumValues } from './server.js';
import { sleep } from './stats.js';

const SUITE = 'memory';

export async function memorySuite(bench: Bench): Promise<void> {
  const set = await bench.dataset('L');
  const server = await startServer(set, { built: true });
  try {
    const idle = server.memory();
    const enc = encodeURIComponent;
    const failures: string[] = [];
    const timings: (string | number)[][] = [];
    const hit = async (path: string, label: string) => {
      const started = performance.now();
      const res = await fetch(`${server.url}${path}`);
      await res.arrayBuffer();
      if (!res.ok) failures.push(`${res.status} ${path}`);
      if (label) timings.push([label, res.status, performance.now() - started, server.memory().rssMb]);
    };
    const before = await server.dynamoRequests();
    await hit('/api/v1/overview?env=demo', 'overview (cold, real HTTP)');
    const coldRequests = sumValues(await server.dynamoRequests()) - sumValues(before);
    await hit('/api/v1/overview?env=demo', 'overview (warm)');
    await hit('/api/v1/stale?env=demo', 'stale');
    await hit('/api/v1/markets?env=demo', 'markets');
    const markets = set.discovery.watched.slice(0, bench.quick ? 5 : 20);
    for (const m of markets) {
      const p = `/api/v1/markets/${enc(m)}`;
      for (const [suffix, label] of [
        ['', 'market'],
        ['/fills?days=90', 'fills 90 days'],
        ['/decisions?limit=200', 'decisions page'],
        ['/executions', 'executions'],
        ['/analytics?days=30', 'analytics 30 days'],
      ] as const) {
        await hit(`${p}${suffix}${suffix.includes('?') ? '&' : '?'}env=demo`, m === markets[0] ? label : '');
      }
    }
    await autocannon({
      url: `${server.url}/api/v1/overview?env=demo`,
      connections: 50,
      duration: bench.quick ? 3 : 10,
    });
    await sleep(1_000);
    const end = server.memory();
    // Informational, after the budget's figure is taken: how much of it a full GC gives back.
    const heap = await server.heap(true);
    const afterGc = server.memory();
    const mb = (n: number) => n / 1024 / 1024;
    bench.report.table(
      SUITE,
      `Requests on ${set.label} (${set.discovery.watched.length} markets, ${set.discovery.fills.toLocaleString('en-US')} fills; real HTTP, first market shown)`,
      ['request', 'status', 'ms', 'RSS MB after'],
      timings,
    );
    bench.report.table(
      SUITE,
      `Server memory on ${set.label} (production build: esbuild bundle on plain Node, child process, /proc)`,
      ['when', 'RSS MB', 'peak RSS MB'],
      [
        ['after start', idle.rssMb, idle.peakMb],
        [`after ${markets.length} markets × 5 pages and 10 s of load`, end.rssMb, end.peakMb],
        ['then after a forced full GC (informational)', afterGc.rssMb, afterGc.peakMb],
      ],
    );
    bench.report.table(
      SUITE,
      'Server V8 memory at the end (MB), before and after a forced full GC',
      ['', 'heap used', 'heap total', 'external', 'array buffers'],
      [
        [
          'before GC',
          mb(heap.before.heapUsed),
          mb(heap.before.heapTotal),
          mb(heap.before.external),
          mb(heap.before.arrayBuffers),
        ],
        [
          'after GC',
          mb(heap.after.heapUsed),
          mb(heap.after.heapTotal),
          mb(heap.after.external),
          mb(heap.after.arrayBuffers),
        ],
      ],
    );
    bench.report.fact(SUITE, 'memory', {
      idle,
      end,
      afterGc,
      heap,
      coldOverviewRequests: coldRequests,
      failures,
    });
    if (failures.length)
      bench.report.fail(
        SUITE,
        set.label,
        'every page answers 200',
        '0 failures',
        failures.slice(0, 5).join('; '),
      );
    bench.report.check({
      suite: SUITE,
      dataset: set.label,
      what: `server RSS after the run, production build (peak ${end.peakMb.toFixed(0)} MB; cold overview made ${coldRequests} DynamoDB requests)`,
      value: end.rssMb,
      unit: 'MB',
      op: '<=',
      limit: 300,
    });
  } finally {
    await server.stop();
  }
}
