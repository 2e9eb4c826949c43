// `npm run build`: a self-contained dist/ — the web app in dist/web and the server bundled by esbuild
// into dist/server.js, which serves dist/web beside it (`node dist/server.js`). Packages stay
// external (installed by `npm ci --omit=dev`); the build fails if the bundle imports any package
// that is not a runtime dependency, so a dev-only import cannot slip into production.
// `--out DIR` builds elsewhere (the tests do, to leave dist/ alone).
import { builtinModules } from 'node:module';
import { copyFileSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build as esbuild, type Metafile } from 'esbuild';
import { build as viteBuild } from 'vite';

const root = fileURLToPath(new URL('..', import.meta.url));
const outFlag = process.argv.indexOf('--out');
const out =
  outFlag >= 0 && process.argv[outFlag + 1]
    ? resolve(process.argv[outFlag + 1] as string)
    : join(root, 'dist');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
};

function packageOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] as string);
}

/** Every package the bundle still imports (after tree-shaking) must be in `dependencies`. */
function checkImports(meta: Metafile): string[] {
  const builtins = new Set(builtinModules);
  const problems: string[] = [];
  for (const [file, output] of Object.entries(meta.outputs)) {
    for (const imp of output.imports) {
      if (!imp.external || imp.path.startsWith('.') || imp.path.startsWith('node:') || builtins.has(imp.path))
        continue;
      const name = packageOf(imp.path);
      if (!(name in pkg.dependencies))
        problems.push(`${file} imports ${imp.path}, which is not in package.json "dependencies"`);
    }
  }
  return problems;
}

function sizeOf(path: string): number {
  const st = statSync(path);
  return st.isDirectory() ? readdirSync(path).reduce((n, f) => n + sizeOf(join(path, f)), 0) : st.size;
}

const started = performance.now();
rmSync(out, { recursive: true, force: true });
await viteBuild({
  configFile: join(root, 'web', 'vite.config.ts'),
  logLevel: 'warn',
  build: { outDir: join(out, 'web'), emptyOutDir: true },
});
const result = await esbuild({
  entryPoints: [join(root, 'src', 'main.ts')],
  outfile: join(out, 'server.js'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  // Makes src/web-build.ts serve dist/web and drops its Vite rebuild path (a dev dependency).
  define: { __DORA_BUNDLED__: 'true' },
  minifySyntax: true,
  sourcemap: 'linked',
  legalComments: 'none',
  metafile: true,
  logLevel: 'warning',
});
const problems = checkImports(result.metafile);
if (problems.length) {
  process.stderr.write(
    `build-dist: the server bundle imports dev-only packages:\n  ${problems.join('\n  ')}\n`,
  );
  process.exit(1);
}
// The embedded store runs in a worker thread from a plain-JS file next to the server code.
copyFileSync(join(root, 'src', 'embedded', 'dynalite-worker.mjs'), join(out, 'dynalite-worker.mjs'));
// dist/ is ESM whatever the folder it is copied into.
writeFileSync(join(out, 'package.json'), `${JSON.stringify({ type: 'module', private: true }, null, 2)}\n`);
const kb = (n: number) => `${(n / 1024).toFixed(0)} kB`;
process.stdout.write(
  `build-dist: ${out} — server.js ${kb(sizeOf(join(out, 'server.js')))}, web ${kb(sizeOf(join(out, 'web')))}, total ${kb(sizeOf(out))} in ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
);
