// The embedded default: dynalite on loopback with the bot's ten tables, seeded once with simulated
// history for both environments, then kept live by the simulator like the bot's loop would.
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Env } from '../core/types.js';
import { ENVS, tableName } from '../store/tables.js';
import { generateHistory } from '../sim/generate.js';
import { startLiveSimulator, type LiveSimulator } from '../sim/live.js';
import type { SimState } from '../sim/types.js';
import { writeItems } from '../sim/write.js';
import { createBotTables } from './create-tables.js';
import { startDynaliteWorker } from './dynalite-server.js';
import { startFakeKalshi, type FakeKalshi } from './fake-kalshi.js';

export interface EmbeddedOptions {
  /** null ⇒ in memory. */
  dataDir: string | null;
  seed: number;
  simulate: boolean;
  markets?: number;
  days?: number;
  log: (msg: string) => void;
  now?: () => number;
}

export interface Embedded {
  endpoint: string;
  /**
   * Per environment, the simulated Kalshi market-data API (fake-kalshi.ts): its base URL and the key
   * its settlements endpoint accepts. The market-data source uses them unless --kalshi-<env>-url is set.
   */
  kalshi: Record<Env, { url: string; credentials: { keyId: string; privateKeyPem: string } }>;
  stop(): Promise<void>;
}

function positiveInt(name: string, text: string | undefined, dflt: number): number {
  if (text === undefined || text === '') return dflt;
  if (!/^\d+$/.test(text) || Number(text) < 1)
    throw new Error(`${name} must be a positive integer, got "${text}"`);
  return Number(text);
}

async function isSeeded(doc: DynamoDBDocumentClient, env: Env): Promise<boolean> {
  const out = await doc.send(
    new GetCommand({ TableName: tableName('dora_state', env), Key: { key: 'positions' } }),
  );
  return out.Item !== undefined;
}

function statePath(dataDir: string | null, env: Env): string | null {
  return dataDir ? join(dataDir, `simulator-state-${env}.json`) : null;
}

export async function startEmbedded(opts: EmbeddedOptions): Promise<Embedded> {
  const now = opts.now ?? Date.now;
  const markets = opts.markets ?? positiveInt('DORA_SEED_MARKETS', process.env['DORA_SEED_MARKETS'], 25);
  const days = opts.days ?? positiveInt('DORA_SEED_DAYS', process.env['DORA_SEED_DAYS'], 30);
  // DORA_SEED_STOPPED_MINUTES=N: the bot "stopped" N minutes ago — the history ends then and no
  // live simulator runs, so the heartbeat ages (a stopped-bot demo, and the browser tests' case).
  const stoppedText = process.env['DORA_SEED_STOPPED_MINUTES'];
  const stoppedMs = stoppedText ? positiveInt('DORA_SEED_STOPPED_MINUTES', stoppedText, 1) * 60_000 : 0;
  const server = await startDynaliteWorker({ dataDir: opts.dataDir });
  const raw = new DynamoDBClient({
    endpoint: server.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'embedded', secretAccessKey: 'embedded' },
  });
  const doc = DynamoDBDocumentClient.from(raw, { marshallOptions: { removeUndefinedValues: true } });
  const created = await createBotTables(raw);
  if (created.length) opts.log(`embedded store: created ${created.length} tables`);

  const states = new Map<Env, SimState>();
  for (const env of ENVS) {
    const saved = statePath(opts.dataDir, env);
    if (await isSeeded(doc, env)) {
      if (saved && existsSync(saved)) states.set(env, JSON.parse(readFileSync(saved, 'utf8')) as SimState);
      continue;
    }
    const started = performance.now();
    const history = generateHistory({ seed: opts.seed, env, nowMs: now() - stoppedMs, markets, days });
    const report = await writeItems(doc, env, history.items);
    const total = Object.values(report.counts).reduce((a, b) => a + b, 0);
    opts.log(
      `embedded store: seeded ${env} with ${total.toLocaleString('en-US')} items (${markets} markets × ${days} days) in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    states.set(env, history.state);
    if (saved) writeFileSync(saved, JSON.stringify(history.state));
  }

  const live: LiveSimulator[] = [];
  const persist = (env: Env) => {
    const path = statePath(opts.dataDir, env);
    const sim = live[ENVS.indexOf(env)];
    if (!path || !sim) return;
    writeFileSync(`${path}.tmp`, JSON.stringify(sim.snapshot()));
    renameSync(`${path}.tmp`, path); // atomic: a crash mid-write leaves the previous state whole
  };
  if (stoppedMs > 0)
    opts.log(
      `embedded store: the simulated bot stopped ${stoppedMs / 60_000} min ago (DORA_SEED_STOPPED_MINUTES)`,
    );
  if (opts.simulate && stoppedMs === 0) {
    for (const env of ENVS) {
      live.push(
        startLiveSimulator({
          doc,
          env,
          seed: opts.seed,
          nowFn: now,
          markets,
          days,
          ...(states.has(env) ? { state: states.get(env) } : {}),
          onError: (err) => opts.log(`simulator (${env}): ${(err as Error).message}`),
          // Keep the saved state close to what is in the store, so a restart (even after kill -9)
          // carries on consistently instead of rewriting positions from an older state.
          onLoop: ({ loop }) => {
            if (loop % 10 === 0) persist(env);
          },
        }),
      );
    }
    opts.log('embedded store: simulated bot running (a decision per market every ~5 s)');
  }

  // Kalshi's market data for the simulated markets, on loopback: titles, close times, settlements.
  const fakes = new Map<Env, FakeKalshi>();
  for (const env of ENVS) {
    const state = states.get(env) ?? live[ENVS.indexOf(env)]?.snapshot();
    fakes.set(
      env,
      await startFakeKalshi({
        specs: state?.markets.map((m) => m.spec) ?? [],
        positions: state?.positions ?? {},
        now,
      }),
    );
  }
  const kalshi = Object.fromEntries(
    [...fakes].map(([env, f]) => [env, { url: f.url, credentials: f.credentials }]),
  ) as Embedded['kalshi'];

  return {
    endpoint: server.endpoint,
    kalshi,
    stop: async () => {
      await Promise.all([...fakes.values()].map((f) => f.close()));
      await Promise.all(live.map((l) => l.stop()));
      for (const env of ENVS) persist(env);
      raw.destroy();
      await server.close();
    },
  };
}
