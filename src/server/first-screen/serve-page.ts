// The deep dive's and Compare's page requests (issue 18's first-view budgets: rows ≤ 500 ms, the
// Compare table ≤ 1 s, when the app's own boot alone took ~640 ms before it asked for anything):
// the page's first API load starts as the HTML is asked for; the head goes out at once (the browser
// fetches the code and styles meanwhile); the root follows when the data is in — a static first
// screen and the API's JSON body in an island (api/first-screen.ts) the app seeds its cache from —
// or, past a deadline, empty, with only the range's anchor, so the app's request joins the load.
//
// The deadline holds the app back too: a module script runs once the document is parsed, so the
// app boots when the root is written, and only then asks for its page's chunks. From there to rows
// of its own is ~1 s on a quiet machine (issue 18's trace: chunks at ~420 ms, its request at ~640,
// React's render ~460 ms after the data) and more on a loaded one. Data that comes before the
// deadline is on screen at once, so a deadline well under that path gains nothing: 800 ms for the
// deep dive, whose one Query answers in ~150 ms quiet but took over 450 ms in one visit of three at
// load 4–7 (the app's own rows then came at 1.9 s). 2 s for Compare: hundreds of reads, 0.66 s
// median alone, seconds on a loaded machine, where the app's JavaScript booting beside the load
// only slows it down; a slow store holds the app's controls back that long at most.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PassThrough } from 'node:stream';
import { DAY_MS } from '../../core/time.js';
import type { Env } from '../../core/types.js';
import type { CompareResponse, DecisionsPage } from '../../api/types.js';
import { FIRST_DATA_ID, type FirstDataIsland } from '../../api/first-screen.js';
import { serializeReply } from '../respond.js';
import { compareScreen } from './compare-markup.js';
import { decisionsScreen } from './decisions-markup.js';
import { islandJson } from './html-text.js';
import type { FirstLoads } from './loads.js';
import { readFirstScreenRequest, type FirstScreenRequest } from './page-request.js';
import { codeAfterRoot, readShell, withAllStyles } from './shell.js';
import { topBar } from './topbar-markup.js';

export const FIRST_SCREEN_DEADLINE_MS = { market: 800, compare: 2_000 } as const;

/**
 * Chromium holds a navigation's first bytes until it has 1 KiB of the body (the bench's trace: the
 * head's script asked for only when the root came, 0.2–0.6 s later); a head shorter than that is
 * padded with a comment so the browser starts on the code at once.
 */
const FIRST_CHUNK_BYTES = 1_100;

/** The head, padded to FIRST_CHUNK_BYTES when shorter. */
function firstChunk(before: string): string {
  const missing = FIRST_CHUNK_BYTES - Buffer.byteLength(before);
  if (missing <= 0) return before;
  const comment = '<!-- the first screen follows once its data is in -->';
  return `${before}${comment}${' '.repeat(Math.max(0, missing - comment.length))}`;
}

export interface FirstScreenDeps {
  webDir: string;
  defaultEnv: Env;
  nowMs: () => number;
  loads: FirstLoads;
  /** Tests shorten these. */
  deadlineMs?: Partial<Record<FirstScreenRequest['page'], number>>;
}

interface Started {
  anchorMs: number;
  /** The static screen and the body's JSON text, when the load succeeds. */
  ready: Promise<{ html: string; json: string }>;
}

function start(ask: FirstScreenRequest, search: string, deps: FirstScreenDeps): Started {
  const json = (answer: object) => String(serializeReply(answer));
  if (ask.page === 'market') {
    // The app's range (resolveRange): a lookback ends at the anchor, to the millisecond.
    const anchorMs = deps.nowMs();
    const loaded = deps.loads.decisions({
      env: ask.env,
      marketId: ask.marketId,
      fromMs: anchorMs - ask.days * DAY_MS,
      toMs: anchorMs,
    });
    return {
      anchorMs,
      ready: loaded.then((page: DecisionsPage) => ({
        html: decisionsScreen({ env: ask.env, marketId: ask.marketId, tz: ask.tz, page }),
        json: json(page),
      })),
    };
  }
  const { anchorMs, answer } = deps.loads.compare({ env: ask.env, markets: ask.markets, days: ask.days });
  return {
    anchorMs,
    ready: answer.then((body: CompareResponse) => ({
      html: compareScreen({ search, body }),
      json: json(body),
    })),
  };
}

/** What fills the root: the app's frame around the screen, inert until the app replaces it. */
function rootHtml(ask: FirstScreenRequest, search: string, screen: string): string {
  // Inert: a click on a row before the app takes over would be lost; this way it is not taken.
  const path = ask.page === 'market' ? '/market' : '/compare';
  return (
    `<div class="app env-${ask.env}" inert>${topBar({ env: ask.env, path, search })}` +
    `<main class="content">${screen}</main></div>`
  );
}

function island(ask: FirstScreenRequest, search: string, anchorMs: number, bodyJson: string | null): string {
  const head: Omit<FirstDataIsland, 'body'> = {
    path: ask.page === 'market' ? '/market' : '/compare',
    search,
    anchorMs,
  };
  const json = `${JSON.stringify(head).slice(0, -1)},"body":${bodyJson ?? 'null'}}`;
  return `<script type="application/json" id="${FIRST_DATA_ID}">${islandJson(json)}</script>`;
}

/**
 * Answers a page GET: the first screen for the deep dive's decisions and Compare, else (another page,
 * a parameter the app or the API would not take, HEAD) index.html as it is.
 */
export async function serveFirstScreen(
  req: FastifyRequest,
  reply: FastifyReply,
  deps: FirstScreenDeps,
): Promise<void> {
  const q = req.url.indexOf('?');
  const path = q < 0 ? req.url : req.url.slice(0, q);
  const search = q < 0 ? '' : req.url.slice(q);
  const ask = req.method === 'GET' ? readFirstScreenRequest(path, search, deps.defaultEnv) : null;
  const read = ask ? await readShell(deps.webDir) : null;
  const styled = read ? await withAllStyles(read, deps.webDir) : null;
  // Compare's load is hundreds of reads: its code waits until the screen is in (codeAfterRoot). The
  // deep dive's one Query answers before the code would have loaded: its code starts at once.
  const shell = styled && ask?.page === 'compare' ? codeAfterRoot(styled) : styled;
  if (!ask || !shell) {
    void reply.code(200).type('text/html').sendFile('index.html');
    return;
  }
  const started = start(ask, search, deps);
  // The load goes on past the deadline (it fills the cache the app's request will read); its
  // failure is the app's to show, from its own request.
  const outcome = started.ready.then(
    (r) => r,
    () => 'failed' as const,
  );
  const stream = new PassThrough();
  void reply.code(200).type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(stream);
  stream.write(firstChunk(shell.before));
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(
      () => resolve('late'),
      deps.deadlineMs?.[ask.page] ?? FIRST_SCREEN_DEADLINE_MS[ask.page],
    );
  });
  const r = await Promise.race([outcome, late]);
  clearTimeout(timer);
  let root: string;
  if (r === 'failed') root = '<div id="root"></div>';
  else if (r === 'late') {
    req.log.debug({ page: ask.page }, 'first screen: data past its deadline; the app will ask');
    root = `<div id="root"></div>${island(ask, search, started.anchorMs, null)}`;
  } else {
    root = `<div id="root">${rootHtml(ask, search, r.html)}</div>${island(ask, search, started.anchorMs, r.json)}`;
  }
  // A reader gone meanwhile: nothing to write to (the load still fills the cache).
  if (!stream.destroyed) stream.end(`${root}${shell.after}`);
}
