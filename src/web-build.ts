// Where the web app to serve is. From source (`npm start`): web/dist, built first when it is missing
// or older than any of its sources, so a fresh clone needs no separate build step. From the bundle
// (`node dist/server.js`): dist/web beside the server file, never rebuilt — the bundle runs where
// neither the sources nor Vite are installed.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Replaced by `true` when scripts/build-dist.ts bundles the server (esbuild `define`). */
declare const __DORA_BUNDLED__: boolean | undefined;

export const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));
export const WEB_DIST = join(PROJECT_ROOT, 'web', 'dist');

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = 0;
  for (const name of readdirSync(path)) {
    if (name === 'dist' || name === 'node_modules') continue;
    newest = Math.max(newest, newestMtime(join(path, name)));
  }
  return newest;
}

export function webBuildIsCurrent(): boolean {
  const built = join(WEB_DIST, 'index.html');
  if (!existsSync(built)) return false;
  const sources = Math.max(
    newestMtime(join(PROJECT_ROOT, 'web')),
    newestMtime(join(PROJECT_ROOT, 'src', 'core')),
  );
  return statSync(built).mtimeMs >= sources;
}

export async function ensureWebBuild(log: (msg: string) => void): Promise<void> {
  if (webBuildIsCurrent()) return;
  log('building the web app (first start, or its sources changed)…');
  const { build } = await import('vite');
  await build({ configFile: join(PROJECT_ROOT, 'web', 'vite.config.ts'), logLevel: 'error' });
}

async function bundledWebDir(): Promise<string> {
  const dir = fileURLToPath(new URL('./web', import.meta.url));
  if (!existsSync(join(dir, 'index.html'))) {
    throw new Error(
      `the web app is missing beside the server (${dir}); run \`npm run build\` and deploy the whole dist/ folder`,
    );
  }
  return dir;
}

async function sourceWebDir(log: (msg: string) => void): Promise<string> {
  await ensureWebBuild(log);
  return WEB_DIST;
}

/** The folder of the built web app to serve, building it first when running from source. */
export function webDir(log: (msg: string) => void): Promise<string> {
  // A single conditional expression, so that in the bundle (where it folds to `true`) esbuild drops
  // the source branch and with it the import of Vite.
  return typeof __DORA_BUNDLED__ !== 'undefined' && __DORA_BUNDLED__ ? bundledWebDir() : sourceWebDir(log);
}
