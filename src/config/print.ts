// --print-config: the effective configuration as TOML (so it can be pasted into a config file), each
// value followed by where it came from, every secret masked.
import { FLAGS, fileKey, type FlagSpec, type Options } from '../cli/options.js';
import { describeCredentials } from './credentials.js';
import type { Configuration } from './load.js';
import { maskAccessKeyId, maskBasicAuth, maskSecret } from './mask.js';
import { VERSION } from './version.js';

function rawValue(o: Options, f: FlagSpec): string | number | boolean {
  switch (f.name) {
    case 'data-dir':
      return o.dataDir;
    case 'no-simulate':
      return !o.simulate;
    case 'insecure-no-auth':
      return o.insecureNoAuth;
    case 'trust-proxy':
      return o.trustProxy === false ? false : o.trustProxy.join(',');
    case 'allowed-hosts':
      return o.allowedHosts.join(',');
    case 'log-level':
      return o.logLevel;
    case 'auth-token':
      return maskSecret(o.authToken);
    case 'basic-auth':
      return maskBasicAuth(o.basicAuth);
    case 'alert-webhook':
      return maskSecret(o.alertWebhook);
    case 'alert-cooldown':
      return o.alertCooldownMinutes;
    case 'kalshi-prod-key-id':
    case 'kalshi-demo-key-id': {
      const id = o.kalshi[f.name === 'kalshi-prod-key-id' ? 'prod' : 'demo'].keyId;
      return id ? maskAccessKeyId(id) : '';
    }
    case 'kalshi-prod-key-file':
    case 'kalshi-prod-url':
    case 'kalshi-demo-key-file':
    case 'kalshi-demo-url': {
      const [, env, part] = f.name.split('-') as [string, 'prod' | 'demo', string];
      return part === 'url' ? o.kalshi[env].url : o.kalshi[env].keyFile;
    }
    default: {
      // Every other option's field is its name in camelCase (`log-level` ⇒ logLevel).
      const key = f.name.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase()) as keyof Options;
      const v = o[key];
      if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
      throw new Error(`--print-config: no value for ${f.name}`);
    }
  }
}

function toml(v: string | number | boolean): string {
  return typeof v === 'string' ? JSON.stringify(v) : String(v);
}

export function formatConfig(c: Configuration): string {
  const o = c.options;
  const rows = FLAGS.filter((f) => fileKey(f) !== null).map((f) => {
    const origin = o.origins[f.name];
    const from =
      !origin || origin.kind === 'default'
        ? `default${f.defaultText ? ` (${f.defaultText})` : ''}`
        : origin.label;
    return { left: `${fileKey(f)} = ${toml(rawValue(o, f))}`, from };
  });
  const width = Math.max(...rows.map((r) => r.left.length)) + 2;
  return [
    `# Dora Dashboard ${VERSION}: effective configuration (flags > environment > config file > defaults)`,
    `# config file: ${c.configFile ?? `none (${DEFAULT_HINT})`}`,
    `# secrets file: ${c.secretsFile ?? 'none'}`,
    ...rows.map((r) => `${r.left.padEnd(width)}# ${r.from}`),
    `# AWS credentials (--source aws): ${describeCredentials(c.credentials)}`,
    ...(['prod', 'demo'] as const).map(
      (e) => `# Kalshi ${e} (cash balance): ${c.kalshi[e]?.description ?? 'not configured'}`,
    ),
    ...c.notes.map((n) => `# note: ${n}`),
  ].join('\n');
}

const DEFAULT_HINT = 'no --config, no DORA_CONFIG, no ./dora-dashboard.toml';
