// `npm start` serves the built web app, building it first when the build is missing or older than
// any of its sources, so a fresh clone needs no separate build step.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

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
  const sources = Math.max(newestMtime(join(PROJECT_ROOT, 'web')), newestMtime(join(PROJECT_ROOT, 'src', 'core')));
  return statSync(built).mtimeMs >= sources;
}

export async function ensureWebBuild(log: (msg: string) => void): Promise<void> {
  if (webBuildIsCurrent()) return;
  log('building the web app (first start, or its sources changed)…');
  const { build } = await import('vite');
  await build({ configFile: join(PROJECT_ROOT, 'web', 'vite.config.ts'), logLevel: 'error' });
}
