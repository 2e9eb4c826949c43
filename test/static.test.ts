// The web app is served from its build folder: files by name (looked up per request, so a rebuild
// needs no restart), every other page path gets index.html (client-side routing), /api stays JSON.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/server/app.js';
import { startTestStore, type TestStore } from './helpers/store.js';

let store: TestStore;
let app: FastifyInstance;
const dir = mkdtempSync(join(tmpdir(), 'dora-web-'));
beforeAll(async () => {
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><div id="root"></div>');
  writeFileSync(join(dir, 'assets', 'app-1.js'), 'console.log(1)');
  store = await startTestStore();
  app = await buildApp({
    source: 'embedded',
    defaultEnv: 'demo',
    region: 'us-east-1',
    client: store.reader,
    nowMs: Date.now,
    webDir: dir,
    auth: { mode: 'none' },
  });
});
afterAll(async () => {
  await app.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('web app serving', () => {
  it('serves files, falls back to index.html for page paths, keeps /api JSON', async () => {
    const js = await app.inject('/assets/app-1.js');
    expect(js.statusCode).toBe(200);
    expect(js.headers['content-type']).toContain('javascript');
    expect(js.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    for (const path of ['/', '/market?m=KX-A&env=prod', '/status']) {
      const page = await app.inject(path);
      expect(page.statusCode, path).toBe(200);
      expect(page.headers['content-type']).toContain('text/html');
      expect(page.body).toContain('<div id="root">');
    }
    const api = await app.inject('/api/v1/nope');
    expect(api.statusCode).toBe(404);
    expect(api.json().error.code).toBe('not_found');
  });
  it('serves a file added after start (a rebuild) without a restart', async () => {
    writeFileSync(join(dir, 'assets', 'app-2.js'), 'console.log(2)');
    const js = await app.inject('/assets/app-2.js');
    expect(js.statusCode).toBe(200);
    expect(js.body).toBe('console.log(2)');
  });
});
