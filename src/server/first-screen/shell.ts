// The web app's index.html (the Vite build's: its script, stylesheet and preload tags in the head),
// cut where the app mounts, so the page route can send the head at once — the browser starts on the
// code and styles — and the root's content when the first screen is ready. Read per request, as the
// static files are: a rebuilt app is served without a restart.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

const ROOT = '<div id="root"></div>';

export interface Shell {
  /** Everything up to the root element. */
  before: string;
  /** Everything after it. */
  after: string;
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
