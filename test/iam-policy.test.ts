// The IAM policy operators attach (docs/iam-policy.json, also in docs/operations.md) grants exactly what the
// read-only guard lets out: the same actions, on exactly the ten tables and their indexes.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ALLOWED_OPERATIONS, SCANNABLE_TABLE_BASES } from '../src/store/client.js';
import { allTableNames } from '../src/store/tables.js';

interface Statement {
  Action: string[];
  Resource: string[] | string;
}
const policy = JSON.parse(readFileSync(new URL('../docs/iam-policy.json', import.meta.url), 'utf8')) as {
  Statement: Statement[];
};
const operations = readFileSync(new URL('../docs/operations.md', import.meta.url), 'utf8');

describe('IAM policy', () => {
  it('grants exactly the operations the guard allows', () => {
    const actions = new Set(policy.Statement.flatMap((s) => s.Action));
    expect([...actions].sort()).toEqual(ALLOWED_OPERATIONS.map((a) => `dynamodb:${a}`).sort());
  });
  it('names exactly the ten tables (and indexes only of the two tables that have them)', () => {
    const resources = policy.Statement.flatMap((s) =>
      Array.isArray(s.Resource) ? s.Resource : [s.Resource],
    );
    const tables = new Set(
      resources
        .filter((r) => r !== '*')
        .map((r) => r.replace(/^arn:aws:dynamodb:\*:\*:table\//, '').replace(/\/index\/\*$/, '')),
    );
    expect([...tables].sort()).toEqual(allTableNames().sort());
    const indexed = resources.filter((r) => r.endsWith('/index/*')).map((r) => r.split('/')[1]);
    expect(indexed.every((t) => /dora_(decision|execution)_log_/.test(t ?? ''))).toBe(true);
  });
  it('allows Scan only on the tables the guard lets be scanned, ListTables only on *', () => {
    for (const s of policy.Statement) {
      if (s.Action.includes('dynamodb:Scan')) {
        const bases = new Set(
          (s.Resource as string[]).map((r) => r.split('/')[1]?.replace(/_(demo|prod)$/, '')),
        );
        expect([...bases].sort()).toEqual([...SCANNABLE_TABLE_BASES].sort());
      }
      if (s.Action.includes('dynamodb:ListTables')) expect(s.Resource).toBe('*');
    }
  });
  it('is printed verbatim in docs/operations.md', () => {
    expect(operations).toContain(JSON.stringify(policy, null, 2));
  });
});
