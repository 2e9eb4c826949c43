// Collects what the suites measure: tables of figures (printed as they come) and budget checks
// (printed again together at the end). Each suite's share is written to bench/results/<suite>.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface Check {
  suite: string;
  dataset: string;
  what: string;
  value: string;
  budget: string;
  pass: boolean;
  note?: string;
}

export interface Table {
  suite: string;
  title: string;
  headers: string[];
  rows: (string | number)[][];
}

export const RESULTS_DIR = fileURLToPath(new URL('./results/', import.meta.url));

export function formatTable(headers: string[], rows: (string | number)[][]): string {
  const cells = [headers, ...rows.map((r) => r.map((c) => (typeof c === 'number' ? fmt(c) : c)))];
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => String(r[i] ?? '').length)));
  const line = (r: (string | number)[]) =>
    r
      .map((c, i) =>
        i === 0 ? String(c ?? '').padEnd(widths[i] ?? 0) : String(c ?? '').padStart(widths[i] ?? 0),
      )
      .join('  ');
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join('\n');
}

export function fmt(n: number, digits?: number): string {
  if (!Number.isFinite(n)) return String(n);
  const d = digits ?? (Number.isInteger(n) ? 0 : Math.abs(n) < 10 ? 2 : 1);
  return n.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });
}

/** full: `npm run bench`; quick: --quick (small datasets); ci: --ci (the CI subset on S). */
export type RunMode = 'full' | 'quick' | 'ci';

export class Report {
  readonly checks: Check[] = [];
  readonly tables: Table[] = [];
  readonly facts: Record<string, Record<string, unknown>> = {};
  /** Suites that could not run for a reason outside the code under test (e.g. a page not built yet). */
  readonly skipped: { suite: string; what: string; why: string }[] = [];

  constructor(
    readonly print: (text: string) => void,
    private readonly mode: RunMode,
  ) {}

  table(suite: string, title: string, headers: string[], rows: (string | number)[][]): void {
    this.tables.push({ suite, title, headers, rows });
    this.print(`\n${title}\n${formatTable(headers, rows)}`);
  }

  /** A budget: `value op limit`. The figure is printed whatever the outcome. */
  check(c: {
    suite: string;
    dataset: string;
    what: string;
    value: number;
    unit?: string;
    op: '<=' | '>=' | '==';
    limit: number;
    note?: string;
    digits?: number;
  }): boolean {
    const pass =
      Number.isFinite(c.value) &&
      (c.op === '<=' ? c.value <= c.limit : c.op === '>=' ? c.value >= c.limit : c.value === c.limit);
    const unit = c.unit ? ` ${c.unit}` : '';
    const check: Check = {
      suite: c.suite,
      dataset: c.dataset,
      what: c.what,
      value: `${fmt(c.value, c.digits)}${unit}`,
      budget: `${c.op === '<=' ? '≤' : c.op === '>=' ? '≥' : '='} ${fmt(c.limit, c.digits)}${unit}`,
      pass,
      ...(c.note ? { note: c.note } : {}),
    };
    this.checks.push(check);
    this.print(
      `  ${pass ? 'PASS' : 'FAIL'}  [${c.dataset}] ${c.what}: ${check.value} (budget ${check.budget})${c.note ? ` — ${c.note}` : ''}`,
    );
    return pass;
  }

  /** A budget that could not be measured (e.g. the page does not exist yet): a failure, said why. */
  fail(suite: string, dataset: string, what: string, budget: string, why: string): void {
    this.checks.push({ suite, dataset, what, value: 'not measured', budget, pass: false, note: why });
    this.print(`  FAIL  [${dataset}] ${what}: not measured (budget ${budget}) — ${why}`);
  }

  /** Not measured, and not counted as a failure: said why, in the run's output and its summary. */
  skip(suite: string, what: string, why: string): void {
    this.skipped.push({ suite, what, why });
    this.print(`  SKIP  ${what} — ${why}`);
  }

  fact(suite: string, key: string, value: unknown): void {
    (this.facts[suite] ??= {})[key] = value;
  }

  summary(): string {
    const rows = this.checks.map((c) => [
      c.pass ? 'PASS' : 'FAIL',
      c.suite,
      c.dataset,
      c.what,
      c.value,
      c.budget,
    ]);
    const failed = this.checks.filter((c) => !c.pass).length;
    const label =
      this.mode === 'quick'
        ? ' (--quick: small datasets)'
        : this.mode === 'ci'
          ? ' (--ci: S only, request and item counts only)'
          : '';
    const skipped = this.skipped.map((s) => `\nSKIPPED  ${s.suite}: ${s.what} — ${s.why}`).join('');
    return `\nBudgets${label}\n${formatTable(['', 'suite', 'set', 'what', 'value', 'budget'], rows)}\n${skipped}\n${this.checks.length - failed} passed, ${failed} failed`;
  }

  write(suites: readonly string[], extra: Record<string, unknown>): void {
    mkdirSync(RESULTS_DIR, { recursive: true });
    const suffix = this.mode === 'full' ? '' : `.${this.mode}`;
    for (const suite of suites) {
      writeFileSync(
        `${RESULTS_DIR}${suite}${suffix}.json`,
        JSON.stringify(
          {
            suite,
            quick: this.mode === 'quick',
            mode: this.mode,
            ...extra,
            checks: this.checks.filter((c) => c.suite === suite),
            skipped: this.skipped.filter((c) => c.suite === suite),
            tables: this.tables.filter((t) => t.suite === suite),
            facts: this.facts[suite] ?? {},
          },
          null,
          2,
        ),
      );
    }
  }
}
