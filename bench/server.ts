// Starts the API in a child process on a dataset and reads what only the process itself knows: its
// resident memory (from /proc) and its DynamoDB request counters (from its own /metrics).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build as esbuild } from 'esbuild';
import { forkTs } from './children.js';
import type { OpenSet } from './harness.js';

export interface ServerChild {
  url: string;
  pid: number;
  /** VmRSS and VmHWM (peak) in MB. */
  memory(): { rssMb: number; peakMb: number };
  /** process.memoryUsage() of the server, before and after a full GC when `gc`. */
  heap(gc: boolean): Promise<{ before: NodeJS.MemoryUsage; after: NodeJS.MemoryUsage }>;
  /** DynamoDB requests so far, per table, as the server counts them. */
  dynamoRequests(): Promise<Record<string, number>>;
  stop(): Promise<void>;
}

/**
 * server-child.ts bundled as `npm run build` bundles src/main.ts into dist/server.js (esbuild,
 * packages external, syntax minified), so the server can be measured as production runs it: on
 * plain Node, without tsx's loader (about 26 MB of RSS on its own).
 */
async function buildServerChild(): Promise<string> {
  const out = fileURLToPath(new URL('./tmp/server-child.built.mjs', import.meta.url));
  await esbuild({
    entryPoints: [fileURLToPath(new URL('./server-child.ts', import.meta.url))],
    outfile: out,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    minifySyntax: true,
    logLevel: 'warning',
  });
  return './tmp/server-child.built.mjs';
}

export async function startServer(
  set: OpenSet,
  opts: { webDir?: string; built?: boolean } = {},
): Promise<ServerChild> {
  const child = await forkTs<{ port: number }>(
    opts.built ? await buildServerChild() : './server-child.ts',
    {
      BENCH_ENDPOINT: set.ds.endpoint,
      BENCH_CLOCK_OFFSET_MS: String(set.ds.clockOffsetMs),
      BENCH_WEB_DIR: opts.webDir ?? '',
    },
    // BENCH_SERVER_NODE_ARGS: extra Node flags for the server alone, to look into a figure
    // (e.g. "--trace-gc"); NODE_OPTIONS would reach the store and the browser's server too.
    {
      execArgv: ['--expose-gc', ...(process.env['BENCH_SERVER_NODE_ARGS'] ?? '').split(' ').filter(Boolean)],
      plainNode: opts.built ?? false,
    },
  );
  const url = `http://127.0.0.1:${child.ready.port}`;
  return {
    url,
    pid: child.pid,
    memory: () => {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? NaN);
      return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
    },
    heap: (gc) =>
      new Promise((resolve) => {
        const onMessage = (m: { type?: string; before: NodeJS.MemoryUsage; after: NodeJS.MemoryUsage }) => {
          if (m.type !== 'memory') return;
          child.proc.off('message', onMessage);
          resolve(m);
        };
        child.proc.on('message', onMessage);
        child.proc.send({ type: 'memory', gc });
      }),
    dynamoRequests: async () => {
      const text = await (await fetch(`${url}/metrics`)).text();
      const out: Record<string, number> = {};
      for (const m of text.matchAll(/^dora_dynamodb_requests_total\{table="([^"]+)"\} (\d+)/gm))
        out[m[1] as string] = Number(m[2]);
      return out;
    },
    stop: () => child.stop(),
  };
}

export function sumValues(r: Record<string, number>): number {
  return Object.values(r).reduce((a, b) => a + b, 0);
}
