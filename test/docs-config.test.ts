// The configuration table in docs/operations.md (the README links to it) is the one place an operator
// looks: it has a row for every option the program knows, with its flag, environment variable and
// config-file key exactly as parsed.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FLAGS, fileKey } from '../src/cli/options.js';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const doc = readFileSync(new URL('../docs/operations.md', import.meta.url), 'utf8');
const section = doc.slice(
  doc.indexOf('## Configuration'),
  doc.indexOf('\n## ', doc.indexOf('## Configuration') + 1),
);

/** Table rows as cells, with escaped pipes kept inside their cell. */
const rows = section
  .split('\n')
  .filter((l) => l.startsWith('| ') && !l.startsWith('| ---') && !l.startsWith('| flag'))
  .map((l) =>
    l
      .replace(/\\\|/g, '¦')
      .split(' | ')
      .map((c) => c.replace(/^\| /, '').trim()),
  );

const code = (cell: string | undefined) => /^`([^`\s]+)/.exec(cell ?? '')?.[1] ?? '—';

describe('the configuration table in docs/operations.md', () => {
  it.each(FLAGS.map((f) => [f.name, f] as const))('has the row of %s', (_name, f) => {
    const flag = f.flag === false ? '—' : `--${f.name}`;
    const row = rows.find(
      (r) => code(r[0]) === flag && code(r[1]) === (f.env ?? '—') && code(r[2]) === (fileKey(f) ?? '—'),
    );
    expect(row, `a row: ${flag} | ${f.env ?? '—'} | ${fileKey(f) ?? '—'}`).toBeDefined();
  });
  it('documents nothing the program does not know', () => {
    expect(rows).toHaveLength(FLAGS.length);
  });
  it('is linked from the README', () => {
    expect(readme).toContain('](docs/operations.md)');
  });
});
