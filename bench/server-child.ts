// Child process: the dashboard's API (and, with BENCH_WEB_DIR, its web app) over real HTTP, on the
// dataset's store, like `npm start --source aws` would run against a remote DynamoDB. Its own process,
// so the load generator does not share its event loop and its RSS is its own. Sends {port}.
import { buildApp } from '../src/server/app.js';
import { createReadClient } from '../src/store/client.js';

const endpoint = process.env['BENCH_ENDPOINT'];
if (!endpoint) throw new Error('BENCH_ENDPOINT is required');
const offset = Number(process.env['BENCH_CLOCK_OFFSET_MS'] ?? '0');
const client = createReadClient({
  region: 'us-east-1',
  endpoint,
  credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' },
});
const app = await buildApp({
  source: 'embedded',
  defaultEnv: 'demo',
  region: 'us-east-1',
  client,
  nowMs: () => Date.now() + offset,
  webDir: process.env['BENCH_WEB_DIR'] || null,
  auth: { mode: 'none' },
});
await app.listen({ host: '127.0.0.1', port: 0 });
process.send?.({ port: (app.server.address() as { port: number }).port });

// The parent may ask for the V8 breakdown of this process's memory, optionally after a full GC
// (started with --expose-gc), to tell retained data from heap that was merely not yet collected.
process.on('message', (m: { type?: string; gc?: boolean }) => {
  if (m.type !== 'memory') return;
  const before = process.memoryUsage();
  const gc = (globalThis as { gc?: () => void }).gc;
  if (m.gc && gc) gc();
  process.send?.({ type: 'memory', before, after: process.memoryUsage() });
});

const stop = () =>
  void app.close().then(() => {
    client.destroy();
    process.exit(0);
  });
process.once('SIGTERM', stop);
process.once('disconnect', stop);
