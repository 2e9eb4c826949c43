// Where the all-markets quality table's time and bytes go (issue 19): one cold /api/v1/quality on a
// fixed range and a fixed "now" (the dataset's), every DynamoDB request sorted by what it is for,
// the CPU of this process and of the store, and a hash of the body without `meta`, so a change to
// the reads can be checked to leave every figure as it was.
//   npx tsx bench/quality-trace.ts [D|S] [--days 7] [--out body.json] [--runs 1] [--reads light|full] [--refresh] [--like-bench]
// Run with `node --cpu-prof --import tsx bench/quality-trace.ts` for a profile of the server side.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { buildApp } from '../src/server/app.js';
import { datasetSpec, openDataset, type DatasetName } from './datasets.js';
import { unmarshallItem } from '../src/store/unmarshall.js';
import { benchReadClient, itemSize } from './recorder.js';

const args = process.argv.slice(2);
const name = (args.find((a) => a === 'D' || a === 'S') ?? 'D') as DatasetName;
const opt = (flag: string) => {
  const i = args.indexOf(flag);
  return i >= 0 ? args[i + 1] : undefined;
};
const days = Number(opt('--days') ?? 7);
const runs = Number(opt('--runs') ?? 1);
const out = opt('--out');
const reads = (opt('--reads') ?? 'light') as 'light' | 'full';
const refresh = args.includes('--refresh');
/** As the quality bench asks: `days=N` on the dataset's running clock (no fixed body to hash). */
const likeBench = args.includes('--like-bench');

function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(f[11]) + Number(f[12])) / 100;
}

/** What a request is for, from its shape (the reads of quality.ts and its helpers). */
function kindOf(input: Record<string, unknown>): string {
  const table = String(input['TableName'] ?? '-').replace(/_demo$/, '');
  const kc = String(input['KeyConditionExpression'] ?? '');
  if (table === 'dora_decision_log' && input['IndexName']) {
    if (kc.includes('BETWEEN')) return 'decisions in range (quote health)';
    if (kc.includes('<=')) return 'decision in force';
    return `decision index: ${kc}`;
  }
  return `${table}${input['IndexName'] ? `/${String(input['IndexName'])}` : ''}`;
}

function plain(item: Record<string, unknown>): Record<string, unknown> {
  try {
    return unmarshallItem(item as never);
  } catch {
    return item;
  }
}

const ds = await openDataset(datasetSpec(name, false), { reseed: false, log: (m) => console.error(m) });
try {
  const { client } = benchReadClient(ds.endpoint);
  const byKind = new Map<string, { requests: number; items: number; bytes: number }>();
  let counting = false;
  client.raw.middlewareStack.add(
    (next) => async (a) => {
      const result = await next(a);
      if (counting) {
        const input = a.input as Record<string, unknown>;
        const output = result.output as unknown as Record<string, unknown>;
        const items = (output['Items'] as Record<string, unknown>[] | undefined) ?? [];
        const k = kindOf(input);
        const row = byKind.get(k) ?? { requests: 0, items: 0, bytes: 0 };
        row.requests++;
        row.items += items.length;
        // Sized as DynamoDB sizes an item (names and values), from the unmarshalled item.
        // (The document client's answers arrive unmarshalled here, the base client's do not.)
        row.bytes += items.reduce((n, i) => n + itemSize(plain(i)), 0);
        byKind.set(k, row);
      }
      return result;
    },
    { step: 'build', name: 'qualityTrace' },
  );
  let nowMs = ds.meta.nowMs;
  const urlAt = (clockMs: number) => {
    if (likeBench) return `/api/v1/quality?env=demo&days=${days}`;
    const toMs = clockMs - 60_000;
    const fromMs = toMs - days * 86_400_000;
    return `/api/v1/quality?env=demo&from=${new Date(fromMs).toISOString()}&to=${new Date(toMs).toISOString()}`;
  };
  for (let run = 0; run < runs; run++) {
    nowMs = ds.meta.nowMs;
    const app = await buildApp(
      {
        source: 'embedded',
        defaultEnv: 'demo',
        region: 'us-east-1',
        client,
        nowMs: () => (likeBench ? ds.now() : nowMs),
        webDir: null,
        auth: { mode: 'none' },
        qualityReads: reads,
      },
      process.env['TRACE_LOG'] ? { logLevel: 'warn' } : {},
    );
    try {
      // --refresh: the same table a minute later on the same server (its caches warm), as a page
      // left open asks again.
      for (const label of refresh ? ['cold', 'refreshed a minute later'] : ['cold']) {
        if (label !== 'cold') nowMs += 60_000;
        await measure(app, urlAt(nowMs), `${name}, ${days} days, ${reads} reads, run ${run + 1}, ${label}`);
      }
    } finally {
      await app.close();
    }
  }

  async function measure(app: Awaited<ReturnType<typeof buildApp>>, url: string, label: string) {
    byKind.clear();
    const load = loadavg()[0] ?? 0;
    const cpu0 = process.cpuUsage();
    const store0 = cpuSeconds(ds.storePid);
    const t0 = performance.now();
    counting = true;
    let res = await app.inject({ method: 'GET', url });
    for (let i = 0; i < 10 && res.statusCode === 503; i++) res = await app.inject({ method: 'GET', url });
    counting = false;
    const ms = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    const storeCpu = cpuSeconds(ds.storePid) - store0;
    if (res.statusCode !== 200) throw new Error(`HTTP ${res.statusCode}: ${res.body.slice(0, 300)}`);
    const { meta: _meta, ...body } = res.json<Record<string, unknown>>();
    const text = JSON.stringify(body);
    if (out) writeFileSync(out, text);
    const total = { requests: 0, items: 0, bytes: 0 };
    console.log(`${label}: ${Math.round(ms)} ms, load ${load.toFixed(2)}`);
    for (const [k, v] of [...byKind].sort((a, b) => b[1].requests - a[1].requests)) {
      console.log(`  ${k}: ${v.requests} requests, ${v.items} items, ${(v.bytes / 1e6).toFixed(2)} MB`);
      total.requests += v.requests;
      total.items += v.items;
      total.bytes += v.bytes;
    }
    console.log(
      `  total: ${total.requests} requests, ${total.items} items, ${(total.bytes / 1e6).toFixed(2)} MB; ` +
        `CPU server ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s, store ${storeCpu.toFixed(1)} s`,
    );
    console.log(`  body sha256 (without meta): ${createHash('sha256').update(text).digest('hex')}`);
    console.log(`  warnings: ${(body['warnings'] as unknown[]).length}`);
  }
  client.destroy();
} finally {
  await ds.close();
}
