// `npm start`: one process that serves the web app and the API, on the embedded store with simulated
// bot activity (default) or on the bot's real tables in AWS.
import { resolve } from 'node:path';
import { checkExposure, helpText, parseOptions, UsageError, type Options } from './cli/options.js';
import { createReadClient, type ReadClient } from './store/client.js';
import { buildApp } from './server/app.js';
import { ensureWebBuild, WEB_DIST } from './web-build.js';
import { startEmbedded, type Embedded } from './embedded/start.js';
import type { AuthConfig } from './server/auth.js';

function log(msg: string): void {
  process.stdout.write(`[dora] ${msg}\n`);
}

function fail(msg: string, code: number): never {
  process.stderr.write(`dora-dashboard: ${msg}\n`);
  process.exit(code);
}

async function awsClient(o: Options): Promise<ReadClient> {
  const client = createReadClient({ region: o.region });
  try {
    await client.raw.config.credentials();
  } catch {
    fail(
      'no AWS credentials found for --source aws.\n' +
        '  Fix: set AWS_PROFILE to a profile in ~/.aws/config (run `aws sso login --profile NAME` for SSO),\n' +
        '  or export AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or run on a host with an instance role.\n' +
        '  The identity needs only the read-only policy in docs/iam-policy.json.',
      1,
    );
  }
  return client;
}

function authFrom(o: Options): AuthConfig {
  if (o.auth === 'none') return { mode: 'none' };
  if (o.auth === 'basic') {
    const spec = process.env['DORA_BASIC_AUTH'] ?? '';
    const i = spec.indexOf(':');
    if (i < 1 || !/^\$2[aby]\$\d{2}\$/.test(spec.slice(i + 1))) {
      fail(
        '--auth basic needs DORA_BASIC_AUTH=user:bcrypt-hash.\n' +
          "  Fix: make a hash with `node -e \"console.log(require('bcryptjs').hashSync(process.argv[1], 12))\" 'your password'`",
        2,
      );
    }
    return { mode: 'basic', user: spec.slice(0, i), bcryptHash: spec.slice(i + 1) };
  }
  const token = process.env['DORA_AUTH_TOKEN'] ?? '';
  if (token.length < 16) fail('--auth token needs DORA_AUTH_TOKEN set to a secret of at least 16 characters', 2);
  return { mode: 'token', token };
}

async function main(): Promise<void> {
  let o: Options;
  try {
    o = parseOptions(process.argv.slice(2), process.env);
    if (o.help) {
      process.stdout.write(`${helpText()}\n`);
      return;
    }
    checkExposure(o);
  } catch (err) {
    if (err instanceof UsageError) fail(`${err.message}`, 2);
    throw err;
  }
  const auth = authFrom(o);

  let embedded: Embedded | null = null;
  let client: ReadClient;
  if (o.source === 'embedded') {
    embedded = await startEmbedded({
      dataDir: o.memory ? null : resolve(o.dataDir),
      seed: o.seed,
      simulate: o.simulate,
      log,
    });
    client = createReadClient({
      region: o.region,
      endpoint: embedded.endpoint,
      credentials: { accessKeyId: 'embedded', secretAccessKey: 'embedded' },
    });
  } else {
    client = await awsClient(o);
  }

  await ensureWebBuild(log);
  const app = await buildApp(
    { source: o.source, defaultEnv: o.env, region: o.region, client, nowMs: Date.now, webDir: WEB_DIST, auth },
    { logLevel: o.logLevel },
  );
  try {
    await app.listen({ host: o.host, port: o.port });
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'EADDRINUSE') fail(`port ${o.port} is in use. Fix: stop the other process or pass --port <free port>`, 1);
    throw err;
  }
  log(`Dora Dashboard on http://${o.host.includes(':') ? `[${o.host}]` : o.host}:${o.port}  (source ${o.source}, env ${o.env}, region ${o.region})`);

  const shutdown = async () => {
    log('shutting down…');
    await app.close();
    client.destroy();
    await embedded?.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());
}

main().catch((err: unknown) => {
  fail(err instanceof Error ? `${err.name}: ${err.message}` : String(err), 1);
});
