// No secret ever reaches a response or a log line: the auth token, a session cookie, AWS keys.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/server/app.js';
import { createReadClient } from '../src/store/client.js';
import { startTestStore, type TestStore } from './helpers/store.js';
import { writeHandWorkedDataset } from './helpers/fixtures.js';

const TOKEN = 'secret-token-must-not-leak-42';
const AWS_SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const AWS_KEY_ID = 'AKIAIOSFODNN7EXAMPLE';

let store: TestStore;
let app: FastifyInstance;
const lines: string[] = [];
beforeAll(async () => {
  store = await startTestStore();
  await writeHandWorkedDataset(store.writer);
  // The store accepts any key pair; these stand in for real AWS credentials.
  const client = createReadClient({
    region: 'us-east-1',
    endpoint: store.endpoint,
    credentials: { accessKeyId: AWS_KEY_ID, secretAccessKey: AWS_SECRET },
  });
  app = await buildApp(
    {
      source: 'aws',
      defaultEnv: 'demo',
      region: 'us-east-1',
      client,
      nowMs: Date.now,
      webDir: null,
      auth: { mode: 'token', token: TOKEN },
    },
    { logLevel: 'debug', logStream: { write: (l: string) => void lines.push(l) } },
  );
});
afterAll(async () => {
  await app.close();
  await store.close();
});

describe('secrets', () => {
  it('appear in no response body, header or log line', async () => {
    const bodies: string[] = [];
    const auth = { authorization: `Bearer ${TOKEN}` };
    for (const url of [
      '/api/v1/health',
      '/api/v1/overview',
      '/api/v1/markets',
      '/api/v1/markets/KX-A',
      '/api/v1/stale',
      '/metrics',
      '/api/v1/overview?format=csv',
      '/api/v1/markets/KX-NOPE',
      '/api/v1/overview?days=0',
    ]) {
      const res = await app.inject({ url, headers: auth });
      bodies.push(res.body, JSON.stringify(res.headers));
    }
    const login = await app.inject({
      method: 'POST',
      url: '/login',
      payload: `token=${TOKEN}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    const cookie = String(login.headers['set-cookie']).split(';')[0] as string;
    await app.inject({ url: '/api/v1/markets', headers: { cookie } });
    bodies.push(login.body);
    const sessionValue = cookie.split('=')[1] as string;
    expect(lines.length).toBeGreaterThan(5);
    for (const text of [...bodies, ...lines]) {
      expect(text).not.toContain(TOKEN);
      expect(text).not.toContain(AWS_SECRET);
      expect(text).not.toContain(AWS_KEY_ID);
    }
    for (const l of lines) expect(l).not.toContain(sessionValue);
  });
});
