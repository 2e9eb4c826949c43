// The configuration as an operator meets it on the command line: --version, a bad config file (exit
// 2, naming file, line and key, no stack trace), --print-config (exit 0; exit 2 after printing when
// the configuration would not start).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cleanEnv, ROOT, runOnce, TSX } from './helpers/child-server.js';

let dir: string;
const run = (args: string[], env: Record<string, string> = {}) =>
  runOnce(['--import', TSX, join(ROOT, 'src/main.ts'), ...args], dir, cleanEnv(env));

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'dora-config-cli-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('configuration on the command line', () => {
  it('--version prints package.json’s version', () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    const r = run(['--version']);
    expect(r.code).toBe(0);
    expect(r.out).toBe(`${version}\n`);
  });

  it('a bad config file exits 2 naming the file, line and key', () => {
    writeFileSync(join(dir, 'bad.toml'), 'env = "prod"\nlog_levle = "info"\n');
    const r = run(['--config', 'bad.toml']);
    expect(r.code).toBe(2);
    expect(r.err).toBe('dora-dashboard: bad.toml:2: unknown key "log_levle" (did you mean log_level?)\n');
  });

  it('--print-config exits 0 with the effective values; 2 (after printing) when they would not start', () => {
    writeFileSync(join(dir, 'dora-dashboard.toml'), 'host = "0.0.0.0"\n', { mode: 0o600 });
    const ok = run(['--print-config', '--auth', 'token'], { DORA_AUTH_TOKEN: 'a-long-enough-secret-token' });
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/^host = "0\.0\.0\.0" +# \.\/dora-dashboard\.toml:1$/m);
    expect(ok.out).not.toContain('a-long-enough-secret-token');
    const exposed = run(['--print-config']);
    expect(exposed.out).toContain('host = "0.0.0.0"');
    expect(exposed.code).toBe(2);
    expect(exposed.err).toContain('refusing to listen on 0.0.0.0 without access control');
    rmSync(join(dir, 'dora-dashboard.toml'));
  });
});
