// One configuration, four layers: flags override environment variables, which override the config
// file (dora-dashboard.toml), which overrides defaults. Every value remembers where it came from, so
// --print-config can say so and an error can name the flag, variable or file line to fix. A bad flag
// or value is a UsageError, which main prints with the fix and exit code 2.
import { isIP } from 'node:net';
import { FLAGS, fileKey, type FlagSpec } from './flags.js';

export type Source = 'embedded' | 'aws';
/**
 * Which proxies to believe about the client's address and scheme: none, or those at these
 * addresses / CIDRs / proxy-addr names (`true` ⇒ ['loopback']: a proxy on this host).
 */
export type TrustProxy = false | readonly string[];
export type AuthMode = 'none' | 'token' | 'basic';

/** Where an effective value came from. `label` names it: `--port`, `DORA_PORT`, `./dora-dashboard.toml:3`. */
export interface Origin {
  kind: 'flag' | 'env' | 'file' | 'default';
  label: string;
}

/** A value read from a config file, keyed by option name, with the file and line it sits on. */
export interface FileValue {
  value: string;
  origin: string;
}
export type FileValues = ReadonlyMap<string, FileValue>;

export interface Options {
  source: Source;
  env: 'demo' | 'prod';
  region: string;
  /** A DynamoDB-compatible endpoint; '' ⇒ the SDK's own resolution. */
  endpoint: string;
  host: string;
  port: number;
  dataDir: string;
  memory: boolean;
  seed: number;
  /** Keep writing simulated bot activity into the embedded store. */
  simulate: boolean;
  auth: AuthMode;
  /** Secret of --auth token; never from a flag (it would show in `ps`). */
  authToken: string;
  /** `user:bcrypt-hash` of --auth basic; never from a flag. */
  basicAuth: string;
  /** Where new alerts are posted; '' ⇒ nowhere (they still show in the page and /api/v1/alerts). */
  alertWebhook: string;
  alertCooldownMinutes: number;
  /** Kalshi API access for the cash balance, per environment ('' ⇒ from the secrets file, or none). */
  kalshi: Record<'prod' | 'demo', { keyId: string; keyFile: string; url: string }>;
  insecureNoAuth: boolean;
  trustProxy: TrustProxy;
  /** Host names answered besides IP addresses, localhost and *.localhost ('.x.com' ⇒ x.com and below). */
  allowedHosts: readonly string[];
  logLevel: 'error' | 'warn' | 'info' | 'debug';
  /** Config file path given by --config / DORA_CONFIG; '' ⇒ ./dora-dashboard.toml when present. */
  config: string;
  /** Streamlit-style secrets file; '' ⇒ ./.streamlit/secrets.toml when present. */
  secrets: string;
  printConfig: boolean;
  version: boolean;
  help: boolean;
  /** Where each option's value came from, by option name. */
  origins: Record<string, Origin>;
}

export class UsageError extends Error {}

export { FLAGS, fileKey, type FlagSpec } from './flags.js';

export function helpText(): string {
  const lines = FLAGS.map((f) => {
    const arg =
      f.kind === 'string'
        ? f.bare !== undefined
          ? ` [<value>]`
          : ` <${f.values ? f.values.join('|') : 'value'}>`
        : '';
    const left = f.flag === false ? `  (${f.env ?? f.name})` : `  --${f.name}${arg}`;
    const where = [f.env && f.flag !== false ? f.env : null, fileKey(f)].filter(Boolean).join(', ');
    const dflt = f.kind === 'string' ? ` (default ${f.defaultText ?? f.default})` : '';
    return `${left.padEnd(38)} ${f.help}${where ? ` [${where}]` : ''}${dflt}`;
  });
  return [
    'Dora Dashboard — a read-only live dashboard for the Dora market-making bot.',
    '',
    'Usage: npm start -- [options]      (or: node dist/server.js [options])',
    '',
    'Options [environment variable, config-file key]. Flags override environment variables, which',
    'override the config file (dora-dashboard.toml), which overrides defaults:',
    ...lines,
    '',
    'With --source aws the AWS SDK default credential chain is used (AWS_PROFILE, SSO, environment,',
    'instance roles), or the keys of a Streamlit-style .streamlit/secrets.toml when the environment',
    'names none; AWS_ENDPOINT_URL_DYNAMODB points it at any DynamoDB-compatible endpoint.',
  ].join('\n');
}

const TRUE = new Set(['1', 'true', 'yes', 'on']);
const FALSE = new Set(['0', 'false', 'no', 'off', '']);

interface Raw {
  value: string;
  origin: Origin;
}

/** How an error names where a value came from: the flag, the variable, or the file line and key. */
function where(f: FlagSpec, origin: Origin): string {
  if (origin.kind === 'file') return `${origin.label}: ${fileKey(f)}`;
  if (origin.kind === 'env') return origin.label;
  return f.flag === false ? (f.env ?? f.name) : `--${f.name}${f.env ? ` / ${f.env}` : ''}`;
}

export function parseOptions(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  file: FileValues = new Map(),
): Options {
  const raw = new Map<string, Raw>();
  for (const f of FLAGS) {
    const fromEnv = f.env ? env[f.env] : undefined;
    const fromFile = file.get(f.name);
    if (fromEnv !== undefined && fromEnv !== '')
      raw.set(f.name, { value: fromEnv, origin: { kind: 'env', label: f.env as string } });
    else if (fromFile)
      raw.set(f.name, { value: fromFile.value, origin: { kind: 'file', label: fromFile.origin } });
    else raw.set(f.name, { value: f.default, origin: { kind: 'default', label: 'default' } });
  }
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (!arg.startsWith('--'))
      throw new UsageError(`unexpected argument "${arg}" (options start with --; see --help)`);
    const [name, inline] = arg.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
    const spec = FLAGS.find((f) => f.name === name);
    if (!spec) throw new UsageError(`unknown option --${name} (see --help for the list)`);
    if (spec.flag === false) {
      throw new UsageError(
        `--${name} is not accepted on the command line (other users could read it in the process list); set ${spec.env} or ${fileKey(spec)} in the config file`,
      );
    }
    const origin: Origin = { kind: 'flag', label: `--${name}` };
    if (spec.kind === 'boolean') {
      raw.set(name, { value: inline ?? 'true', origin });
    } else if (spec.bare !== undefined && inline === undefined) {
      // Bare (`--trust-proxy`) unless a value follows (`--trust-proxy 2`).
      const next = argv[i + 1];
      const value = next !== undefined && !next.startsWith('--') ? (i++, next) : spec.bare;
      raw.set(name, { value, origin });
    } else {
      const value = inline ?? argv[++i];
      if (value === undefined || (inline === undefined && value.startsWith('--'))) {
        throw new UsageError(`--${name} needs a value`);
      }
      raw.set(name, { value, origin });
    }
  }
  const spec = (name: string) => FLAGS.find((f) => f.name === name) as FlagSpec;
  const get = (name: string) => raw.get(name) as Raw;
  const fail = (name: string, message: string): never => {
    throw new UsageError(`${where(spec(name), get(name).origin)}: ${message}`);
  };
  const text = (name: string) => get(name).value;
  const bool = (name: string): boolean => {
    const t = text(name).toLowerCase();
    if (TRUE.has(t)) return true;
    if (FALSE.has(t)) return false;
    return fail(name, `expected true or false, got "${text(name)}"`);
  };

  for (const f of FLAGS) {
    if (f.values && !f.values.includes(text(f.name)))
      fail(f.name, `"${text(f.name)}" is not one of ${f.values.join(', ')}`);
  }
  const portText = text('port');
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port < 1 || port > 65535)
    fail('port', `"${portText}" is not a port number (1–65535)`);
  const seedText = text('seed');
  if (!/^\d+$/.test(seedText)) fail('seed', `"${seedText}" is not a non-negative integer`);
  const region = text('region');
  if (!/^[a-z]{2}(-[a-z]+)+-\d$/.test(region))
    fail('region', `"${region}" does not look like an AWS region (e.g. us-east-1)`);
  const endpoint = text('endpoint');
  if (endpoint !== '' && !/^https?:\/\/[^\s/]+/.test(endpoint))
    fail('endpoint', `"${endpoint}" is not an http(s) URL`);
  const host = text('host');
  if (host !== 'localhost' && isIP(host) === 0) fail('host', `"${host}" is not an IP address`);
  const webhook = text('alert-webhook');
  // Never echo the value: a webhook URL is a credential.
  if (webhook !== '' && !/^https?:\/\/[^\s/]+/.test(webhook)) fail('alert-webhook', 'is not an http(s) URL');
  for (const e of ['prod', 'demo']) {
    const url = text(`kalshi-${e}-url`);
    if (!/^https?:\/\/[^\s/]+/.test(url)) fail(`kalshi-${e}-url`, `"${url}" is not an http(s) URL`);
  }
  const kalshiOf = (e: 'prod' | 'demo') => ({
    keyId: text(`kalshi-${e}-key-id`),
    keyFile: text(`kalshi-${e}-key-file`),
    url: text(`kalshi-${e}-url`),
  });
  const trustProxy = parseTrustProxy(text('trust-proxy'), (m) => fail('trust-proxy', m));
  const allowedHosts = parseAllowedHosts(text('allowed-hosts'), (m) => fail('allowed-hosts', m));
  const cooldownText = text('alert-cooldown');
  if (!/^\d+$/.test(cooldownText))
    fail('alert-cooldown', `"${cooldownText}" is not a whole number of minutes`);

  const origins: Record<string, Origin> = {};
  for (const [name, r] of raw) origins[name] = r.origin;
  return {
    source: text('source') as Source,
    env: text('env') as Options['env'],
    region,
    endpoint,
    host,
    port,
    dataDir: text('data-dir'),
    memory: bool('memory'),
    seed: Number(seedText),
    simulate: !bool('no-simulate'),
    auth: text('auth') as AuthMode,
    authToken: text('auth-token'),
    basicAuth: text('basic-auth'),
    alertWebhook: webhook,
    alertCooldownMinutes: Number(cooldownText),
    kalshi: { prod: kalshiOf('prod'), demo: kalshiOf('demo') },
    insecureNoAuth: bool('insecure-no-auth'),
    trustProxy,
    allowedHosts,
    logLevel: text('log-level') as Options['logLevel'],
    config: text('config'),
    secrets: text('secrets'),
    printConfig: bool('print-config'),
    version: bool('version'),
    help: bool('help'),
    origins,
  };
}

const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/**
 * `--trust-proxy`: off; true (a proxy on this host: ['loopback']); or the proxies' addresses, CIDRs or
 * proxy-addr names. Never a hop count: a count cannot tell a proxy from a client that connects
 * directly and writes the header itself (Fastify ≥ 5.12.1 ignores counts for that reason).
 */
export function parseTrustProxy(value: string, fail: (message: string) => never): TrustProxy {
  const t = value.trim().toLowerCase();
  if (FALSE.has(t)) return false;
  if (TRUE.has(t)) return ['loopback'];
  if (/^\d+$/.test(t)) {
    return fail(
      `"${value}": a hop count cannot tell a proxy from a client that connects directly; give the proxies' addresses instead (e.g. 10.0.0.0/8), or true for a proxy on this host`,
    );
  }
  const list = t
    .split(',')
    .map((a) => a.trim())
    .filter((a) => a !== '');
  for (const a of list) {
    if (PROXY_NAMES.has(a) || isIP(a) !== 0) continue;
    const [addr = '', bits, extra] = a.split('/');
    const family = isIP(addr);
    const max = family === 4 ? 32 : 128;
    if (
      family === 0 ||
      extra !== undefined ||
      bits === undefined ||
      !/^\d{1,3}$/.test(bits) ||
      Number(bits) > max
    ) {
      fail(
        `"${a.slice(0, 60)}" is not true/false, an IP address, a CIDR (10.0.0.0/8) or loopback/linklocal/uniquelocal`,
      );
    }
  }
  return list.length ? list : false;
}

const HOST_NAME = /^\.?[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?(\.[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?)*\.?$/;

/** `--allowed-hosts`: host names (no port, no scheme), lower-cased; `.example.com` for a domain and below. */
export function parseAllowedHosts(value: string, fail: (message: string) => never): string[] {
  const list = value
    .split(',')
    .map((h) => h.trim().toLowerCase())
    .filter((h) => h !== '');
  for (const h of list) {
    if (!HOST_NAME.test(h) || h.length > 253)
      fail(`"${h.slice(0, 60)}" is not a host name (give names only: no scheme, port or path)`);
  }
  return list.map((h) => h.replace(/\.$/, ''));
}

export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host.startsWith('127.');
}

/** Refuses a non-loopback listener without auth, unless explicitly told (DEVELOPERS.md §Security). */
export function checkExposure(o: Options): void {
  if (!isLoopback(o.host) && o.auth === 'none' && !o.insecureNoAuth) {
    throw new UsageError(
      `refusing to listen on ${o.host} without access control: anyone who can reach it could read the bot's data.\n` +
        `  Fix: add --auth token (and set DORA_AUTH_TOKEN), or --auth basic (DORA_BASIC_AUTH=user:bcrypt-hash),\n` +
        `  or keep the default --host 127.0.0.1; --insecure-no-auth overrides this check.`,
    );
  }
}
