// The API's warnings (position drift, undecodable items, missing indexes, …), grouped by code with
// a count so forty drift notes do not bury one missing index: actionable ones in view, the
// informational ones (known, explained differences) folded, each group's shared explanation once.
import type { Warning } from '@api/types';

export function groupWarnings(warnings: readonly Warning[]): [string, Warning[]][] {
  const byCode = new Map<string, Warning[]>();
  for (const w of warnings) {
    const list = byCode.get(w.code);
    if (list) list.push(w);
    else byCode.set(w.code, [w]);
  }
  return [...byCode.entries()];
}

/**
 * Codes that explain a known, lasting difference (fee eras, the never-reset daily_pnl, an old run
 * id format): nothing to act on, so they are folded away; everything else stays in view.
 */
export const INFORMATIONAL_CODES: ReadonlySet<string> = new Set([
  'realized_drift',
  'daily_pnl_running_total',
  'run_id_unparsed',
]);

/** The first sentence of a message (the item's own figures) and the rest (the shared explanation). */
export function splitMessage(message: string): [string, string] {
  const i = message.indexOf('. ');
  return i < 0 ? [message, ''] : [message.slice(0, i + 1), message.slice(i + 2)];
}

function Group({ code, list }: { code: string; list: Warning[] }) {
  // Many items of one kind: each item's own sentence, and the explanation they share said once.
  const shared = list.length > 1 ? splitMessage(list[0]!.message)[1] : '';
  return (
    <section data-testid={`warning-group-${code}`}>
      <h3>
        <span className="mono">{code}</span> <span className="count count-warn">{list.length}</span>
      </h3>
      {shared && <p className="small muted">{shared}</p>}
      <ul>
        {list.map((w, i) => (
          <li key={i}>{shared ? splitMessage(w.message)[0] : w.message}</li>
        ))}
      </ul>
    </section>
  );
}

export function WarningsPanel({ warnings }: { warnings: Warning[] }) {
  if (warnings.length === 0) return null;
  const groups = groupWarnings(warnings);
  const actionable = groups.filter(([code]) => !INFORMATIONAL_CODES.has(code));
  const info = groups.filter(([code]) => INFORMATIONAL_CODES.has(code));
  return (
    <div className="warnings-block" data-testid="warnings">
      {actionable.length > 0 && (
        <div className="warnings warnings-actionable" data-testid="warnings-actionable">
          <strong>Warnings</strong>{' '}
          <span className="muted">
            {actionable.map(([code, list]) => `${code} ×${list.length}`).join(' · ')}
          </span>
          {actionable.map(([code, list]) => (
            <Group key={code} code={code} list={list} />
          ))}
        </div>
      )}
      {info.length > 0 && (
        <details className="warnings warnings-info" data-testid="warnings-info">
          <summary>
            Informational <span className="count">{info.reduce((n, [, l]) => n + l.length, 0)}</span>
            <span className="muted">
              {' '}
              {info.map(([code, list]) => `${code} ×${list.length}`).join(' · ')} — known differences, nothing
              to do
            </span>
          </summary>
          {info.map(([code, list]) => (
            <Group key={code} code={code} list={list} />
          ))}
        </details>
      )}
    </div>
  );
}
