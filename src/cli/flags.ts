// Every option the dashboard knows, once: its flag, environment variable, config-file key, default
// and help. Help text, the config-file reader, --print-config and the table in docs/operations.md (checked by
// test/docs-config.test.ts) all come from this list.
export interface FlagSpec {
  name: string;
  env?: string;
  kind: 'string' | 'boolean';
  help: string;
  default: string;
  /** How the default reads in help and docs, when '' would say nothing. */
  defaultText?: string;
  values?: readonly string[];
  /** false ⇒ environment or config file only (secrets must not sit in the process list). */
  flag?: false;
  /** Key in dora-dashboard.toml; false ⇒ not settable there. Default: the name with `_` for `-`. */
  file?: false;
  /** Masked wherever the configuration is shown. */
  secret?: true;
  /** A string option that may also be given bare (`--trust-proxy`): the value it then takes. */
  bare?: string;
  /** Comma-separated in flags and variables; the config file may also give a list of strings. */
  list?: true;
  /** The config file may give true/false for it (a string option that grew out of a boolean). */
  fileBoolean?: true;
}

export const FLAGS: readonly FlagSpec[] = [
  {
    name: 'source',
    env: 'DORA_SOURCE',
    kind: 'string',
    values: ['embedded', 'aws'],
    default: 'embedded',
    help: 'where the tables live: the embedded store with simulated bot activity, or AWS DynamoDB',
  },
  {
    name: 'env',
    env: 'DORA_ENV',
    kind: 'string',
    values: ['demo', 'prod'],
    default: 'demo',
    help: 'which set of tables to show by default (…_demo or …_prod)',
  },
  {
    name: 'region',
    env: 'AWS_REGION',
    kind: 'string',
    default: 'us-east-1',
    help: 'AWS region of the tables (also AWS_DEFAULT_REGION in the secrets file)',
  },
  {
    name: 'endpoint',
    env: 'AWS_ENDPOINT_URL_DYNAMODB',
    kind: 'string',
    default: '',
    defaultText: 'the SDK’s',
    help: 'a DynamoDB-compatible endpoint URL, e.g. DynamoDB Local',
  },
  {
    name: 'host',
    env: 'DORA_HOST',
    kind: 'string',
    default: '127.0.0.1',
    help: 'address to listen on (anything but loopback needs --auth)',
  },
  { name: 'port', env: 'DORA_PORT', kind: 'string', default: '8501', help: 'port to listen on' },
  {
    name: 'data-dir',
    env: 'DORA_DATA_DIR',
    kind: 'string',
    default: './.dora-data',
    help: 'embedded store: folder that keeps its data between runs',
  },
  {
    name: 'memory',
    env: 'DORA_MEMORY',
    kind: 'boolean',
    default: 'false',
    help: 'embedded store: keep data in memory only (nothing written to disk)',
  },
  {
    name: 'seed',
    env: 'DORA_SEED',
    kind: 'string',
    default: '42',
    help: 'embedded store: simulator seed for the generated history',
  },
  {
    name: 'no-simulate',
    env: 'DORA_NO_SIMULATE',
    kind: 'boolean',
    default: 'false',
    help: 'embedded store: do not keep writing live bot activity',
  },
  {
    name: 'auth',
    env: 'DORA_AUTH',
    kind: 'string',
    values: ['none', 'token', 'basic'],
    default: 'none',
    help: 'access control: token (DORA_AUTH_TOKEN; Bearer header or login page) or basic (DORA_BASIC_AUTH=user:bcrypt-hash)',
  },
  {
    name: 'auth-token',
    env: 'DORA_AUTH_TOKEN',
    kind: 'string',
    default: '',
    defaultText: 'none',
    flag: false,
    secret: true,
    help: '--auth token: the shared secret, 16+ characters',
  },
  {
    name: 'basic-auth',
    env: 'DORA_BASIC_AUTH',
    kind: 'string',
    default: '',
    defaultText: 'none',
    flag: false,
    secret: true,
    help: '--auth basic: user:bcrypt-hash',
  },
  {
    name: 'insecure-no-auth',
    env: 'DORA_INSECURE_NO_AUTH',
    kind: 'boolean',
    default: 'false',
    help: 'allow a non-loopback --host without --auth (not recommended)',
  },
  {
    name: 'trust-proxy',
    env: 'DORA_TRUST_PROXY',
    kind: 'string',
    default: 'false',
    defaultText: 'off',
    bare: 'true',
    list: true,
    fileBoolean: true,
    help: 'behind a reverse proxy: take the client address and scheme from X-Forwarded-* when the request comes from it; true = a proxy on this host (loopback), or the proxies’ addresses/CIDRs, comma-separated',
  },
  {
    name: 'allowed-hosts',
    env: 'DORA_ALLOWED_HOSTS',
    kind: 'string',
    default: '',
    defaultText: 'IP addresses, localhost and *.localhost',
    list: true,
    help: 'host names the server answers to besides those (comma-separated; .example.com also allows its subdomains); others get 421. Checked without --auth, or whenever set',
  },
  {
    name: 'alert-webhook',
    env: 'DORA_ALERT_WEBHOOK',
    kind: 'string',
    default: '',
    defaultText: 'none',
    flag: false,
    secret: true,
    help: 'Slack-compatible incoming-webhook URL that new alerts are posted to',
  },
  {
    name: 'alert-cooldown',
    env: 'DORA_ALERT_COOLDOWN',
    kind: 'string',
    default: '30',
    help: 'minutes before an alert that cleared and came back is posted again',
  },
  {
    name: 'kalshi-prod-key-id',
    env: 'DORA_KALSHI_PROD_KEY_ID',
    kind: 'string',
    default: '',
    defaultText: 'PROD_KEYID in the secrets file',
    help: 'Kalshi API key id, for the prod cash balance',
  },
  {
    name: 'kalshi-prod-key-file',
    env: 'DORA_KALSHI_PROD_KEY_FILE',
    kind: 'string',
    default: '',
    defaultText: 'PROD_KEY_B64 or PROD_KEY in the secrets file',
    help: 'PEM file of that key’s RSA private key (prod)',
  },
  {
    name: 'kalshi-prod-url',
    env: 'DORA_KALSHI_PROD_URL',
    kind: 'string',
    default: 'https://api.elections.kalshi.com',
    help: 'Kalshi API base URL (prod)',
  },
  {
    name: 'kalshi-demo-key-id',
    env: 'DORA_KALSHI_DEMO_KEY_ID',
    kind: 'string',
    default: '',
    defaultText: 'DEMO_KEYID in the secrets file',
    help: 'Kalshi API key id, for the demo cash balance',
  },
  {
    name: 'kalshi-demo-key-file',
    env: 'DORA_KALSHI_DEMO_KEY_FILE',
    kind: 'string',
    default: '',
    defaultText: 'DEMO_KEY_B64 or DEMO_KEY in the secrets file',
    help: 'PEM file of that key’s RSA private key (demo)',
  },
  {
    name: 'kalshi-demo-url',
    env: 'DORA_KALSHI_DEMO_URL',
    kind: 'string',
    default: 'https://demo-api.kalshi.co',
    help: 'Kalshi API base URL (demo)',
  },
  {
    name: 'log-level',
    env: 'DORA_LOG_LEVEL',
    kind: 'string',
    values: ['error', 'warn', 'info', 'debug'],
    default: 'warn',
    help: 'server log level (JSON lines on stdout; info logs every request with its id)',
  },
  {
    name: 'config',
    env: 'DORA_CONFIG',
    kind: 'string',
    default: '',
    defaultText: './dora-dashboard.toml if present',
    file: false,
    help: 'the config file (TOML)',
  },
  {
    name: 'secrets',
    env: 'DORA_SECRETS',
    kind: 'string',
    default: '',
    defaultText: './.streamlit/secrets.toml if present',
    help: 'Streamlit-style secrets file with AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY',
  },
  {
    name: 'print-config',
    kind: 'boolean',
    default: 'false',
    file: false,
    help: 'print the effective configuration, where each value came from, secrets masked; then exit',
  },
  { name: 'version', kind: 'boolean', default: 'false', file: false, help: 'print the version and exit' },
  { name: 'help', kind: 'boolean', default: 'false', file: false, help: 'show this help' },
];

/** The option's key in dora-dashboard.toml, or null when it cannot be set there. */
export function fileKey(f: FlagSpec): string | null {
  return f.file === false ? null : f.name.replace(/-/g, '_');
}
