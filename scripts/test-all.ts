// `npm test`: every suite — unit and integration (Vitest, against real embedded stores), then the
// browser tests (Playwright on Debian's Chromium) — and one summary line summed from their JSON
// reports: `N passed, N failed`. Exit code non-zero when anything failed or a suite could not run.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const reports = join(root, 'reports');
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });

const bin = (name: string) => join(root, 'node_modules', '.bin', name);
const extra = process.argv.slice(2);
const skipE2e = extra.includes('--no-e2e') || process.env['DORA_SKIP_E2E'] === '1';

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = {}): number {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  return r.status ?? 1;
}

interface Counts {
  passed: number;
  failed: number;
}

function vitestCounts(file: string): Counts | null {
  if (!existsSync(file)) return null;
  const r = JSON.parse(readFileSync(file, 'utf8')) as {
    numPassedTests: number;
    numFailedTests: number;
    numTotalTestSuites: number;
    testResults: { status: string }[];
  };
  // A suite that fails to load has no tests but counts as a failure.
  const brokenFiles = r.testResults.filter((t) => t.status === 'failed').length;
  return {
    passed: r.numPassedTests,
    failed: Math.max(r.numFailedTests, r.numFailedTests === 0 ? brokenFiles : 0),
  };
}

function playwrightCounts(file: string): Counts | null {
  if (!existsSync(file)) return null;
  const r = JSON.parse(readFileSync(file, 'utf8')) as {
    stats: { expected: number; unexpected: number; flaky: number };
    errors?: unknown[];
  };
  return { passed: r.stats.expected + r.stats.flaky, failed: r.stats.unexpected + (r.errors?.length ?? 0) };
}

/** Names of the failed tests of both reports, so a CI log that keeps only its tail still says which. */
function failedNames(vitestFile: string, playwrightFile: string): string[] {
  const out: string[] = [];
  try {
    const r = JSON.parse(readFileSync(vitestFile, 'utf8')) as {
      testResults: {
        name: string;
        status: string;
        message?: string;
        assertionResults: { fullName: string; status: string }[];
      }[];
    };
    for (const f of r.testResults) {
      for (const a of f.assertionResults)
        if (a.status === 'failed') out.push(`vitest ${f.name.replace(root, '')}: ${a.fullName}`);
      if (f.status === 'failed' && f.assertionResults.length === 0)
        out.push(`vitest ${f.name.replace(root, '')}: ${(f.message ?? 'failed to load').split('\n')[0]}`);
    }
  } catch {
    // no report: the counts already say so
  }
  try {
    type Suite = {
      title: string;
      file?: string;
      suites?: Suite[];
      specs?: { title: string; file: string; tests: { status: string }[] }[];
    };
    const r = JSON.parse(readFileSync(playwrightFile, 'utf8')) as {
      suites: Suite[];
      errors?: { message?: string }[];
    };
    const walk = (s: Suite, path: string[]) => {
      for (const spec of s.specs ?? [])
        if (spec.tests.some((t) => t.status === 'unexpected'))
          out.push(`playwright ${spec.file}: ${[...path, spec.title].join(' › ')}`);
      for (const c of s.suites ?? []) walk(c, c.file ? path : [...path, c.title]);
    };
    for (const s of r.suites) walk(s, []);
    for (const e of r.errors ?? []) out.push(`playwright error: ${(e.message ?? '').split('\n')[0]}`);
  } catch {
    // no report
  }
  return out;
}

const vitestJson = join(reports, 'vitest.json');
const vitestCode = run(bin('vitest'), [
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${vitestJson}`,
]);
const v = vitestCounts(vitestJson) ?? { passed: 0, failed: 1 };

let p: Counts = { passed: 0, failed: 0 };
let playwrightCode = 0;
const pwJson = join(reports, 'playwright.json');
if (!skipE2e) {
  playwrightCode = run(bin('playwright'), ['test', '-c', 'e2e/playwright.config.ts'], {
    PLAYWRIGHT_JSON_OUTPUT_NAME: pwJson,
  });
  p = playwrightCounts(pwJson) ?? { passed: 0, failed: 1 };
}

const passed = v.passed + p.passed;
let failed = v.failed + p.failed;
// A runner that exited non-zero with no failed test recorded still failed (e.g. a crash).
if (failed === 0 && (vitestCode !== 0 || playwrightCode !== 0)) failed = 1;
for (const name of failedNames(vitestJson, pwJson)) process.stdout.write(`FAILED ${name}\n`);
if (failed > 0 && vitestCode !== 0) process.stdout.write(`vitest exited ${vitestCode}\n`);
if (failed > 0 && playwrightCode !== 0) process.stdout.write(`playwright exited ${playwrightCode}\n`);
process.stdout.write(`${passed} passed, ${failed} failed\n`);
process.exit(failed === 0 ? 0 : 1);
