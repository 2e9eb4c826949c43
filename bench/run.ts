// `npm run bench`: seeds (or reuses) the datasets, runs the suites in priority order, prints every
// figure and the budgets, writes bench/results/<suite>.json, and exits 1 when a budget is missed.
import './quiet.js';
import { cpus, loadavg } from 'node:os';
import { helpText, parseArgs, UsageError, type Suite } from './args.js';
import { accessPaths } from './access-paths.js';
import { apiSuite } from './api.js';
import { browserSuite } from './browser.js';
import { deepDiveSuite } from './deepdive.js';
import { firstViewSuite } from './first-view.js';
import { firstViewApiSuite } from './first-view-api.js';
import { Bench } from './harness.js';
import { loadSuite } from './load.js';
import { liveCostSuite } from './live.js';
import { memorySuite } from './memory.js';
import { originalSuite } from './original.js';
import { overview } from './overview.js';
import { qualitySuite } from './quality.js';
import { Report } from './report.js';
import { sseSuite } from './sse.js';

const RUNNERS: Record<Suite, (bench: Bench) => Promise<void>> = {
  'access-paths': accessPaths,
  overview,
  load: loadSuite,
  api: apiSuite,
  browser: browserSuite,
  memory: memorySuite,
  sse: sseSuite,
  deepdive: deepDiveSuite,
  original: originalSuite,
  'live-cost': liveCostSuite,
  'first-view': firstViewSuite,
  'first-view-api': firstViewApiSuite,
  quality: qualitySuite,
};

function log(msg: string): void {
  process.stderr.write(`[bench] ${msg}\n`);
}

async function main(): Promise<number> {
  let args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`bench: ${err.message}\n\n${helpText()}\n`);
      return 2;
    }
    throw err;
  }
  if (args.help) {
    process.stdout.write(`${helpText()}\n`);
    return 0;
  }
  const started = performance.now();
  // Other work on the machine moves every figure: say how busy it was.
  const loadAtStart = loadavg()[0] ?? NaN;
  log(`${cpus().length} cores, load average ${loadAtStart.toFixed(2)} at start`);
  const report = new Report(
    (t) => process.stdout.write(`${t}\n`),
    args.ci ? 'ci' : args.quick ? 'quick' : 'full',
  );
  const bench = new Bench(report, args.quick, args.reseed, log, args.ci);
  const crashed: string[] = [];
  try {
    for (const suite of args.only) {
      log(`suite ${suite}…`);
      const t = performance.now();
      try {
        await RUNNERS[suite](bench);
      } catch (err) {
        // One broken suite must not hide the others' figures; it fails the run.
        crashed.push(suite);
        report.fail(
          suite,
          '-',
          `suite ${suite} crashed`,
          'completes',
          err instanceof Error ? (err.stack ?? err.message) : String(err),
        );
      }
      log(`suite ${suite} done in ${((performance.now() - t) / 1000).toFixed(0)} s`);
    }
  } finally {
    await bench.closeAll();
  }
  const seedRows = Object.entries(bench.seeding).map(([name, s]) => [
    name,
    s.reused ? 'reused' : 'seeded now',
    s.counts['dora_decision_log'] ?? 0,
    s.counts['dora_execution_log'] ?? 0,
    s.counts['dora_trade_log'] ?? 0,
    Object.values(s.counts).reduce((a, b) => a + b, 0),
    s.generateSeconds,
    s.writeSeconds,
    s.generateSeconds + s.writeSeconds,
  ]);
  if (seedRows.length) {
    report.table(
      'datasets',
      'Datasets (seeding time = when the dataset was made; reused sets keep their figures)',
      ['set', 'this run', 'decisions', 'executions', 'fills', 'items', 'generate s', 'write s', 'seeding s'],
      seedRows,
    );
  }
  const totalSeconds = (performance.now() - started) / 1000;
  const machine = {
    cores: cpus().length,
    loadAverageAtStart: loadAtStart,
    loadAverageAtEnd: loadavg()[0] ?? NaN,
  };
  process.stdout.write(
    `${report.summary()}\n(total ${totalSeconds.toFixed(0)} s; ${machine.cores} cores, 1-min load average ${machine.loadAverageAtStart.toFixed(2)} at start, ${machine.loadAverageAtEnd.toFixed(2)} at end)\n`,
  );
  report.write([...args.only, 'datasets'], {
    finishedAt: new Date().toISOString(),
    totalSeconds,
    machine,
    seeding: bench.seeding,
  });
  return report.checks.some((c) => !c.pass) || crashed.length ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`bench: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
