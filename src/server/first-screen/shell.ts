// The web app's index.html (the Vite build's: its script, stylesheet and preload tags in the head),
// cut where the app mounts, so the page route can send the head at once — the browser starts on the
// code and styles — and the root's content when the first screen is ready. Read per request, as the
// static files are: a rebuilt app is served without a restart.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

const ROOT = '<div id="root"></div>';

export interface Shell {
  /** Everything up to the root element. */
  before: string;
  /** Everything after it. */
  after: string;
}

/**
 * The shell with every stylesheet of the build in its head: the app loads a page's styles with the
 * page's code, but the first screen draws that page's markup (its tables, chips, panels) before any
 * code runs. ~45 kB in all, fetched beside the load that makes the screen.
 */
export async function withAllStyles(shell: Shell, webDir: string): Promise<Shell> {
  let files: string[];
  try {
    files = (await readdir(join(webDir, 'assets'))).filter((f) => f.endsWith('.css')).sort();
  } catch {
    return shell;
  }
  const links = files
    .map((f) => `/assets/${f}`)
    .filter((href) => !shell.before.includes(`"${href}"`))
    .map((href) => `<link rel="stylesheet" crossorigin href="${href}">`)
    .join('');
  const at = shell.before.indexOf('</head>');
  if (!links || at < 0) return shell;
  return { ...shell, before: `${shell.before.slice(0, at)}${links}${shell.before.slice(at)}` };
}

/** The shell of webDir's index.html; null when it has no empty root to fill (or cannot be read). */
export async function readShell(webDir: string): Promise<Shell | null> {
  let html: string;
  try {
    html = await readFile(join(webDir, 'index.html'), 'utf8');
  } catch {
    return null;
  }
  const at = html.indexOf(ROOT);
  return at < 0 ? null : { before: html.slice(0, at), after: html.slice(at + ROOT.length) };
}

/** The app's code in a head: module scripts and their preloads (Vite's tags). */
const CODE_TAG =
  /\s*<(?:script\b[^>]*\btype="module"[^>]*>\s*<\/script>|link\b[^>]*\brel="modulepreload"[^>]*>)/g;

/**
 * The shell with the app's code moved from the head to after the root: the browser then fetches and
 * compiles it only once the first screen is in, rather than beside the load that makes the screen
 * (on two shared cores, ~0.3–0.5 s of Chromium's CPU taken from the server and the store). The
 * stylesheet stays in the head: the first screen needs it. A module script runs after the document
 * is parsed wherever it stands, so the app starts as before, reading the island above it.
 */
export function codeAfterRoot(shell: Shell): Shell {
  const tags = shell.before.match(CODE_TAG) ?? [];
  if (tags.length === 0) return shell;
  return {
    before: shell.before.replace(CODE_TAG, ''),
    after: `${tags.map((t) => t.trim()).join('')}${shell.after}`,
  };
}
