// The access-control settings, checked before the server starts: a missing or weak secret is a
// usage error with the fix, not a server that starts open or refuses everyone.
import { UsageError, type Options } from '../cli/options.js';
import type { AuthConfig } from '../server/auth.js';

export function authFrom(o: Options): AuthConfig {
  if (o.auth === 'none') return { mode: 'none' };
  if (o.auth === 'basic') {
    const spec = o.basicAuth;
    const i = spec.indexOf(':');
    if (i < 1 || !/^\$2[aby]\$\d{2}\$/.test(spec.slice(i + 1))) {
      throw new UsageError(
        '--auth basic needs DORA_BASIC_AUTH (or basic_auth in the config file) = user:bcrypt-hash.\n' +
          "  Fix: make a hash with `node -e \"console.log(require('bcryptjs').hashSync(process.argv[1], 12))\" 'your password'`",
      );
    }
    return { mode: 'basic', user: spec.slice(0, i), bcryptHash: spec.slice(i + 1) };
  }
  if (o.authToken.length < 16) {
    throw new UsageError(
      '--auth token needs DORA_AUTH_TOKEN (or auth_token in the config file) set to a secret of at least 16 characters.\n' +
        "  Fix: e.g. export DORA_AUTH_TOKEN=$(node -e \"console.log(require('crypto').randomBytes(24).toString('base64url'))\")",
    );
  }
  return { mode: 'token', token: o.authToken };
}
