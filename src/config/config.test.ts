// The configuration layer on real files: which file is read, what a bad one says, which credentials
// win, and that printing the configuration never shows a secret.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { generateKeyPairSync } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UsageError } from '../cli/options.js';
import { authFrom } from './auth.js';
import { loadConfiguration } from './load.js';
import { formatConfig } from './print.js';
import { ConfigError } from './toml-file.js';

let dir: string;
const write = (name: string, text: string) => {
  mkdirSync(join(dir, name, '..'), { recursive: true });
  writeFileSync(join(dir, name), text, { mode: 0o600 });
};
const load = (argv: string[] = [], env: NodeJS.ProcessEnv = {}) => loadConfiguration(argv, env, dir);
const SECRET = 'tOtAlLy/SeCrEt+AwS/kEy0123456789abcdef';

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'dora-config-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('the config file', () => {
  it('is ./dora-dashboard.toml when present, else none', () => {
    expect(load().configFile).toBeNull();
    write('dora-dashboard.toml', 'env = "prod"\nport = 9001\nno_simulate = true\n');
    const c = load();
    expect(c.configFile).toBe('./dora-dashboard.toml');
    expect(c.options).toMatchObject({ env: 'prod', port: 9001, simulate: false });
    expect(c.options.origins['port']?.label).toBe('./dora-dashboard.toml:2');
  });
  it('is --config or DORA_CONFIG when given, and must then exist', () => {
    write('etc/dora.toml', 'log_level = "info"\n');
    expect(load(['--config', 'etc/dora.toml']).options.logLevel).toBe('info');
    expect(load([], { DORA_CONFIG: join(dir, 'etc/dora.toml') }).options.logLevel).toBe('info');
    expect(() => load(['--config', 'missing.toml'])).toThrow('missing.toml: no such file');
  });
  it.each([
    ['envv = "prod"\n', './dora-dashboard.toml:1: unknown key "envv" (did you mean env?)'],
    ['env = "prod"\nport = "x"\n', './dora-dashboard.toml:2: port: "x" is not a port number'],
    ['env = "prod"\nmemory = "yes"\n', './dora-dashboard.toml:2: memory: must be true or false'],
    ['env = "prod"\nport = 80.5\n', './dora-dashboard.toml:2: port: must be a string or an integer'],
    ['env = "prod"\nhost = \n', './dora-dashboard.toml:2: host: invalid TOML'],
    ['env = "prod"\n[server]\nport = 1\n', './dora-dashboard.toml:2: [server]: this file has no sections'],
    ['env = "prod"\nregion = [\n', 'invalid TOML: invalid value (in the value of region, line 2)'],
  ])('a bad file is a usage error (exit 2) naming file, line and key: %j', (text, message) => {
    write('dora-dashboard.toml', text);
    expect(() => load()).toThrow(UsageError);
    expect(() => load()).toThrow(message);
  });
  it('never quotes the file in an error (it may hold a secret)', () => {
    write('dora-dashboard.toml', `auth_token = "${SECRET}\n`);
    expect(() => load()).toThrow(ConfigError);
    try {
      load();
    } catch (err) {
      expect((err as Error).message).not.toContain(SECRET);
    }
  });
  it('notes a file holding a secret that others can read', () => {
    writeFileSync(join(dir, 'dora-dashboard.toml'), 'auth_token = "0123456789abcdefXYZ"\n', { mode: 0o644 });
    expect(load().notes.join('\n')).toContain('chmod 600 ./dora-dashboard.toml');
  });
});

describe('the Streamlit secrets file', () => {
  const secrets = `AWS_ACCESS_KEY_ID = "AKIAEXAMPLE00000001"\nAWS_SECRET_ACCESS_KEY = "${SECRET}"\nAWS_DEFAULT_REGION = "eu-central-1"\n[db]\npassword = "other app"\n`;
  it('gives --source aws its keys, passed explicitly, and its region below every other source', () => {
    write('.streamlit/secrets.toml', secrets);
    const c = load(['--source', 'aws']);
    expect(c.secretsFile).toBe('./.streamlit/secrets.toml');
    expect(c.credentials).toEqual({
      from: 'secrets-file',
      shown: './.streamlit/secrets.toml',
      keys: { accessKeyId: 'AKIAEXAMPLE00000001', secretAccessKey: SECRET },
    });
    expect(c.options.region).toBe('eu-central-1');
    expect(c.options.origins['region']?.label).toBe('./.streamlit/secrets.toml:3');
    write('dora-dashboard.toml', 'region = "us-west-2"\n');
    expect(load(['--source', 'aws']).options.region).toBe('us-west-2');
    expect(load(['--source', 'aws'], { AWS_REGION: 'ap-south-1' }).options.region).toBe('ap-south-1');
  });
  it('is not read for the embedded store unless named', () => {
    write('.streamlit/secrets.toml', 'AWS_ACCESS_KEY_ID = 5\n');
    expect(load().secretsFile).toBeNull();
    expect(() => load(['--secrets', '.streamlit/secrets.toml'])).toThrow(
      '.streamlit/secrets.toml:1: AWS_ACCESS_KEY_ID: must be a non-empty string',
    );
  });
  it('can be named by --secrets, DORA_SECRETS or `secrets` in the config file', () => {
    write('keys/aws.toml', secrets);
    expect(load(['--source', 'aws', '--secrets', 'keys/aws.toml']).credentials.from).toBe('secrets-file');
    write('dora-dashboard.toml', 'source = "aws"\nsecrets = "keys/aws.toml"\n');
    expect(load().credentials.from).toBe('secrets-file');
    expect(() => load([], { DORA_SECRETS: 'nope.toml' })).toThrow('nope.toml: no such file');
  });
  it('needs both keys', () => {
    write('.streamlit/secrets.toml', 'AWS_ACCESS_KEY_ID = "AKIAEXAMPLE00000001"\n');
    expect(() => load(['--source', 'aws'])).toThrow('AWS_SECRET_ACCESS_KEY: missing');
  });
  it('gives way to credentials the environment names (AWS_PROFILE, SSO, AWS_ACCESS_KEY_ID)', () => {
    write('.streamlit/secrets.toml', secrets);
    const c = load(['--source', 'aws'], { AWS_PROFILE: 'dora-readonly' });
    expect(c.credentials).toMatchObject({ from: 'sdk-chain', detail: 'AWS_PROFILE=dora-readonly' });
    expect(c.notes.join('\n')).toContain('are not used');
    expect(load(['--source', 'aws'], { AWS_ACCESS_KEY_ID: 'AKIAENV' }).credentials.from).toBe('sdk-chain');
  });
});

describe('--print-config', () => {
  it('shows every value with its origin and masks tokens, bcrypt hashes and AWS secret keys', () => {
    write(
      '.streamlit/secrets.toml',
      `AWS_ACCESS_KEY_ID = "AKIAEXAMPLE00000001"\nAWS_SECRET_ACCESS_KEY = "${SECRET}"\nAWS_SESSION_TOKEN = "sessiontoken-secret-value"\n`,
    );
    write(
      'dora-dashboard.toml',
      'source = "aws"\nauth = "basic"\nbasic_auth = "admin:$2b$12$abcdefghijklmnopqrstuuN0tReAlHaShValue000000000000000"\n',
    );
    const c = load(['--port', '9999'], {
      DORA_AUTH_TOKEN: 'token-that-must-not-show-123',
      DORA_ALERT_WEBHOOK: 'https://hooks.example.com/services/webhook-secret-part',
    });
    const text = formatConfig(c);
    expect(text).toMatch(/^port = 9999 +# --port$/m);
    expect(text).toMatch(/^source = "aws" +# \.\/dora-dashboard\.toml:1$/m);
    expect(text).toMatch(/^auth_token = "\*{8}" +# DORA_AUTH_TOKEN$/m);
    expect(text).toMatch(/^basic_auth = "admin:\*{8}" +# \.\/dora-dashboard\.toml:3$/m);
    expect(text).toContain(
      'AWS_ACCESS_KEY_ID AKIA…0001, AWS_SECRET_ACCESS_KEY ********, AWS_SESSION_TOKEN ********',
    );
    for (const secret of [
      SECRET,
      'token-that-must-not-show-123',
      'N0tReAlHaSh',
      'sessiontoken-secret-value',
      'AKIAEXAMPLE00000001',
    ]) {
      expect(text).not.toContain(secret);
    }
  });
});

describe('--print-config of the proxy and host settings (issue 21)', () => {
  it('prints every option as a value, never "undefined"; trust_proxy and allowed_hosts as they parse', () => {
    const plain = formatConfig(load());
    expect(plain).not.toContain('undefined');
    expect(plain).toMatch(/^trust_proxy = false +# default \(off\)$/m);
    expect(plain).toMatch(/^allowed_hosts = "" +# default/m);
    write(
      'dora-dashboard.toml',
      'trust_proxy = true\nallowed_hosts = ["dash.example.com", ".corp.example"]\n',
    );
    const set = formatConfig(load());
    expect(set).toMatch(/^trust_proxy = "loopback" +# \.\/dora-dashboard\.toml:1$/m);
    expect(set).toMatch(
      /^allowed_hosts = "dash\.example\.com,\.corp\.example" +# \.\/dora-dashboard\.toml:2$/m,
    );
    expect(formatConfig(load(['--trust-proxy', '10.0.0.0/8,192.168.1.1']))).toMatch(
      /^trust_proxy = "10\.0\.0\.0\/8,192\.168\.1\.1" +# --trust-proxy$/m,
    );
  });
});

describe('access-control settings', () => {
  it('take the token and the basic-auth hash from the environment or the file', () => {
    write('dora-dashboard.toml', 'auth = "token"\nauth_token = "a-long-enough-token-123"\n');
    expect(authFrom(load().options)).toEqual({ mode: 'token', token: 'a-long-enough-token-123' });
    expect(() => authFrom(load([], { DORA_AUTH_TOKEN: 'short' }).options)).toThrow(UsageError);
    const hash = '$2b$12$abcdefghijklmnopqrstuuN0tReAlHaShValue000000000000000';
    expect(authFrom(load(['--auth', 'basic'], { DORA_BASIC_AUTH: `admin:${hash}` }).options)).toEqual({
      mode: 'basic',
      user: 'admin',
      bcryptHash: hash,
    });
    expect(() => authFrom(load(['--auth', 'basic'], { DORA_BASIC_AUTH: 'admin:plain' }).options)).toThrow(
      'user:bcrypt-hash',
    );
  });
});

describe('Kalshi keys for the cash balance', () => {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const keyId = '0a1b2c3d-4e5f-6789-abcd-ef0123456789';

  it('come from the Streamlit secrets file as the old dashboard read them (PROD_KEYID + PROD_KEY_B64)', () => {
    write(
      '.streamlit/secrets.toml',
      `PROD_KEYID = "${keyId}"\nPROD_KEY_B64 = "${Buffer.from(pem).toString('base64')}"\n`,
    );
    const c = load(['--source', 'aws']);
    expect(c.kalshi.prod).toMatchObject({
      keyId,
      privateKeyPem: pem,
      baseUrl: 'https://api.elections.kalshi.com',
    });
    expect(c.kalshi.demo).toBeUndefined();
    const text = formatConfig(c);
    expect(text).toContain(
      '# Kalshi prod (cash balance): key id 0a1b…6789 (./.streamlit/secrets.toml:1 PROD_KEYID)',
    );
    expect(text).toContain('# Kalshi demo (cash balance): not configured');
    expect(text).not.toContain(keyId);
    expect(text).not.toContain('PRIVATE KEY');
  });

  it('or from the options, a key file path taking the place of the PEM', () => {
    write('keys/demo.pem', pem);
    const c = load([], {
      DORA_KALSHI_DEMO_KEY_ID: keyId,
      DORA_KALSHI_DEMO_KEY_FILE: 'keys/demo.pem',
      DORA_KALSHI_DEMO_URL: 'http://127.0.0.1:9',
    });
    expect(c.kalshi.demo).toMatchObject({ keyId, privateKeyPem: pem, baseUrl: 'http://127.0.0.1:9' });
    expect(formatConfig(c)).toMatch(/^kalshi_demo_key_id = "0a1b…6789" +# DORA_KALSHI_DEMO_KEY_ID$/m);
  });

  it('half a configuration, or a key that is not one, stops the start without quoting the key', () => {
    expect(() => load([], { DORA_KALSHI_PROD_KEY_ID: keyId })).toThrow(
      /Kalshi prod: DORA_KALSHI_PROD_KEY_ID is set but a private key/,
    );
    write('.streamlit/secrets.toml', 'PROD_KEYID = "abc"\nPROD_KEY = "not-a-key-material-XYZ"\n');
    expect(() => load(['--source', 'aws'])).toThrow(
      'Kalshi prod: ./.streamlit/secrets.toml:2 PROD_KEY is not a PEM private key',
    );
    expect(() => load([], { DORA_KALSHI_PROD_KEY_ID: 'a', DORA_KALSHI_PROD_KEY_FILE: 'nope.pem' })).toThrow(
      'cannot be read (ENOENT)',
    );
  });
});
