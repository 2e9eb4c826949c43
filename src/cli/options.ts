// One command line: flags override environment variables, which override defaults. A bad flag or
// value is a UsageError naming it, so main can print it with the fix and exit 2.
import { isIP } from 'node:net';

export type Source = 'embedded' | 'aws';
export type AuthMode = 'none' | 'token' | 'basic';

export interface Options {
  source: Source;
  env: 'demo' | 'prod';
  region: string;
  host: string;
  port: number;
  dataDir: string;
  memory: boolean;
  seed: number;
  /** Keep writing simulated bot activity into the embedded store. */
  simulate: boolean;
  auth: AuthMode;
  insecureNoAuth: boolean;
  logLevel: 'error' | 'warn' | 'info' | 'debug';
  help: boolean;
}

export class UsageError extends Error {}

interface FlagSpec {
  name: string;
  env?: string;
  kind: 'string' | 'boolean';
  help: string;
  default: string;
  values?: readonly string[];
}

export const FLAGS: readonly FlagSpec[] = [
  { name: 'source', env: 'DORA_SOURCE', kind: 'string', values: ['embedded', 'aws'], default: 'embedded', help: 'where the tables live: the embedded store with simulated bot activity, or AWS DynamoDB' },
  { name: 'env', env: 'DORA_ENV', kind: 'string', values: ['demo', 'prod'], default: 'demo', help: 'which set of tables to show by default (…_demo or …_prod)' },
  { name: 'region', env: 'AWS_REGION', kind: 'string', default: 'us-east-1', help: 'AWS region of the tables' },
  { name: 'host', env: 'DORA_HOST', kind: 'string', default: '127.0.0.1', help: 'address to listen on (anything but loopback needs --auth)' },
  { name: 'port', env: 'DORA_PORT', kind: 'string', default: '8501', help: 'port to listen on' },
  { name: 'data-dir', env: 'DORA_DATA_DIR', kind: 'string', default: './.dora-data', help: 'embedded store: folder that keeps its data between runs' },
  { name: 'memory', env: 'DORA_MEMORY', kind: 'boolean', default: 'false', help: 'embedded store: keep data in memory only (nothing written to disk)' },
  { name: 'seed', env: 'DORA_SEED', kind: 'string', default: '42', help: 'embedded store: simulator seed for the generated history' },
  { name: 'no-simulate', env: 'DORA_NO_SIMULATE', kind: 'boolean', default: 'false', help: 'embedded store: do not keep writing live bot activity' },
  { name: 'auth', env: 'DORA_AUTH', kind: 'string', values: ['none', 'token', 'basic'], default: 'none', help: 'access control: token (DORA_AUTH_TOKEN; Bearer header or login page) or basic (DORA_BASIC_AUTH=user:bcrypt-hash)' },
  { name: 'insecure-no-auth', env: 'DORA_INSECURE_NO_AUTH', kind: 'boolean', default: 'false', help: 'allow a non-loopback --host without --auth (not recommended)' },
  { name: 'log-level', env: 'DORA_LOG_LEVEL', kind: 'string', values: ['error', 'warn', 'info', 'debug'], default: 'warn', help: 'server log level (JSON lines on stdout; info logs every request with its id)' },
  { name: 'help', kind: 'boolean', default: 'false', help: 'show this help' },
];

export function helpText(): string {
  const lines = FLAGS.map((f) => {
    const left = `  --${f.name}${f.kind === 'string' ? ` <${f.values ? f.values.join('|') : 'value'}>` : ''}`;
    const env = f.env ? ` [${f.env}]` : '';
    const dflt = f.kind === 'string' ? ` (default ${f.default})` : '';
    return `${left.padEnd(38)} ${f.help}${env}${dflt}`;
  });
  return [
    'Dora Dashboard — a read-only live dashboard for the Dora market-making bot.',
    '',
    'Usage: npm start -- [options]',
    '',
    'Options (flags override environment variables, which override defaults):',
    ...lines,
    '',
    'With --source aws the AWS SDK default credential chain is used (AWS_PROFILE, SSO, environment,',
    'instance roles); AWS_ENDPOINT_URL_DYNAMODB points it at any DynamoDB-compatible endpoint.',
  ].join('\n');
}

const TRUE = new Set(['1', 'true', 'yes', 'on']);
const FALSE = new Set(['0', 'false', 'no', 'off', '']);

function boolFrom(name: string, text: string): boolean {
  const t = text.toLowerCase();
  if (TRUE.has(t)) return true;
  if (FALSE.has(t)) return false;
  throw new UsageError(`--${name}: expected true or false, got "${text}"`);
}

export function parseOptions(argv: readonly string[], env: NodeJS.ProcessEnv): Options {
  const raw = new Map<string, string>();
  for (const f of FLAGS) {
    const fromEnv = f.env ? env[f.env] : undefined;
    raw.set(f.name, fromEnv !== undefined && fromEnv !== '' ? fromEnv : f.default);
  }
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (!arg.startsWith('--')) throw new UsageError(`unexpected argument "${arg}" (options start with --; see --help)`);
    const [name, inline] = arg.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
    const spec = FLAGS.find((f) => f.name === name);
    if (!spec) throw new UsageError(`unknown option --${name} (see --help for the list)`);
    if (spec.kind === 'boolean') {
      raw.set(name, inline ?? 'true');
    } else {
      const value = inline ?? argv[++i];
      if (value === undefined || (inline === undefined && value.startsWith('--'))) {
        throw new UsageError(`--${name} needs a value`);
      }
      raw.set(name, value);
    }
  }
  for (const f of FLAGS) {
    const v = raw.get(f.name) as string;
    if (f.values && !f.values.includes(v)) {
      throw new UsageError(`--${f.name}${f.env ? ` / ${f.env}` : ''}: "${v}" is not one of ${f.values.join(', ')}`);
    }
  }
  const portText = raw.get('port') as string;
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port < 1 || port > 65535) {
    throw new UsageError(`--port / DORA_PORT: "${portText}" is not a port number (1–65535)`);
  }
  const seedText = raw.get('seed') as string;
  if (!/^\d+$/.test(seedText)) throw new UsageError(`--seed / DORA_SEED: "${seedText}" is not a non-negative integer`);
  const region = raw.get('region') as string;
  if (!/^[a-z]{2}(-[a-z]+)+-\d$/.test(region)) {
    throw new UsageError(`--region / AWS_REGION: "${region}" does not look like an AWS region (e.g. us-east-1)`);
  }
  const host = raw.get('host') as string;
  if (host !== 'localhost' && isIP(host) === 0) throw new UsageError(`--host / DORA_HOST: "${host}" is not an IP address`);
  return {
    source: raw.get('source') as Source,
    env: raw.get('env') as Options['env'],
    region,
    host,
    port,
    dataDir: raw.get('data-dir') as string,
    memory: boolFrom('memory', raw.get('memory') as string),
    seed: Number(seedText),
    simulate: !boolFrom('no-simulate', raw.get('no-simulate') as string),
    auth: raw.get('auth') as AuthMode,
    insecureNoAuth: boolFrom('insecure-no-auth', raw.get('insecure-no-auth') as string),
    logLevel: raw.get('log-level') as Options['logLevel'],
    help: boolFrom('help', raw.get('help') as string),
  };
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
