// docs/api.md documents every route the server registers, and nothing else: each route is a heading
// "### `METHOD /path`", compared both ways with the routes of a fully configured app.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { testApp } from './helpers/test-app.js';
import { createReadClient, type ReadClient } from '../src/store/client.js';

const doc = readFileSync(new URL('../docs/api.md', import.meta.url), 'utf8');
let app: FastifyInstance;
let client: ReadClient;

beforeAll(async () => {
  // Nothing is read at registration: an unreachable endpoint is enough to list the routes.
  client = createReadClient({
    region: 'us-east-1',
    endpoint: 'http://127.0.0.1:9',
    credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
  });
  // Token auth registers its sign-in routes too; webDir null leaves out per-file static routes.
  app = await testApp(client, Date.now, { auth: { mode: 'token', token: 'docs-test-token-0123456789' } });
  await app.ready();
});
afterAll(async () => {
  await app.close();
  client.destroy();
});

/** `METHOD /path` for every route, read from Fastify's route tree (HEAD is implied by GET). */
function registeredRoutes(): string[] {
  const routes: string[] = [];
  const stack: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const m = /^([│ ]*)[├└]── (\S+) \(([^)]+)\)$/.exec(line);
    if (!m) continue;
    const depth = (m[1] as string).length / 4;
    stack.length = depth;
    stack.push(m[2] as string);
    for (const method of (m[3] as string).split(', ')) {
      if (method !== 'HEAD' && method !== '-') routes.push(`${method} ${stack.join('')}`);
    }
  }
  return routes.sort();
}

function documentedRoutes(): string[] {
  return [...doc.matchAll(/^### `([A-Z]+) (\/\S*)`/gm)].map((m) => `${m[1]} ${m[2]}`).sort();
}

describe('docs/api.md', () => {
  it('reads the route tree correctly (every parsed route exists)', () => {
    const routes = registeredRoutes();
    expect(routes.length).toBeGreaterThan(10);
    for (const r of routes) {
      const [method, url] = r.split(' ') as [string, string];
      expect(app.hasRoute({ method, url }), r).toBe(true);
    }
  });

  it('documents every registered route', () => {
    const documented = new Set(documentedRoutes());
    expect(registeredRoutes().filter((r) => !documented.has(r))).toEqual([]);
  });

  it('documents no route that does not exist', () => {
    const registered = new Set(registeredRoutes());
    expect(documentedRoutes().filter((r) => !registered.has(r))).toEqual([]);
  });
});
