// How secrets look wherever the configuration is shown: enough to recognise which one is set, never
// enough to use. Access key ids are not secret on their own but are half of a credential, so they
// keep only their ends.
export const MASK = '********';

export function maskSecret(value: string): string {
  return value === '' ? '' : MASK;
}

export function maskAccessKeyId(id: string): string {
  return id.length > 8 ? `${id.slice(0, 4)}…${id.slice(-4)}` : MASK;
}

/** `user:bcrypt-hash` → `user:********` (the user name is not a secret; the hash is). */
export function maskBasicAuth(spec: string): string {
  const i = spec.indexOf(':');
  return spec === '' ? '' : i < 0 ? MASK : `${spec.slice(0, i)}:${MASK}`;
}
