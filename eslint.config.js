import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';

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
  {
    ignores: [
      'node_modules',
      'dist',
      'web/dist',
      '.dora-data',
      'bench/results',
      'bench/data',
      'bench/tmp',
      'test-results',
      'reports',
      'coverage',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { ...globals.node, ...globals.browser },
      // Type-aware rules: each file is checked with the nearest tsconfig that includes it; files
      // that none includes (this config, the dynalite worker) get a default program.
      parserOptions: {
        projectService: { allowDefaultProject: ['*.js', 'src/embedded/*.mjs'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Everywhere (src, test, bench, scripts, e2e): no route module but routes/index.ts.
      'no-restricted-imports': ['error', { patterns: [routeModules] }],
      // Type-aware: a promise is awaited, handled or explicitly discarded with `void`. return-await
      // rather than require-await: Fastify hooks and test doubles are async to fit an async
      // signature without awaiting anything.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-unnecessary-type-assertion': 'error',
      '@typescript-eslint/return-await': ['error', 'in-try-catch'],
      '@typescript-eslint/no-for-in-array': 'error',
      '@typescript-eslint/only-throw-error': 'error',
      '@typescript-eslint/prefer-promise-reject-errors': 'error',
      '@typescript-eslint/no-implied-eval': 'error',
      '@typescript-eslint/restrict-plus-operands': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: true },
      ],
    },
  },
  {
    // core is pure: no I/O, no AWS SDK, no clock-reading framework (and no server, routes included).
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: ['@aws-sdk/*', 'node:fs', 'node:http', 'fastify', '../store/*', '../server/*'] },
      ],
    },
  },
  {
    files: ['src/server/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [awsSdk, routeModules, routeModulesFromServer] }],
    },
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
  // The Rules of Hooks, exhaustive deps and the React Compiler's checks. Hooks live in .ts modules
  // too (web/src/api), so the rules see every web source file.
  { files: ['web/src/**/*.{ts,tsx}'], ...reactHooks.configs.flat.recommended },
);
