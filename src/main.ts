// `npm start` / `node dist/server.js`: one process that serves the web app and the API, on the
// embedded store with simulated bot activity (default) or on the bot's real tables in AWS.
import { resolve } from 'node:path';
import { checkExposure, helpText, UsageError, type Options } from './cli/options.js';
import { authFrom } from './config/auth.js';
import { credentialsSource, type Credentials } from './config/credentials.js';
import { loadConfiguration, type Configuration } from './config/load.js';
import { formatConfig } from './config/print.js';
import { VERSION } from './config/version.js';
import { createReadClient, type ReadClient } from './store/client.js';
import { buildApp } from './server/app.js';
import { webDir } from './web-build.js';
import { startEmbedded, type Embedded } from './embedded/start.js';
import { marketDataEnvs } from './config/kalshi.js';
import { createMarketDataSource } from './store/kalshi/market-data-source.js';
import type { AuthConfig } from './server/auth.js';

function log(msg: string): void {
  process.stdout.write(`[dora] ${msg}\n`);
}

function fail(msg: string, code: number): never {
  process.stderr.write(`dora-dashboard: ${msg}\n`);
  process.exit(code);
}

async function awsClient(o: Options, credentials: Credentials): Promise<ReadClient> {
  // Keys from a secrets file go to the client explicitly; otherwise the SDK resolves its own chain.
  const client = createReadClient({
    region: o.region,
    ...(o.endpoint ? { endpoint: o.endpoint } : {}),
    ...(credentials.from === 'secrets-file' ? { credentials: credentials.keys } : {}),
  });
  try {
    await client.raw.config.credentials();
  } catch {
    fail(
      'no AWS credentials found for --source aws.\n' +
        '  Fix: set AWS_PROFILE to a profile in ~/.aws/config (run `aws sso login --profile NAME` for SSO),\n' +
        '  or export AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or put them in .streamlit/secrets.toml,\n' +
        '  or run on a host with an instance role. The identity needs only the read-only policy in docs/iam-policy.json.',
      1,
    );
  }
  return client;
}

/** Reads and checks the configuration; exits for --help, --version, --print-config and every usage error. */
function configure(): { cfg: Configuration; auth: AuthConfig } {
  try {
    const cfg = loadConfiguration(process.argv.slice(2), process.env);
    const o = cfg.options;
    if (o.help) {
      process.stdout.write(`${helpText()}\n`);
      process.exit(0);
    }
    if (o.version) {
      process.stdout.write(`${VERSION}\n`);
      process.exit(0);
    }
    if (o.printConfig) process.stdout.write(`${formatConfig(cfg)}\n`);
    checkExposure(o);
    const auth = authFrom(o);
    if (o.printConfig) process.exit(0);
    return { cfg, auth };
  } catch (err) {
    if (err instanceof UsageError) fail(err.message, 2);
    throw err;
  }
}

async function main(): Promise<void> {
  const { cfg, auth } = configure();
  const o = cfg.options;
  for (const note of cfg.notes) log(`note: ${note}`);

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
    client = await awsClient(o, cfg.credentials);
  }

  // Titles, close times and settlements from Kalshi's market data (issue 20): the embedded mode's
  // own Kalshi-compatible server unless --kalshi-<env>-url says otherwise. Read in the background;
  // a page never waits for it.
  const marketData = createMarketDataSource({ envs: marketDataEnvs(o, cfg.kalshi, embedded), log });
  const web = await webDir(log);
  const app = await buildApp(
    {
      source: o.source,
      defaultEnv: o.env,
      region: o.region,
      client,
      nowMs: Date.now,
      webDir: web,
      auth,
      // Alerts are evaluated in the background once an environment is asked about, and posted to
      // the webhook when one is configured.
      kalshi: cfg.kalshi,
      marketData,
      trustProxy: o.trustProxy,
      hosts: { listen: o.host, allowed: o.allowedHosts },
      alerts: {
        background: true,
        webhook: o.alertWebhook ? { url: o.alertWebhook, cooldownMs: o.alertCooldownMinutes * 60_000 } : null,
        cooldownMs: o.alertCooldownMinutes * 60_000,
        log,
      },
    },
    { logLevel: o.logLevel },
  );
  try {
    await app.listen({ host: o.host, port: o.port });
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'EADDRINUSE')
      fail(`port ${o.port} is in use. Fix: stop the other process or pass --port <free port>`, 1);
    if (code === 'EADDRNOTAVAIL')
      fail(
        `cannot listen on ${o.host}: no such address on this machine. Fix: pass --host 127.0.0.1 or one of its addresses`,
        1,
      );
    throw err;
  }
  const where = `source ${o.source}, env ${o.env}, region ${o.region}`;
  const creds = o.source === 'aws' ? `, credentials: ${credentialsSource(cfg.credentials)}` : '';
  log(
    `Dora Dashboard on http://${o.host.includes(':') ? `[${o.host}]` : o.host}:${o.port}  (v${VERSION}, ${where}${creds})`,
  );

  const shutdown = async () => {
    log('shutting down…');
    await app.close();
    marketData.close();
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
