// Kalshi API access for the cash balance, per environment: the key id and the RSA private key, from
// the options (DORA_KALSHI_PROD_KEY_ID / _KEY_FILE, …) or else the Streamlit secrets file
// (PROD_KEYID + PROD_KEY_B64 / PROD_KEY). A half-configured or unreadable key stops the start with a
// usage error naming where it came from — a balance card that silently says N/A hides the mistake.
import { createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Options } from '../cli/options.js';
import type { KalshiConfig } from '../server/kalshi-balance.js';
import type { KalshiCredentials } from '../store/kalshi/market-data-client.js';
import type { MarketDataEnvOptions } from '../store/kalshi/market-data-source.js';
import { maskAccessKeyId, MASK } from './mask.js';
import type { AwsSecrets } from './secrets-file.js';
import { ConfigError } from './toml-file.js';

export type Kalshi = Partial<Record<'prod' | 'demo', KalshiConfig & { description: string }>>;

export function kalshiFrom(o: Options, secrets: AwsSecrets | null, cwd: string): Kalshi {
  const out: Kalshi = {};
  for (const env of ['prod', 'demo'] as const) {
    const E = env.toUpperCase();
    const opt = o.kalshi[env];
    const fromFile = secrets?.kalshi[env];
    const keyId = opt.keyId
      ? { value: opt.keyId, origin: o.origins[`kalshi-${env}-key-id`]?.label ?? '' }
      : fromFile?.keyId;
    let pem = fromFile?.pem;
    if (opt.keyFile) {
      const where = o.origins[`kalshi-${env}-key-file`]?.label ?? '';
      try {
        pem = { value: readFileSync(resolve(cwd, opt.keyFile), 'utf8'), origin: `${opt.keyFile} (${where})` };
      } catch (err) {
        throw new ConfigError(
          `${where}: kalshi ${env} key file ${opt.keyFile} cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'})`,
        );
      }
    }
    if (!keyId && !pem) continue;
    if (!keyId || !pem) {
      const [have, missing] = keyId
        ? [keyId.origin, `a private key (DORA_KALSHI_${E}_KEY_FILE, or ${E}_KEY_B64 in the secrets file)`]
        : [pem?.origin ?? '', `a key id (DORA_KALSHI_${E}_KEY_ID, or ${E}_KEYID in the secrets file)`];
      throw new ConfigError(`Kalshi ${env}: ${have} is set but ${missing} is not; they go together`);
    }
    try {
      createPrivateKey(pem.value);
    } catch {
      // Never quote the key: name where it came from.
      throw new ConfigError(`Kalshi ${env}: ${pem.origin} is not a PEM private key`);
    }
    out[env] = {
      keyId: keyId.value,
      privateKeyPem: pem.value,
      baseUrl: opt.url,
      description: `key id ${maskAccessKeyId(keyId.value)} (${keyId.origin}), private key ${MASK} (${pem.origin})`,
    };
  }
  return out;
}

/**
 * Where each environment's Kalshi market data comes from (issue 20), for createMarketDataSource:
 * `--kalshi-<env>-url` (or its default) with that env's credentials, if any, for the settlements;
 * in the embedded mode, unless the URL was set (flag, environment or config file), the simulated
 * Kalshi of the embedded store, with the key it accepts. Market data itself needs no credentials.
 */
export function marketDataEnvs(
  o: Pick<Options, 'kalshi' | 'origins'>,
  kalshi: Kalshi,
  embedded: { kalshi: Record<'prod' | 'demo', { url: string; credentials: KalshiCredentials }> } | null,
): Record<'prod' | 'demo', MarketDataEnvOptions> {
  const out = {} as Record<'prod' | 'demo', MarketDataEnvOptions>;
  for (const env of ['prod', 'demo'] as const) {
    const fake = embedded?.kalshi[env];
    const urlSet = (o.origins[`kalshi-${env}-url`]?.kind ?? 'default') !== 'default';
    const creds = kalshi[env];
    out[env] =
      fake && !urlSet
        ? { baseUrl: fake.url, credentials: fake.credentials }
        : {
            baseUrl: o.kalshi[env].url,
            credentials: creds ? { keyId: creds.keyId, privateKeyPem: creds.privateKeyPem } : null,
          };
  }
  return out;
}
