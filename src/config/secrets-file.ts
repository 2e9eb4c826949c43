// The Streamlit-style .streamlit/secrets.toml of the previous dashboard, accepted as it is so its
// users can move over unchanged: top-level AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and
// optionally AWS_SESSION_TOKEN, AWS_DEFAULT_REGION). Other keys belong to other apps and are left
// alone. The keys are handed to the SDK client explicitly and never logged or printed unmasked.
import { at, ConfigError, readTomlFile } from './toml-file.js';

export const DEFAULT_SECRETS_FILE = './.streamlit/secrets.toml';

export interface AwsKeys {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export interface AwsSecrets {
  shown: string;
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
  return {
    shown,
    keys,
    ...(region ? { region: { value: region, origin: at(file, 'AWS_DEFAULT_REGION') } } : {}),
  };
}
