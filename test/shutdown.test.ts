// Graceful shutdown of the real process: SIGTERM stops accepting, ends live streams, stops the
// embedded store and the simulator, and exits 0; the data dir then restarts cleanly without reseeding.
import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import http from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { HealthResponse } from '../src/api/types.js';

const root = fileURLToPath(new URL('..', import.meta.url));

function start(dataDir: string, port: number) {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'src/main.ts', '--data-dir', dataDir, '--port', String(port)],
    {
      cwd: root,
      env: { ...process.env, DORA_SEED_DAYS: '2', DORA_SEED_MARKETS: '4' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setInterval(() => {
      if (out.includes('Dora Dashboard on')) {
        clearInterval(timer);
        resolve();
      } else if (child.exitCode !== null) {
        clearInterval(timer);
        reject(new Error(out));
      }
    }, 100);
  });
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, ready, exit, output: () => out };
}

describe('SIGTERM', () => {
  it('ends live streams, exits 0; the data survives a restart and a kill -9 without reseeding', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dora-shutdown-'));
    const port = 18_000 + Math.floor(Math.random() * 1000);
    try {
      const a = start(dir, port);
      await a.ready;
      expect(a.output()).toContain('seeded demo');
      const streamEnded = new Promise<void>((resolve) => {
        http.get(`http://127.0.0.1:${port}/api/v1/events`, (res) => {
          res.on('data', () => undefined);
          res.on('end', () => resolve());
          res.on('close', () => resolve());
        });
      });
      await new Promise((r) => setTimeout(r, 500));
      a.child.kill('SIGTERM');
      await streamEnded;
      expect(await a.exit).toBe(0);

      const b = start(dir, port);
      await b.ready;
      expect(b.output()).not.toContain('seeded');
      const health = (await fetch(`http://127.0.0.1:${port}/api/v1/health`).then((r) =>
        r.json(),
      )) as HealthResponse;
      expect(health.tables.every((t) => t.hasData)).toBe(true);
      // kill -9: no shutdown at all. The data dir must still open, with its data, without reseeding.
      b.child.kill('SIGKILL');
      await b.exit;
      const c = start(dir, port);
      await c.ready;
      expect(c.output()).not.toContain('seeded');
      const again = await fetch(`http://127.0.0.1:${port}/api/v1/overview?days=2`);
      expect(again.status).toBe(200);
      expect(((await again.json()) as { markets: unknown[] }).markets.length).toBeGreaterThan(0);
      c.child.kill('SIGTERM');
      expect(await c.exit).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 150_000);
});
