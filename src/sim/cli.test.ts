// The CLI as a user runs it (a child process), against an in-process DynamoDB emulator.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCli } from './cli-args.js';
import { createBotTables, startLocalDynamo, type LocalDynamo } from './testing/local-dynamo.js';

const CLI = fileURLToPath(new URL('./cli.ts', import.meta.url));
const TSX = fileURLToPath(new URL('../../node_modules/tsx/dist/cli.mjs', import.meta.url));

function run(
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [TSX, CLI, ...args], {
      env: { ...process.env, AWS_ENDPOINT_URL_DYNAMODB: '', NODE_NO_WARNINGS: '1', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

let db: LocalDynamo;
beforeAll(async () => {
  db = await startLocalDynamo();
});
afterAll(async () => {
  await db.close();
});

describe('parseCli', () => {
  it('applies defaults and the endpoint environment variable', () => {
    const r = parseCli([], { AWS_ENDPOINT_URL_DYNAMODB: 'http://127.0.0.1:4567' });
    expect(r).toMatchObject({
      kind: 'ok',
      config: {
        endpoint: 'http://127.0.0.1:4567',
        env: 'demo',
        seed: 42,
        markets: 25,
        days: 30,
        live: false,
        region: 'us-east-1',
      },
    });
  });

  it('names what is wrong', () => {
    expect(parseCli(['--env', 'staging', '--endpoint', 'http://x:1'], {})).toEqual({
      kind: 'error',
      message: '--env must be demo or prod, got "staging"',
    });
    expect(parseCli(['--days', '1.5', '--endpoint', 'http://x:1'], {})).toMatchObject({
      kind: 'error',
      message: expect.stringContaining('--days must be an integer'),
    });
    expect(parseCli(['--seed'], {})).toMatchObject({ kind: 'error' });
    expect(parseCli([], {})).toMatchObject({
      kind: 'error',
      message: expect.stringContaining('no endpoint'),
    });
    expect(parseCli(['--allow-aws'], {})).toMatchObject({
      kind: 'ok',
      config: { endpoint: undefined, allowAws: true },
    });
  });
});

describe('npm run sim', () => {
  it('prints usage with --help and exits 0', async () => {
    const r = await run(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: npm run sim');
    expect(r.stdout).toContain('--endpoint');
  });

  it('exits 2 on a bad flag, saying what is wrong', async () => {
    const r = await run(['--bogus']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Unknown option '--bogus'/);
    const r2 = await run(['--markets', 'many', '--endpoint', db.endpoint]);
    expect(r2.code).toBe(2);
    expect(r2.stderr).toContain('--markets must be an integer');
  });

  it('exits 1 with a clear message when the tables do not exist', async () => {
    const r = await run(['--env', 'prod', '--days', '1', '--markets', '3'], {
      AWS_ENDPOINT_URL_DYNAMODB: db.endpoint,
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/dora_\w+_prod does not exist.*does not create them/);
  });

  it('seeds existing tables', async () => {
    await createBotTables(db.client, 'demo');
    const r = await run(['--endpoint', db.endpoint, '--days', '2', '--markets', '5', '--seed', '9']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/dora_decision_log_demo: \d+ items/);
  });
});
