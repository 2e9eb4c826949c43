// Command line of `npm run bench`: which suites, how big, and help.

export const SUITES = [
  'access-paths',
  'overview',
  'load',
  'api',
  'browser',
  'deepdive',
  'memory',
  'sse',
  'original',
  'live-cost',
  'first-view',
  'first-view-api',
  'quality',
] as const;
export type Suite = (typeof SUITES)[number];

/** Not in a --quick run unless named with --only (too long for a smoke run). */
const FULL_ONLY: readonly Suite[] = ['deepdive'];
/** What --ci runs: request and item counts on S, which do not depend on the machine's speed. */
export const CI_SUITES: readonly Suite[] = ['access-paths', 'overview', 'live-cost'];

const DESCRIPTIONS: Record<Suite, string> = {
  'access-paths':
    'each store access path on S and D: requests, items, RCU, ms; newest decision per market ≤ 1 item',
  overview:
    'GET /api/v1/overview, cold and warm, on S and D: DynamoDB requests, decision items, server time; parts on S, D, L',
  load: '200 concurrent clients on the overview for 20 s over real HTTP (autocannon), on S and D',
  api: 'decisions page, decision context for 500 fills, 30-day analytics, on D',
  browser: 'web bundle size (gzip) and the Home page in headless Chromium, on S',
  memory: 'server RSS after a run of every page on L',
  deepdive:
    'market deep dive, 30 days, decisions tab scrolled through 10,000 rows in headless Chromium: long tasks, on D',
  sse: '500 SSE clients, one fill written, time until all are notified, on S',
  'live-cost':
    'live updates: DynamoDB requests and items per refresh and per minute, no client / 1 / 50 clients, $/day, at the market counts of S, D, L (CI: S)',
  'first-view':
    'time to the first view on a cold server, on D: deep dive of a quiet market over 30 days (≤ 500 ms) and Compare of 6 markets over 7 days (≤ 1 s), with a trace of the API requests',
  'first-view-api':
    "the server's share of those first views, cold, on D, no browser: the page's API requests side by side, the first rows (≤ 500 ms) and /compare (≤ 1 s), with DynamoDB requests",
  quality:
    "market-making quality, cold, on D: markouts for every fill of the busiest market over 30 days (≤ 1 s) and all markets' quality table over 7 days (≤ 2 s), with DynamoDB requests",
  original:
    "the original Streamlit dashboard's access pattern re-enacted (contract §4.1, §4.2, §5.2) vs ours, on S and D",
};

export interface Args {
  only: Suite[];
  quick: boolean;
  /** CI subset: S only, request and item-count budgets only (no time budgets). */
  ci: boolean;
  reseed: boolean;
  help: boolean;
}

export class UsageError extends Error {}

export function parseArgs(argv: readonly string[]): Args {
  const args: Args = { only: [...SUITES], quick: false, ci: false, reseed: false, help: false };
  let only = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === '--help' || a === '-h') args.help = true;
    else if (a === '--quick') args.quick = true;
    else if (a === '--ci') args.ci = true;
    else if (a === '--reseed') args.reseed = true;
    else if (a === '--only' || a.startsWith('--only=')) {
      const value = a === '--only' ? argv[++i] : a.slice('--only='.length);
      if (!value) throw new UsageError('--only needs a comma-separated list of suites');
      const names = value
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      for (const n of names) {
        if (!(SUITES as readonly string[]).includes(n))
          throw new UsageError(`unknown suite "${n}" (one of ${SUITES.join(', ')})`);
      }
      // Keep the priority order of SUITES whatever order was typed.
      args.only = SUITES.filter((s) => names.includes(s));
      only = true;
    } else throw new UsageError(`unknown option ${a}`);
  }
  if (args.ci) {
    if (only || args.quick)
      throw new UsageError('--ci runs a fixed subset: it takes neither --only nor --quick');
    args.only = [...CI_SUITES];
  } else if (args.quick && !only) args.only = args.only.filter((s) => !FULL_ONLY.includes(s));
  return args;
}

export function helpText(): string {
  return [
    'Usage: npm run bench -- [--only SUITE[,SUITE…]] [--quick | --ci] [--reseed] [--help]',
    '',
    'Benchmarks with budgets. Exits 1 when any budget is missed, 2 on a usage error.',
    'Datasets are made by the simulator and kept in bench/data/<name> (reused while the generator',
    'is unchanged); results go to stdout and bench/results/<suite>.json (git-ignored); after a full',
    'run, `npx tsx bench/release.ts` writes the committed summary bench/results/release.md.',
    '',
    'Options:',
    '  --only LIST  run only these suites (comma-separated)',
    '  --quick      small datasets and short runs for a fast smoke run (budgets still checked;',
    `               ${FULL_ONLY.join(', ')} only when named with --only)`,
    `  --ci         the CI subset: ${CI_SUITES.join(' and ')} on S only, with the budgets on`,
    '               DynamoDB request and item counts (no time budgets: CI machines vary)',
    '  --reseed     regenerate the datasets even if cached',
    '  --help       this text',
    '',
    'Suites (in run order):',
    ...SUITES.map((s) => `  ${s.padEnd(13)}${DESCRIPTIONS[s]}`),
    '',
    'Datasets: S = 25 markets × 30 days; D = 50 markets × 30 days, ≥ 250,000 decisions, ≥ 20,000',
    'execution events; L = 200 markets × 90 days of fills and state, decisions every 30 min in the',
    'last 2 days. --quick shrinks all three.',
  ].join('\n');
}
