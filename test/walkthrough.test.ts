// The issue's "done when": an operator follows only docs/operations.md (the README's "Pointing it at
// the bot's real tables" links there). In a folder of their own they put a
// dora-dashboard.toml and the previous dashboard's .streamlit/secrets.toml, point the SDK at a
// DynamoDB endpoint (here a local one holding the hand-worked dataset), start with --source aws, and
// get the right figures over HTTP — from source (`npm start`) and from the built dist/ alike.
// --print-config shows where each value came from and never the secret key.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { startDynalite, type EmbeddedServer } from '../src/embedded/dynalite-server.js';
import { createBotTables } from '../src/embedded/create-tables.js';
import { writeHandWorkedDataset } from './helpers/fixtures.js';
import { cleanEnv, freePort, ROOT, runOnce, startChild, TSX } from './helpers/child-server.js';

const SECRET = 'wAlKtHrOuGh/Secret+Key/never-printed-0123456789';
const KEY_ID = 'AKIAWALKTHROUGH00042';

let store: EmbeddedServer;
let dir: string;
let port: number;
let env: Record<string, string>;

beforeAll(async () => {
  store = await startDynalite({});
  const raw = new DynamoDBClient({
    endpoint: store.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'bot', secretAccessKey: 'bot' },
  });
  await createBotTables(raw);
  await writeHandWorkedDataset(
    DynamoDBDocumentClient.from(raw, { marshallOptions: { removeUndefinedValues: true } }),
  );
  raw.destroy();

  dir = mkdtempSync(join(tmpdir(), 'dora-walkthrough-'));
  port = await freePort();
  writeFileSync(
    join(dir, 'dora-dashboard.toml'),
    `# the dashboard's settings\nenv = "demo"\nport = ${port}\nlog_level = "warn"\n`,
    { mode: 0o600 },
  );
  mkdirSync(join(dir, '.streamlit'));
  writeFileSync(
    join(dir, '.streamlit', 'secrets.toml'),
    `AWS_ACCESS_KEY_ID = "${KEY_ID}"\nAWS_SECRET_ACCESS_KEY = "${SECRET}"\nAWS_DEFAULT_REGION = "us-east-1"\n\n[other_app]\npassword = "unrelated"\n`,
    { mode: 0o600 },
  );
  env = cleanEnv({ AWS_ENDPOINT_URL_DYNAMODB: store.endpoint });
});

afterAll(async () => {
  await store?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

interface Overview {
  pnl: { realizedTotal: number };
  exposure: { total: number; capitalAtRisk: number };
  markets: { marketId: string }[];
}

async function getJson<T>(path: string) {
  const res = await fetch(`http://127.0.0.1:${port}${path}`);
  return { status: res.status, body: (await res.json()) as T };
}

/** What docs/operations.md promises an operator sees on the hand-worked dataset (worked in test/api.test.ts). */
async function expectTheFigures(): Promise<void> {
  const health = await getJson<{ tables: unknown[] }>('/api/v1/health');
  expect(health.status).toBe(200);
  expect(health.body).toMatchObject({ ok: true, source: 'aws', env: 'demo', region: 'us-east-1' });
  expect(health.body.tables).toHaveLength(5);
  const overview = await getJson<Overview>('/api/v1/overview?days=7');
  expect(overview.status).toBe(200);
  expect(overview.body.pnl.realizedTotal).toBeCloseTo(0.3405 - 0.018375, 10);
  expect(overview.body.exposure.total).toBe(11);
  expect(overview.body.exposure.capitalAtRisk).toBeCloseTo(5.9, 10);
  expect(overview.body.markets.map((m) => m.marketId).sort()).toEqual(['KX-A', 'KX-B', 'KX-C']);
}

describe('an operator following docs/operations.md', () => {
  it('--print-config shows each value and its origin, with the secret key masked', () => {
    const r = runOnce(
      ['--import', TSX, join(ROOT, 'src/main.ts'), '--source', 'aws', '--print-config'],
      dir,
      env,
    );
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^source = "aws" +# --source$/m);
    expect(r.out).toMatch(new RegExp(`^port = ${port} +# \\./dora-dashboard\\.toml:3$`, 'm'));
    expect(r.out).toMatch(/^region = "us-east-1" +# \.\/\.streamlit\/secrets\.toml:3$/m);
    expect(r.out).toContain(
      './.streamlit/secrets.toml (AWS_ACCESS_KEY_ID AKIA…0042, AWS_SECRET_ACCESS_KEY ********)',
    );
    expect(r.out).not.toContain(SECRET);
    expect(r.out).not.toContain(KEY_ID);
  });

  it('npm start -- --source aws: serves the right figures with the secrets file’s keys', async () => {
    const server = await startChild(
      ['--import', TSX, join(ROOT, 'src/main.ts'), '--source', 'aws'],
      dir,
      env,
    );
    try {
      await expectTheFigures();
      expect(server.output()).toContain('credentials: ./.streamlit/secrets.toml');
    } finally {
      expect(await server.stop()).toBe(0);
    }
    expect(server.output()).not.toContain(SECRET);
    expect(server.output()).not.toContain(KEY_ID);
  });

  it('node dist/server.js after npm run build: the same, from the self-contained bundle', async () => {
    // Built where the tests cannot disturb an operator's dist/; inside the project so the bundle
    // finds its runtime dependencies in node_modules, as it does in a deployment.
    const out = join(ROOT, 'node_modules', '.cache', `dora-dist-test-${process.pid}`);
    try {
      const build = runOnce(['--import', TSX, join(ROOT, 'scripts/build-dist.ts'), '--out', out], ROOT, {
        ...cleanEnv(),
        HOME: tmpdir(),
      });
      expect(build.err + build.out).toContain('build-dist:');
      expect(build.code).toBe(0);
      const version = runOnce([join(out, 'server.js'), '--version'], dir, env);
      expect(version.out.trim()).toMatch(/^\d+\.\d+\.\d+/);
      const server = await startChild([join(out, 'server.js'), '--source', 'aws'], dir, env);
      try {
        await expectTheFigures();
        const page = await fetch(`http://127.0.0.1:${port}/`);
        expect(page.status).toBe(200);
        expect(await page.text()).toContain('<div id="root">');
      } finally {
        expect(await server.stop()).toBe(0);
      }
      expect(server.output()).not.toContain(SECRET);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 90_000);
});
