// The version --version prints: package.json's, inlined by the bundler into dist/server.js so the
// bundle needs no package.json beside it.
import pkg from '../../package.json' with { type: 'json' };

export const VERSION: string = pkg.version;
