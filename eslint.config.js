import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

// Route modules are only routes (issue 17): what they share lives in src/server (env-data.ts,
// params.ts, guards.ts, json.ts, alert-monitor.ts), and only src/server/routes/index.ts imports a
// route module; app.ts reaches the routes through it. A rule's options do not merge across config
// objects, so every object below that sets no-restricted-imports lists these again.
const notIndex = '(?!index(\\.js)?$)';
const routeModules = {
  regex: `/server/routes/${notIndex}`,
  message: 'Only src/server/routes/index.ts imports route modules: import what routes share from src/server.',
};
/** src/server/*.ts name the routes folder as `./routes/` (elsewhere the path has `/server/routes/`). */
const routeModulesFromServer = { ...routeModules, regex: `^\\./routes/${notIndex}` };
/** A route module imports no sibling (nor index.ts): what two routes share belongs in src/server. */
const siblingRoutes = {
  regex: '^(\\./|\\.\\./routes/)',
  message: 'A route module imports no other route module: share it through a module in src/server.',
};
/**
 * web/ reaches the server's tree only through the aliases (tsconfig.base.json, web/vite.config.ts):
 * `@core/*` (pure core) and `@api/types` (the API's bodies); never src/server or src/store.
 */
const serverFromWeb = {
  regex: '^(\\.\\./)+src/',
  message: 'web/ imports src/core as @core/* and the API types as @api/types, nothing else of src/.',
};
/** Only src/store (and the embedded store/simulator, which must write) may import the AWS SDK. */
const awsSdk = { group: ['@aws-sdk/*'] };

export default tseslint.config(
  { ignores: ['node_modules', 'dist', 'web/dist', '.dora-data', 'bench/results', 'bench/data', 'bench/tmp', 'test-results', 'reports', 'coverage'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Everywhere (src, test, bench, scripts, e2e): no route module but routes/index.ts.
      'no-restricted-imports': ['error', { patterns: [routeModules] }],
    },
  },
  {
    // core is pure: no I/O, no AWS SDK, no clock-reading framework (and no server, routes included).
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['@aws-sdk/*', 'node:fs', 'node:http', 'fastify', '../store/*', '../server/*'] }],
    },
  },
  {
    files: ['src/server/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [awsSdk, routeModules, routeModulesFromServer] }] },
  },
  {
    files: ['src/server/routes/**/*.ts'],
    ignores: ['src/server/routes/index.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [awsSdk, routeModules, siblingRoutes] }] },
  },
  {
    files: ['web/**/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': ['error', { patterns: [awsSdk, routeModules, serverFromWeb] }] },
  },
);
