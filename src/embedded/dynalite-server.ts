// The embedded store: dynalite (a real DynamoDB implementation on LevelDB) in this process,
// bound to loopback only. With a data dir it persists, so a restart keeps history.
import type { AddressInfo } from 'node:net';
import { mkdirSync } from 'node:fs';
import dynalite from 'dynalite';

export interface EmbeddedServer {
  endpoint: string;
  port: number;
  close(): Promise<void>;
}

export async function startDynalite(opts: {
  dataDir?: string | null;
  port?: number;
}): Promise<EmbeddedServer> {
  if (opts.dataDir) mkdirSync(opts.dataDir, { recursive: true });
  const server = dynalite({
    ...(opts.dataDir ? { path: opts.dataDir } : {}),
    createTableMs: 0,
    deleteTableMs: 0,
    updateTableMs: 0,
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}

/** The same store in a worker thread (what `npm start` uses): see dynalite-worker.mjs. */
export async function startDynaliteWorker(opts: { dataDir?: string | null }): Promise<EmbeddedServer> {
  const { Worker } = await import('node:worker_threads');
  const worker = new Worker(new URL('./dynalite-worker.mjs', import.meta.url), {
    workerData: { dataDir: opts.dataDir ?? null },
  });
  const port = await new Promise<number>((resolve, reject) => {
    worker.once('message', (m: { port: number }) => resolve(m.port));
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`embedded store worker exited (${code})`)));
  });
  return {
    endpoint: `http://127.0.0.1:${port}`,
    port,
    close: async () => {
      const closed = new Promise<void>((resolve) => worker.once('message', () => resolve()));
      worker.postMessage('close');
      await Promise.race([closed, new Promise((r) => setTimeout(r, 5_000))]);
      await worker.terminate();
    },
  };
}
