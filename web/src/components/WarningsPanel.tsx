// The API's warnings (position drift, undecodable items, missing indexes, …): collapsed by default
// behind a count, grouped by code so forty drift notes do not bury one missing index.
import type { Warning } from '../api/types';

export function groupWarnings(warnings: readonly Warning[]): [string, Warning[]][] {
  const byCode = new Map<string, Warning[]>();
  for (const w of warnings) {
    const list = byCode.get(w.code);
    if (list) list.push(w);
    else byCode.set(w.code, [w]);
  }
  return [...byCode.entries()];
}

export function WarningsPanel({ warnings }: { warnings: Warning[] }) {
  if (warnings.length === 0) return null;
  return (
    <details className="warnings" data-testid="warnings">
      <summary>
        Warnings <span className="count count-warn">{warnings.length}</span>
        <span className="muted">
          {' '}
          {groupWarnings(warnings)
            .map(([code, list]) => `${code} ×${list.length}`)
            .join(' · ')}
        </span>
      </summary>
      {groupWarnings(warnings).map(([code, list]) => (
        <section key={code}>
          <h3 className="mono">{code}</h3>
          <ul>
            {list.map((w, i) => (
              <li key={i}>{w.message}</li>
            ))}
          </ul>
        </section>
      ))}
    </details>
  );
}
