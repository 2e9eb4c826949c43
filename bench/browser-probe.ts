// Runs inside the page (added with addInitScript, before any of the app's code): records, relative
// to navigation start, when each [data-testid] first appears and when the Home page's three parts
// are first drawn. Selector-tolerant, since the Home page is still being built: cards are elements
// whose test id starts with "card-" (or class "card") with some text, the chart a non-empty
// canvas/svg inside an element whose test id contains "chart", the table a body row of a table.
// Plain JavaScript in a string: functions passed from this (transpiled) file would carry the
// transpiler's helpers, which do not exist in the page.
export const PROBE_SOURCE = `(() => {
  const state = { seen: {}, parts: {} };
  window.__bench = state;
  const visible = (el) => { const r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0; };
  const parts = {
    cards: () => [...document.querySelectorAll('[data-testid^="card-"], .card')].some((e) => visible(e) && (e.textContent || '').trim().length > 0),
    chart: () => [...document.querySelectorAll('[data-testid*="chart"] canvas, [data-testid*="chart"] svg')].some(visible),
    table: () => [...document.querySelectorAll('table tbody tr, [role="grid"] [role="row"]')].some(visible),
  };
  const check = () => {
    const t = performance.now();
    for (const el of document.querySelectorAll('[data-testid]')) {
      const id = el.getAttribute('data-testid') || '';
      if (!(id in state.seen)) state.seen[id] = t;
    }
    for (const [name, test] of Object.entries(parts)) if (!(name in state.parts) && test()) state.parts[name] = t;
  };
  const start = () => new MutationObserver(check).observe(document, { childList: true, subtree: true, attributes: true, characterData: true });
  start();
  // A canvas is drawn without a DOM mutation: also look every frame until all three are there.
  const frame = () => { check(); if (Object.keys(state.parts).length < 3) requestAnimationFrame(frame); };
  requestAnimationFrame(frame);
})();`;

export const PARTS_FOUND = 'Object.keys(window.__bench.parts).length >= 3';
export const READ_PROBE = 'window.__bench';
export const READ_DCL = "(performance.getEntriesByType('navigation')[0] || {}).domContentLoadedEventEnd";
