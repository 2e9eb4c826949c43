// The first stops of the Tab order, shown only when focused: past the top bar to the page, and on a
// page with a markets table straight to its first row (Enter there opens the market).
import type { MouseEvent } from 'react';
import '../cockpit-tables.css';
import { useLocation } from '../router/location';
import { normalizePath } from '../router/match';

function focusFirst(selector: string) {
  return (e: MouseEvent<HTMLAnchorElement>) => {
    const el = document.querySelector<HTMLElement>(selector);
    if (!el) return;
    e.preventDefault();
    el.focus({ preventScroll: true });
    el.scrollIntoView({ block: 'center', inline: 'nearest' });
  };
}

export function SkipLinks() {
  const home = normalizePath(useLocation().pathname) === '/';
  return (
    <div className="skip-links">
      <a className="skip-link" href="#content" onClick={focusFirst('#content')}>
        Skip to content
      </a>
      {home && (
        <a className="skip-link" href="#content" onClick={focusFirst('tbody tr[data-market]')}>
          Skip to market rows
        </a>
      )}
    </div>
  );
}
