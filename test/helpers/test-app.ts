// The app as most integration tests build it: the embedded store's reader, the demo environment,
// no web build, no auth — each test names only what it changes.
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/server/app.js';
import type { AppContext } from '../../src/server/context.js';

export function testApp(
  client: AppContext['client'],
  nowMs: () => number,
  overrides: Partial<AppContext> = {},
): Promise<FastifyInstance> {
  return buildApp({
    source: 'embedded',
    defaultEnv: 'demo',
    region: 'us-east-1',
    client,
    nowMs,
    webDir: null,
    auth: { mode: 'none' },
    ...overrides,
  });
}
