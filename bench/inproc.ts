// The API in the bench process (app.inject, no sockets), reading the dataset's store in its child
// process through the bench's recorded read client. "Cold" = a fresh buildApp, so every cache is
// empty; the read client (its connection pool) is shared, as in a server that has been up a while.
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/server/app.js';
import type { OpenSet } from './harness.js';

export function newApp(set: OpenSet): Promise<FastifyInstance> {
  return buildApp({
    source: 'embedded',
    defaultEnv: 'demo',
    region: 'us-east-1',
    client: set.client,
    nowMs: set.ds.now,
    webDir: null,
    auth: { mode: 'none' },
  });
}

export interface Got {
  status: number;
  json: Record<string, unknown>;
  ms: number;
  /** Size of the response body. */
  bytes: number;
}

/** GET through app.inject; the time is the server's, from request to the end of the JSON body. */
export async function get(app: FastifyInstance, url: string): Promise<Got> {
  const started = performance.now();
  const res = await app.inject({ method: 'GET', url });
  const ms = performance.now() - started;
  let json: Record<string, unknown> = {};
  try {
    json = res.json();
  } catch {
    json = { raw: res.body.slice(0, 200) };
  }
  return { status: res.statusCode, json, ms, bytes: res.rawPayload.length };
}

export function assertOk(g: Got, what: string): void {
  if (g.status !== 200) throw new Error(`${what}: HTTP ${g.status} ${JSON.stringify(g.json).slice(0, 300)}`);
}
