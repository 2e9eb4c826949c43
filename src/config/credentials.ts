// Which AWS credentials --source aws uses. The environment wins over a file (the same order as every
// other setting): AWS_ACCESS_KEY_ID or AWS_PROFILE in the environment ⇒ the SDK's own chain, which
// also covers SSO and instance roles; otherwise the keys of the secrets file, when it has them,
// passed to the client explicitly; otherwise the SDK's chain again (~/.aws, container or EC2 role).
import type { AwsKeys, AwsSecrets } from './secrets-file.js';
import { MASK, maskAccessKeyId } from './mask.js';

export type Credentials =
  | { from: 'secrets-file'; shown: string; keys: AwsKeys }
  | { from: 'sdk-chain'; detail: string; ignored?: string };

export function chooseCredentials(env: NodeJS.ProcessEnv, secrets: AwsSecrets | null): Credentials {
  const envNames = env['AWS_ACCESS_KEY_ID']
    ? 'AWS_ACCESS_KEY_ID in the environment'
    : env['AWS_PROFILE']
      ? `AWS_PROFILE=${env['AWS_PROFILE']}`
      : null;
  if (secrets?.keys && !envNames) return { from: 'secrets-file', shown: secrets.shown, keys: secrets.keys };
  return {
    from: 'sdk-chain',
    detail: envNames ?? 'its default chain: ~/.aws default profile, SSO, container or instance role',
    ...(secrets?.keys && envNames
      ? { ignored: `the keys in ${secrets.shown} are not used: the environment names credentials` }
      : {}),
  };
}

/** One line for the startup log and --print-config; never a secret. */
export function describeCredentials(c: Credentials): string {
  if (c.from === 'sdk-chain') return `the AWS SDK's, ${c.detail}`;
  const token = c.keys.sessionToken ? `, AWS_SESSION_TOKEN ${MASK}` : '';
  return `${c.shown} (AWS_ACCESS_KEY_ID ${maskAccessKeyId(c.keys.accessKeyId)}, AWS_SECRET_ACCESS_KEY ${MASK}${token})`;
}

/** For the startup log: where the credentials come from, not even a masked key. */
export function credentialsSource(c: Credentials): string {
  return c.from === 'secrets-file' ? c.shown : `the AWS SDK's chain (${c.detail})`;
}
