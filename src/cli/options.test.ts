import { describe, expect, it } from 'vitest';
import { checkExposure, helpText, parseOptions, UsageError } from './options.js';

describe('command line', () => {
  it('has the documented defaults', () => {
    expect(parseOptions([], {})).toMatchObject({
      source: 'embedded',
      env: 'demo',
      region: 'us-east-1',
      host: '127.0.0.1',
      port: 8501,
      dataDir: './.dora-data',
      memory: false,
      simulate: true,
      auth: 'none',
    });
  });
  it('lets flags override environment variables override defaults', () => {
    const env = { DORA_ENV: 'prod', DORA_PORT: '9000', AWS_REGION: 'us-west-2' };
    expect(parseOptions([], env)).toMatchObject({ env: 'prod', port: 9000, region: 'us-west-2' });
    expect(parseOptions(['--env', 'demo', '--port=9100'], env)).toMatchObject({
      env: 'demo',
      port: 9100,
      region: 'us-west-2',
    });
    expect(parseOptions(['--memory', '--no-simulate'], {})).toMatchObject({ memory: true, simulate: false });
  });
  it.each([
    [['--bogus'], 'unknown option --bogus'],
    [['--env', 'staging'], '"staging" is not one of demo, prod'],
    [['--source', 'mysql'], '"mysql" is not one of embedded, aws'],
    [['--port', '70000'], 'is not a port number'],
    [['--port'], '--port needs a value'],
    [['--region', 'mars'], 'does not look like an AWS region'],
    [['--host', 'not a host'], 'is not an IP address'],
    [['prod'], 'unexpected argument "prod"'],
  ])('rejects %j with a message naming the problem', (argv, msg) => {
    expect(() => parseOptions(argv, {})).toThrow(UsageError);
    expect(() => parseOptions(argv, {})).toThrow(msg);
  });
  it('refuses a non-loopback host without auth unless told explicitly', () => {
    expect(() => checkExposure(parseOptions(['--host', '0.0.0.0'], {}))).toThrow(
      /refusing to listen on 0.0.0.0/,
    );
    expect(() => checkExposure(parseOptions(['--host', '0.0.0.0', '--auth', 'token'], {}))).not.toThrow();
    expect(() => checkExposure(parseOptions(['--host', '0.0.0.0', '--insecure-no-auth'], {}))).not.toThrow();
    expect(() => checkExposure(parseOptions([], {}))).not.toThrow();
  });
  it('documents every flag with its environment variable in --help', () => {
    const h = helpText();
    for (const s of [
      '--source',
      'DORA_SOURCE',
      '--env',
      'DORA_ENV',
      '--region',
      'AWS_REGION',
      '--host',
      'DORA_HOST',
      '--port',
      'DORA_PORT',
      '--data-dir',
      'DORA_DATA_DIR',
      '--memory',
    ]) {
      expect(h).toContain(s);
    }
  });
});

describe('the config-file layer', () => {
  const file = new Map([
    ['env', { value: 'prod', origin: './dora-dashboard.toml:1' }],
    ['port', { value: '9200', origin: './dora-dashboard.toml:2' }],
    ['region', { value: 'eu-west-1', origin: './dora-dashboard.toml:3' }],
  ]);
  it('sits below flags and environment variables, above defaults, and remembers origins', () => {
    const o = parseOptions(['--port', '9300'], { AWS_REGION: 'us-west-2' }, file);
    expect(o).toMatchObject({ env: 'prod', port: 9300, region: 'us-west-2', host: '127.0.0.1' });
    expect(o.origins['env']).toEqual({ kind: 'file', label: './dora-dashboard.toml:1' });
    expect(o.origins['port']).toEqual({ kind: 'flag', label: '--port' });
    expect(o.origins['region']).toEqual({ kind: 'env', label: 'AWS_REGION' });
    expect(o.origins['host']).toEqual({ kind: 'default', label: 'default' });
  });
  it('names the file, line and key of a bad value', () => {
    const bad = new Map([['port', { value: 'eighty', origin: '/etc/dora/dora-dashboard.toml:7' }]]);
    expect(() => parseOptions([], {}, bad)).toThrow(
      '/etc/dora/dora-dashboard.toml:7: port: "eighty" is not a port number',
    );
  });
  it('names the environment variable of a bad value', () => {
    expect(() => parseOptions([], { DORA_SOURCE: 'mysql' })).toThrow(
      'DORA_SOURCE: "mysql" is not one of embedded, aws',
    );
  });
  it('takes secrets from the environment or file only, never from the command line', () => {
    expect(parseOptions([], { DORA_AUTH_TOKEN: 'x'.repeat(20) }).authToken).toBe('x'.repeat(20));
    expect(() => parseOptions(['--auth-token', 'abc'], {})).toThrow(
      /not accepted on the command line.*DORA_AUTH_TOKEN/,
    );
    expect(() => parseOptions(['--basic-auth=u:h'], {})).toThrow(/DORA_BASIC_AUTH/);
  });
  it('has --version, --print-config, --config and --secrets', () => {
    expect(
      parseOptions(['--version', '--print-config', '--config', 'a.toml', '--secrets', 's.toml'], {}),
    ).toMatchObject({
      version: true,
      printConfig: true,
      config: 'a.toml',
      secrets: 's.toml',
    });
    expect(parseOptions([], { DORA_CONFIG: '/etc/d.toml' }).config).toBe('/etc/d.toml');
  });
  it('checks an endpoint is an http(s) URL', () => {
    expect(parseOptions(['--endpoint', 'http://127.0.0.1:8000'], {}).endpoint).toBe('http://127.0.0.1:8000');
    expect(() => parseOptions(['--endpoint', 'localhost:8000'], {})).toThrow('is not an http(s) URL');
  });
});

describe('alert settings', () => {
  it('take the webhook from the environment or file only, and never echo a bad one', () => {
    const url = 'https://hooks.example.com/services/T000/B000/secretpart';
    expect(parseOptions([], { DORA_ALERT_WEBHOOK: url })).toMatchObject({
      alertWebhook: url,
      alertCooldownMinutes: 30,
    });
    expect(() => parseOptions(['--alert-webhook', url], {})).toThrow(/DORA_ALERT_WEBHOOK/);
    expect(() => parseOptions([], { DORA_ALERT_WEBHOOK: 'hooks/secretpart' })).toThrow(
      'DORA_ALERT_WEBHOOK: is not an http(s) URL',
    );
    try {
      parseOptions([], { DORA_ALERT_WEBHOOK: 'hooks/secretpart' });
    } catch (err) {
      expect((err as Error).message).not.toContain('secretpart');
    }
    expect(parseOptions(['--alert-cooldown', '5'], {}).alertCooldownMinutes).toBe(5);
    expect(() => parseOptions(['--alert-cooldown', '1.5'], {})).toThrow('is not a whole number of minutes');
  });
});

describe('proxy and host settings (issue 21)', () => {
  it('--trust-proxy: bare or true trusts a proxy on this host; a list names the proxies; never a hop count', () => {
    expect(parseOptions([], {}).trustProxy).toBe(false);
    expect(parseOptions(['--trust-proxy'], {}).trustProxy).toEqual(['loopback']);
    expect(parseOptions(['--trust-proxy', '--port', '9000'], {})).toMatchObject({
      trustProxy: ['loopback'],
      port: 9000,
    });
    expect(parseOptions(['--trust-proxy=false'], {}).trustProxy).toBe(false);
    expect(parseOptions([], { DORA_TRUST_PROXY: 'true' }).trustProxy).toEqual(['loopback']);
    expect(
      parseOptions(['--trust-proxy', '10.0.0.0/8, fd00::/8,172.16.0.1,uniquelocal'], {}).trustProxy,
    ).toEqual(['10.0.0.0/8', 'fd00::/8', '172.16.0.1', 'uniquelocal']);
    // 1 reads as true (one proxy, on this host); a count of hops is refused.
    expect(parseOptions(['--trust-proxy', '1'], {}).trustProxy).toEqual(['loopback']);
    expect(() => parseOptions(['--trust-proxy', '2'], {})).toThrow(/hop count/);
    for (const bad of ['10.0.0.0/33', 'proxy.example.com', '10.0.0.0/8/1', '*']) {
      expect(() => parseOptions(['--trust-proxy', bad], {}), bad).toThrow(UsageError);
    }
  });
  it('--allowed-hosts: host names only, lower-cased', () => {
    expect(parseOptions([], {}).allowedHosts).toEqual([]);
    expect(parseOptions(['--allowed-hosts', 'Dash.Example.com,.corp.example'], {}).allowedHosts).toEqual([
      'dash.example.com',
      '.corp.example',
    ]);
    for (const bad of ['https://dash.example.com', 'dash.example.com:443', 'a b', '*.example.com']) {
      expect(() => parseOptions(['--allowed-hosts', bad], {}), bad).toThrow('is not a host name');
    }
  });
  it('lists both in --help', () => {
    expect(helpText()).toContain('--trust-proxy [<value>]');
    expect(helpText()).toContain('--allowed-hosts <value>');
    expect(helpText()).toContain('DORA_ALLOWED_HOSTS');
  });
});
