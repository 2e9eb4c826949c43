// The three datasets, made by the simulator and kept on disk (dynalite data dirs under
// bench/data/<name>) so reruns skip seeding. A dataset is reused only when its metadata says it is
// complete and was made by the same generator source and the same options; otherwise it is re-made.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createBotTables } from '../src/embedded/create-tables.js';
import { generateHistory, type GenerateOptions } from '../src/sim/generate.js';
import { createWriterClient } from '../src/sim/client.js';
import { writeItems } from '../src/sim/write.js';
import { forkTs, waitIdle, type Child } from './children.js';

export type DatasetName = 'S' | 'D' | 'L';

export interface DatasetSpec {
  name: DatasetName;
  /** Directory name under bench/data (quick variants live beside the full ones). */
  dir: string;
  gen: Omit<GenerateOptions, 'seed' | 'env' | 'nowMs'>;
  /** Minimum item counts the issue asks of this dataset. */
  requires: { decisions?: number; executions?: number };
  describe: string;
}

const SEED = 42;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const FULL: Record<DatasetName, DatasetSpec> = {
  S: {
    name: 'S',
    dir: 'S',
    gen: { markets: 25, days: 30 },
    requires: {},
    describe: '25 markets × 30 days, default cadence',
  },
  D: {
    name: 'D',
    dir: 'D',
    // A decision per market every 10 s over the newest 36 h (plus the 30-min history before): ≈ 500k
    // decisions, and > 10,000 in 30 days for the busiest markets, so the deep dive can scroll 10,000.
    gen: { markets: 50, days: 30, recentCadenceMs: 10_000, recentWindowMs: 36 * HOUR },
    requires: { decisions: 250_000, executions: 20_000 },
    describe: '50 markets × 30 days, a decision every 10 s in the newest 36 h',
  },
  L: {
    name: 'L',
    dir: 'L',
    // Sparse decisions (every 6 h) for 88 days keep fills at their normal rate; the last 2 days at
    // the simulator's normal 30-min history cadence.
    gen: {
      markets: 200,
      days: 90,
      historyCadenceMs: 6 * HOUR,
      recentCadenceMs: 30 * 60_000,
      recentWindowMs: 2 * DAY,
    },
    requires: {},
    describe: '200 markets × 90 days of fills and state, decisions every 30 min in the last 2 days',
  },
};

const QUICK: Record<DatasetName, DatasetSpec> = {
  S: {
    name: 'S',
    dir: 'S-quick',
    gen: { markets: 10, days: 7 },
    requires: {},
    describe: '10 markets × 7 days',
  },
  D: {
    name: 'D',
    dir: 'D-quick',
    gen: { markets: 10, days: 7, recentCadenceMs: 10_000, recentWindowMs: 12 * HOUR },
    requires: { decisions: 25_000, executions: 2_000 },
    describe: '10 markets × 7 days, a decision every 10 s in the newest 12 h',
  },
  L: {
    name: 'L',
    dir: 'L-quick',
    gen: {
      markets: 40,
      days: 30,
      historyCadenceMs: 6 * HOUR,
      recentCadenceMs: 30 * 60_000,
      recentWindowMs: 2 * DAY,
    },
    requires: {},
    describe: '40 markets × 30 days of fills and state',
  },
};

export function datasetSpec(name: DatasetName, quick: boolean): DatasetSpec {
  return (quick ? QUICK : FULL)[name];
}

export const DATA_ROOT = fileURLToPath(new URL('./data/', import.meta.url));
const SIM_DIR = fileURLToPath(new URL('../src/sim/', import.meta.url));
const META_FILE = 'bench-dataset.json';

export interface DatasetMeta {
  name: DatasetName;
  version: string;
  complete: boolean;
  nowMs: number;
  createdAt: string;
  counts: Record<string, number>;
  generateSeconds: number;
  writeSeconds: number;
  /** Set while the SSE suite has a test fill in the store; a crash leaves it, and the set is re-made. */
  dirty?: boolean;
}

function simSources(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) {
      if (name !== 'testing') out.push(...simSources(p));
    } else if (name.endsWith('.ts') && !name.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

/**
 * The generator's version: a hash of the simulator's source with whitespace and trailing commas
 * removed (so a reformat does not force a 5-minute reseed), plus the dataset's options.
 */
export function generatorVersion(spec: DatasetSpec): string {
  const h = createHash('sha256');
  for (const file of simSources(SIM_DIR)) {
    h.update(file.slice(SIM_DIR.length));
    h.update(
      readFileSync(file, 'utf8')
        .replace(/\s+/g, '')
        .replace(/,(?=[)\]}])/g, ''),
    );
  }
  h.update(JSON.stringify({ seed: SEED, gen: spec.gen }));
  return h.digest('hex').slice(0, 16);
}

export interface Dataset {
  spec: DatasetSpec;
  endpoint: string;
  meta: DatasetMeta;
  reused: boolean;
  /** Store process id (dynalite). */
  storePid: number;
  /** The dataset's clock: "now" of the history, advancing in real time from when it was opened. */
  now(): number;
  clockOffsetMs: number;
  markDirty(dirty: boolean): void;
  close(): Promise<void>;
}

function readMeta(dir: string): DatasetMeta | null {
  const p = join(dir, META_FILE);
  if (!existsSync(p)) return null;
  try {
    return JSON.parse(readFileSync(p, 'utf8')) as DatasetMeta;
  } catch {
    return null;
  }
}

function startStore(dir: string): Promise<Child<{ endpoint: string }>> {
  // BENCH_STORE_NODE_ARGS: Node flags for the store alone, to look into its CPU (e.g. "--cpu-prof
  // --cpu-prof-dir=/tmp/prof": dynalite's time went to LevelDB iteration, big.js and item sizing).
  return forkTs<{ endpoint: string }>(
    './store-child.ts',
    { BENCH_DATA_DIR: dir },
    { execArgv: (process.env['BENCH_STORE_NODE_ARGS'] ?? '').split(' ').filter(Boolean) },
  );
}

async function seed(spec: DatasetSpec, dir: string, version: string, log: (m: string) => void) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const store = await startStore(dir);
  const raw = new DynamoDBClient({
    endpoint: store.ready.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' },
  });
  await createBotTables(raw);
  raw.destroy();
  // Whole minutes, so the dataset's "now" is a readable instant in the metadata.
  const nowMs = Math.floor(Date.now() / 60_000) * 60_000;
  let t = performance.now();
  // Without the demo's dense stretch around now − 7 d (src/sim/mark-windows.ts): the datasets keep
  // the shapes and counts their budgets and docs/performance.md were set on.
  const history = generateHistory({ seed: SEED, env: 'demo', nowMs, markLookbackDays: [], ...spec.gen });
  const generateSeconds = (performance.now() - t) / 1000;
  const counts = { ...history.stats.counts } as Record<string, number>;
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  log(
    `dataset ${spec.name}: generated ${total.toLocaleString('en-US')} items in ${generateSeconds.toFixed(1)} s; writing…`,
  );
  const writer = createWriterClient({ endpoint: store.ready.endpoint });
  let nextReport = 0.25;
  t = performance.now();
  await writeItems(writer, 'demo', history.items, {
    concurrency: 8,
    onProgress: (written, all) => {
      if (written / all >= nextReport) {
        log(
          `dataset ${spec.name}: ${Math.round((100 * written) / all)} % written (${((performance.now() - t) / 1000).toFixed(0)} s)`,
        );
        nextReport += 0.25;
      }
    },
  });
  const writeSeconds = (performance.now() - t) / 1000;
  writer.destroy();
  const meta: DatasetMeta = {
    name: spec.name,
    version,
    complete: true,
    nowMs,
    createdAt: new Date().toISOString(),
    counts,
    generateSeconds,
    writeSeconds,
  };
  writeFileSync(join(dir, META_FILE), JSON.stringify(meta, null, 2));
  return { store, meta };
}

function whyStale(meta: DatasetMeta, version: string): string {
  if (meta.dirty) return 'still holds temporary bench fills';
  if (meta.version !== version) return 'was made by another generator version';
  return 'is incomplete';
}

/** Opens a dataset (seeding it first when missing, stale or incomplete) with its store running. */
export async function openDataset(
  spec: DatasetSpec,
  opts: { reseed: boolean; log: (m: string) => void },
): Promise<Dataset> {
  const dir = join(DATA_ROOT, spec.dir);
  const version = generatorVersion(spec);
  const existing = readMeta(dir);
  const reusable = !opts.reseed && existing?.complete && !existing.dirty && existing.version === version;
  let store: Child<{ endpoint: string }>;
  let meta: DatasetMeta;
  if (reusable && existing) {
    store = await startStore(dir);
    meta = existing;
    opts.log(`dataset ${spec.name}: reusing bench/data/${spec.dir} (generator ${version})`);
  } else {
    opts.log(
      `dataset ${spec.name}: seeding ${spec.describe} into bench/data/${spec.dir}` +
        (opts.reseed ? ' (--reseed)' : existing ? ` (cached one ${whyStale(existing, version)})` : ''),
    );
    ({ store, meta } = await seed(spec, dir, version, opts.log));
  }
  const settled = await waitIdle(store.pid);
  if (!settled.idle)
    opts.log(
      `dataset ${spec.name}: store still busy after ${(settled.waitedMs / 1000).toFixed(0)} s; measuring anyway`,
    );
  const clockOffsetMs = meta.nowMs - Date.now();
  return {
    spec,
    endpoint: store.ready.endpoint,
    meta,
    reused: Boolean(reusable),
    storePid: store.pid,
    now: () => Date.now() + clockOffsetMs,
    clockOffsetMs,
    markDirty: (dirty) => {
      meta.dirty = dirty;
      writeFileSync(join(dir, META_FILE), JSON.stringify(meta, null, 2));
    },
    close: () => store.stop(),
  };
}
