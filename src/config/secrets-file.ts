// The Streamlit-style .streamlit/secrets.toml of the previous dashboard, accepted as it is so its
// users can move over unchanged: top-level AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and
// optionally AWS_SESSION_TOKEN, AWS_DEFAULT_REGION), and its Kalshi keys for the cash balance
// (PROD_KEYID with PROD_KEY_B64 — the PEM, base64 — or PROD_KEY — the PEM itself; DEMO_… alike).
// Other keys belong to other apps and are left alone. Keys are handed to their clients explicitly
// and never logged or printed unmasked.
import { at, ConfigError, readTomlFile } from './toml-file.js';

export const DEFAULT_SECRETS_FILE = './.streamlit/secrets.toml';

export interface AwsKeys {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/** A value with the file:line it came from. */
export interface Located {
  value: string;
  origin: string;
}

export interface AwsSecrets {
  shown: string;
  /** Kalshi key id and private key (PEM text) per environment, each part when present. */
  kalshi: Partial<Record<'prod' | 'demo', { keyId?: Located; pem?: Located }>>;
  /** null when the file holds no AWS keys (it may still hold a region, or other apps' secrets). */
  keys: AwsKeys | null;
  /** AWS_DEFAULT_REGION with its file:line, when set. */
  region?: { value: string; origin: string };
}

export function loadSecretsFile(path: string, shown: string): AwsSecrets {
  const file = readTomlFile(path, shown);
  const str = (key: string): string | undefined => {
    const v = file.data[key];
    if (v === undefined) return undefined;
    if (typeof v !== 'string' || v === '')
      throw new ConfigError(`${at(file, key)}: ${key}: must be a non-empty string`);
    return v;
  };
  const accessKeyId = str('AWS_ACCESS_KEY_ID');
  const secretAccessKey = str('AWS_SECRET_ACCESS_KEY');
  const sessionToken = str('AWS_SESSION_TOKEN');
  const region = str('AWS_DEFAULT_REGION');
  if ((accessKeyId === undefined) !== (secretAccessKey === undefined)) {
    const missing = accessKeyId === undefined ? 'AWS_ACCESS_KEY_ID' : 'AWS_SECRET_ACCESS_KEY';
    throw new ConfigError(
      `${shown}: ${missing}: missing (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY go together)`,
    );
  }
  const keys =
    accessKeyId !== undefined && secretAccessKey !== undefined
      ? { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) }
      : null;
  const kalshi: AwsSecrets['kalshi'] = {};
  for (const env of ['prod', 'demo'] as const) {
    const E = env.toUpperCase();
    const keyId = str(`${E}_KEYID`);
    const b64 = str(`${E}_KEY_B64`);
    const pem = b64 !== undefined ? Buffer.from(b64, 'base64').toString('utf8') : str(`${E}_KEY`);
    const pemKey = b64 !== undefined ? `${E}_KEY_B64` : `${E}_KEY`;
    if (keyId === undefined && pem === undefined) continue;
    kalshi[env] = {
      ...(keyId !== undefined
        ? { keyId: { value: keyId, origin: `${at(file, `${E}_KEYID`)} ${E}_KEYID` } }
        : {}),
      ...(pem !== undefined ? { pem: { value: pem, origin: `${at(file, pemKey)} ${pemKey}` } } : {}),
    };
  }
  return {
    shown,
    keys,
    kalshi,
    ...(region ? { region: { value: region, origin: at(file, 'AWS_DEFAULT_REGION') } } : {}),
  };
}
