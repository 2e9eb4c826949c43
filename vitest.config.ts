import { defineConfig } from 'vitest/config';
import { aliases } from './web/vite.config';

export default defineConfig({
  // web/'s modules (tested here too) name src/core and src/api through these.
  resolve: { alias: aliases },
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'web/src/**/*.test.{ts,tsx}'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // The pinned AWS SDK warns on every client that Node 22 will be needed from 2027: noise in tests.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  },
});
