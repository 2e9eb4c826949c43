// `npx tsx bench/release.ts`: writes bench/results/release.md, the committed summary of the last full
// `npm run bench` (bench/results/*.json are git-ignored): for each suite when it ran and how busy the
// machine was, every budget with its figure, and the tables that make the case (overview, original
// vs ours, deep dive, datasets). Exits 1 when a suite's results are missing.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { format, resolveConfig } from 'prettier';
import { SUITES } from './args.js';
import { fmt, RESULTS_DIR, type Check, type Table } from './report.js';

interface SuiteResult {
  suite: string;
  finishedAt: string;
  totalSeconds: number;
  machine: { cores: number; loadAverageAtStart: number; loadAverageAtEnd: number };
  checks: Check[];
  skipped?: { suite: string; what: string; why: string }[];
  tables: Table[];
}

/** Tables copied into the summary, by suite and the start of their title. */
const TABLES: [string, string][] = [
  ['overview', 'Overview (in process'],
  ['original', 'Original vs ours'],
  ['original', 'Original dashboard access pattern'],
  ['deepdive', 'Deep dive on'],
  ['datasets', 'Datasets'],
];

const cell = (c: string | number) =>
  (typeof c === 'number' ? fmt(c) : String(c)).replace(/\|/g, '\\|').replace(/\n/g, ' ');

function markdownTable(headers: string[], rows: (string | number)[][]): string {
  return [
    `| ${headers.map(cell).join(' | ')} |`,
    `| ${headers.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`),
  ].join('\n');
}

const when = (r: SuiteResult) => r.finishedAt.replace('T', ' ').replace(/\.\d+Z$/, '');
const machine = (r: SuiteResult) =>
  `${r.machine.cores} cores, 1-min load average ${fmt(r.machine.loadAverageAtStart, 2)} at start, ${fmt(r.machine.loadAverageAtEnd, 2)} at end`;

async function main(): Promise<number> {
  const results: SuiteResult[] = [];
  const missing: string[] = [];
  for (const suite of [...SUITES, 'datasets']) {
    const path = `${RESULTS_DIR}${suite}.json`;
    if (!existsSync(path)) {
      missing.push(suite);
      continue;
    }
    results.push(JSON.parse(readFileSync(path, 'utf8')) as SuiteResult);
  }
  if (missing.length) {
    process.stderr.write(
      `release: no full-run results for ${missing.join(', ')} in bench/results/ (run npm run bench)\n`,
    );
    return 1;
  }
  const checks = results.flatMap((r) => r.checks);
  const failed = checks.filter((c) => !c.pass).length;
  const runs = [...new Set(results.map((r) => r.finishedAt))].sort();
  const out: string[] = [
    '# Benchmark results for the release',
    '',
    'Written by `npx tsx bench/release.ts` from `bench/results/*.json` of a full `npm run bench`',
    '(those files are not committed; this summary is). Figures are from the machine named below,',
    'with the store (dynalite) on the same machine: compare them with figures of the same machine.',
    '',
    ...(runs.length === 1
      ? [
          `One full run, finished ${when(results[0] as SuiteResult)} UTC in ${fmt((results[0] as SuiteResult).totalSeconds, 0)} s: ` +
            `${machine(results[0] as SuiteResult)}.`,
        ]
      : [
          `Results of ${runs.length} runs:`,
          '',
          markdownTable(
            ['suite', 'finished (UTC)', 'machine'],
            results.map((r) => [r.suite, when(r), machine(r)]),
          ),
        ]),
    '',
    `## Budgets: ${checks.length - failed} passed, ${failed} failed`,
    '',
    markdownTable(
      ['', 'suite', 'set', 'what', 'value', 'budget'],
      checks.map((c) => [c.pass ? 'PASS' : '**FAIL**', c.suite, c.dataset, c.what, c.value, c.budget]),
    ),
    '',
  ];
  const skipped = results.flatMap((r) => r.skipped ?? []);
  if (skipped.length) {
    out.push('Skipped:', '', ...skipped.map((s) => `- ${s.suite}: ${s.what} — ${s.why}`), '');
  }
  for (const [suite, prefix] of TABLES) {
    const t = results.find((r) => r.suite === suite)?.tables.find((x) => x.title.startsWith(prefix));
    if (!t) continue;
    out.push(`## ${t.title}`, '', markdownTable(t.headers, t.rows), '');
  }
  const path = `${RESULTS_DIR}release.md`;
  // Formatted as the repository formats Markdown, so `prettier --check` passes on the committed file.
  const options = (await resolveConfig(path)) ?? {};
  writeFileSync(path, await format(out.join('\n'), { ...options, filepath: path }));
  process.stdout.write(`wrote bench/results/release.md (${checks.length} budgets, ${failed} failed)\n`);
  return 0;
}

process.exit(await main());
