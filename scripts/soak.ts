// `npm run soak [-- --seconds 60]`: the real server under load while the simulated bot writes live.
// 200 concurrent clients for N seconds mixed across endpoints, then 500 live-update clients
// connecting and disconnecting repeatedly. Budgets: 0 errors, RSS growth < 10 % over the soak,
// event-loop delay p99 < 100 ms under load (< 250 ms across the live-update connection storm; a miss
// of these time budgets alone exits 3, anything else 1),
// every live-update client released. Exit 1 on a miss.
import { spawn } from 'node:child_process';
import http from 'node:http';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const seconds = Number(args[args.indexOf('--seconds') + 1] ?? 0) || Number(process.env['SOAK_SECONDS'] ?? 60);

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

async function metrics(base: string): Promise<{ rss: number; loopP99: number; sse: number }> {
  const text = await (await fetch(`${base}/metrics`)).text();
  const pick = (re: RegExp) => Number(re.exec(text)?.[1] ?? NaN);
  return {
    rss: pick(/^dora_process_resident_memory_bytes (\d+)/m),
    loopP99: pick(/^dora_event_loop_delay_ms\{quantile="0.99"\} ([\d.]+)/m),
    sse: pick(/^dora_sse_clients (\d+)/m),
  };
}

function openSse(base: string): Promise<http.ClientRequest> {
  return new Promise((resolve, reject) => {
    const req = http.get(`${base}/api/v1/events`, (res) => {
      res.once('data', () => resolve(req));
    });
    req.on('error', reject);
  });
}

async function main(): Promise<void> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'src/main.ts', '--memory', '--port', String(port)],
    {
      cwd: root,
      env: {
        ...process.env,
        DORA_SEED_DAYS: process.env['DORA_SEED_DAYS'] ?? '7',
        DORA_SEED_MARKETS: process.env['DORA_SEED_MARKETS'] ?? '25',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  await new Promise<void>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('Dora Dashboard on')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`server exited ${code}`)));
  });
  try {
    const markets = (
      (await (await fetch(`${base}/api/v1/markets`)).json()) as { items: { marketId: string }[] }
    ).items.map((m) => m.marketId);
    const m = encodeURIComponent(markets[0] ?? 'X');
    const paths = [
      '/api/v1/overview',
      '/api/v1/overview?days=7&tz=America/New_York',
      '/api/v1/markets',
      '/api/v1/stale',
      `/api/v1/markets/${m}`,
      `/api/v1/markets/${m}/decisions?limit=100`,
      `/api/v1/markets/${m}/fills?days=3`,
      '/api/v1/health',
      '/api/v1/risk',
    ];
    // Warm-up, so the baseline memory includes the caches a running server holds anyway.
    await autocannon({
      url: base,
      connections: 20,
      duration: 5,
      requests: paths.map((path) => ({ method: 'GET', path })),
    });
    const before = await metrics(base);
    const result = await autocannon({
      url: base,
      connections: 200,
      duration: seconds,
      requests: paths.map((path) => ({ method: 'GET', path })),
    });
    // The loop-delay budget is about serving traders under load, so it is read over the load
    // phase (the gauge covers the last 30 s of it). The connection storm below (1,500 live-update
    // clients opened in bursts of 500 on a 2-core machine) is a release check; its delay is printed
    // with its own, looser budget: 500 simultaneous handshakes are not what a page waits behind.
    const underLoad = await metrics(base);
    for (let round = 0; round < 3; round++) {
      const clients = await Promise.all(Array.from({ length: 500 }, () => openSse(base)));
      for (const c of clients) c.destroy();
      await new Promise((r) => setTimeout(r, 500));
    }
    await new Promise((r) => setTimeout(r, 1000));
    const after = await metrics(base);
    const errors = result.errors + result.non2xx + result.timeouts;
    const growth = (after.rss - before.rss) / before.rss;
    const checks = [
      { what: 'errors (errors + non-2xx + timeouts)', value: errors, ok: errors === 0 },
      { what: 'RSS growth over the soak', value: `${(growth * 100).toFixed(1)} %`, ok: growth < 0.1 },
      {
        what: 'event-loop delay p99 under load (ms)',
        value: underLoad.loopP99.toFixed(1),
        ok: underLoad.loopP99 < 100,
        time: true,
      },
      {
        what: 'event-loop delay p99 over the connection storm (ms)',
        value: after.loopP99.toFixed(1),
        ok: after.loopP99 < 250,
        time: true,
      },
      {
        what: 'live-update clients left after 3 × 500 connect/disconnect',
        value: after.sse,
        ok: after.sse === 0,
      },
    ];
    process.stdout.write(
      `soak: ${seconds} s, 200 connections, ${result.requests.total} requests, ${result.requests.average.toFixed(0)} req/s, p99 ${result.latency.p99} ms; RSS ${(before.rss / 2 ** 20).toFixed(0)} → ${(after.rss / 2 ** 20).toFixed(0)} MB\n`,
    );
    for (const c of checks) process.stdout.write(`  ${c.ok ? 'ok  ' : 'MISS'} ${c.what}: ${c.value}\n`);
    // Exit 3 when only a time budget missed (the event-loop delay, which another process on the
    // shared 2-core machine can move: CI asks once more), 1 when anything else did.
    const missed = checks.filter((c) => !c.ok);
    process.exitCode = missed.length === 0 ? 0 : missed.every((c) => 'time' in c && c.time) ? 3 : 1;
  } finally {
    child.kill('SIGTERM');
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`soak failed: ${String(err)}\n`);
  process.exit(1);
});
