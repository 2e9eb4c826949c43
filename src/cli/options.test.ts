import { describe, expect, it } from 'vitest';
import { checkExposure, helpText, parseOptions, UsageError } from './options.js';

describe('command line', () => {
  it('has the documented defaults', () => {
    expect(parseOptions([], {})).toMatchObject({
      source: 'embedded', env: 'demo', region: 'us-east-1', host: '127.0.0.1', port: 8501,
      dataDir: './.dora-data', memory: false, simulate: true, auth: 'none',
    });
  });
  it('lets flags override environment variables override defaults', () => {
    const env = { DORA_ENV: 'prod', DORA_PORT: '9000', AWS_REGION: 'us-west-2' };
    expect(parseOptions([], env)).toMatchObject({ env: 'prod', port: 9000, region: 'us-west-2' });
    expect(parseOptions(['--env', 'demo', '--port=9100'], env)).toMatchObject({ env: 'demo', port: 9100, region: 'us-west-2' });
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
    expect(() => checkExposure(parseOptions(['--host', '0.0.0.0'], {}))).toThrow(/refusing to listen on 0.0.0.0/);
    expect(() => checkExposure(parseOptions(['--host', '0.0.0.0', '--auth', 'token'], {}))).not.toThrow();
    expect(() => checkExposure(parseOptions(['--host', '0.0.0.0', '--insecure-no-auth'], {}))).not.toThrow();
    expect(() => checkExposure(parseOptions([], {}))).not.toThrow();
  });
  it('documents every flag with its environment variable in --help', () => {
    const h = helpText();
    for (const s of ['--source', 'DORA_SOURCE', '--env', 'DORA_ENV', '--region', 'AWS_REGION', '--host', 'DORA_HOST', '--port', 'DORA_PORT', '--data-dir', 'DORA_DATA_DIR', '--memory']) {
      expect(h).toContain(s);
    }
  });
});
