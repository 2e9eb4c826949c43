// Assembles the effective configuration from its layers. The files' own paths are settings too
// (--config / DORA_CONFIG; --secrets / DORA_SECRETS / `secrets` in the config file), so this reads
// in passes: the command line and environment say which config file; the config file may say which
// secrets file; the secrets file may give the region (below every other source of it).
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseOptions, type FileValue, type Options } from '../cli/options.js';
import { DEFAULT_CONFIG_FILE, loadConfigFile } from './config-file.js';
import { chooseCredentials, type Credentials } from './credentials.js';
import { DEFAULT_SECRETS_FILE, loadSecretsFile, type AwsSecrets } from './secrets-file.js';
import { kalshiFrom, type Kalshi } from './kalshi.js';
import { readableByOthers } from './toml-file.js';

export interface Configuration {
  options: Options;
  /** The config file read, as shown to the user; null when none. */
  configFile: string | null;
  /** The secrets file read, as shown to the user; null when none. */
  secretsFile: string | null;
  credentials: Credentials;
  /** Kalshi API access for the cash balance, per environment that has it. */
  kalshi: Kalshi;
  /** Things worth telling the operator that do not stop the start (file permissions, ignored keys). */
  notes: string[];
}

export function loadConfiguration(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  cwd = process.cwd(),
): Configuration {
  const first = parseOptions(argv, env);
  if (first.help || first.version) {
    return {
      options: first,
      configFile: null,
      secretsFile: null,
      credentials: chooseCredentials(env, null),
      kalshi: {},
      notes: [],
    };
  }
  const notes: string[] = [];

  const configShown =
    first.config || (existsSync(resolve(cwd, DEFAULT_CONFIG_FILE)) ? DEFAULT_CONFIG_FILE : null);
  const values = new Map<string, FileValue>();
  if (configShown) {
    const path = resolve(cwd, configShown);
    const file = loadConfigFile(path, configShown);
    for (const [k, v] of file.values) values.set(k, v);
    if (file.secretKeys.length && readableByOthers(path)) {
      notes.push(
        `${configShown} holds ${file.secretKeys.join(', ')} and is readable by other users: chmod 600 ${configShown}`,
      );
    }
  }
  const second = parseOptions(argv, env, values);

  // The secrets file matters to --source aws; an explicitly named one is read whatever the source.
  const explicit = second.origins['secrets']?.kind !== 'default';
  const secretsShown = explicit
    ? second.secrets
    : second.source === 'aws' && existsSync(resolve(cwd, DEFAULT_SECRETS_FILE))
      ? DEFAULT_SECRETS_FILE
      : null;
  let secrets: AwsSecrets | null = null;
  if (secretsShown) {
    const path = resolve(cwd, secretsShown);
    secrets = loadSecretsFile(path, secretsShown);
    if ((secrets.keys || Object.keys(secrets.kalshi).length) && readableByOthers(path))
      notes.push(`${secretsShown} holds keys and is readable by other users: chmod 600 ${secretsShown}`);
  }
  let options = second;
  if (secrets?.region && !values.has('region')) {
    values.set('region', secrets.region);
    options = parseOptions(argv, env, values);
  }
  const credentials = chooseCredentials(env, secrets);
  if (credentials.from === 'sdk-chain' && credentials.ignored) notes.push(credentials.ignored);
  const kalshi = kalshiFrom(options, secrets, cwd);
  return { options, configFile: configShown, secretsFile: secretsShown, credentials, kalshi, notes };
}
