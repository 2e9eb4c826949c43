// The command line as a user meets it: help, a typo, an exposed bind without auth, missing AWS
// credentials — each a clear message and the right exit code, never a stack trace.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

function run(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts', ...args], {
    cwd: root,
    encoding: 'utf8',
    timeout: 60_000,
    env: {
      PATH: process.env['PATH'] ?? '',
      HOME: '/nonexistent',
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_CONFIG_FILE: '/nonexistent',
      AWS_SHARED_CREDENTIALS_FILE: '/nonexistent',
      ...env,
    },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('npm start', () => {
  it('--help lists every flag and exits 0', () => {
    const r = run(['--help']);
    expect(r.code).toBe(0);
    for (const f of ['--source', '--env', '--region', '--host', '--port', '--data-dir', '--memory', '--auth'])
      expect(r.out).toContain(f);
  });
  it('an unknown flag or a bad value says what is wrong and exits 2', () => {
    const a = run(['--colour', 'blue']);
    expect(a.code).toBe(2);
    expect(a.err).toContain('unknown option --colour');
    const b = run(['--env', 'staging']);
    expect(b.code).toBe(2);
    expect(b.err).toContain('"staging" is not one of demo, prod');
    expect(b.err).not.toMatch(/\n\s+at /); // no stack trace
  });
  it('refuses a non-loopback bind without auth, saying why and how to fix it', () => {
    const r = run(['--host', '0.0.0.0']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('refusing to listen on 0.0.0.0 without access control');
    expect(r.err).toContain('--auth token');
  });
  it('--auth token without a long enough DORA_AUTH_TOKEN is refused', () => {
    const r = run(['--auth', 'token'], { DORA_AUTH_TOKEN: 'short' });
    expect(r.code).toBe(2);
    expect(r.err).toContain('DORA_AUTH_TOKEN');
  });
  it('--source aws without credentials gives one clear message with the fix', () => {
    const r = run(['--source', 'aws'], { AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: '' });
    expect(r.code).toBe(1);
    expect(r.err).toContain('no AWS credentials found for --source aws');
    expect(r.err).toContain('AWS_PROFILE');
    expect(r.err).not.toMatch(/\n\s+at /);
  });
});
