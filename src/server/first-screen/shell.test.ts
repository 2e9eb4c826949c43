import { describe, expect, it } from 'vitest';
import { codeAfterRoot } from './shell.js';

// Vite's index.html head, as `vite build` writes it (a module script, a preload, a stylesheet).
const BEFORE =
  '<!doctype html>\n<html lang="en">\n  <head>\n    <meta charset="UTF-8" />\n' +
  '    <script type="module" crossorigin src="/assets/index-AbC.js"></script>\n' +
  '    <link rel="modulepreload" crossorigin href="/assets/vendor-XyZ.js">\n' +
  '    <link rel="stylesheet" crossorigin href="/assets/index-DeF.css">\n  </head>\n  <body>\n    ';
const AFTER = '\n  </body>\n</html>\n';

describe('codeAfterRoot', () => {
  it('moves the module script and its preloads after the root, in order, and keeps the stylesheet', () => {
    const s = codeAfterRoot({ before: BEFORE, after: AFTER });
    expect(s.before).not.toContain('.js');
    expect(s.before).toContain('<link rel="stylesheet" crossorigin href="/assets/index-DeF.css">');
    expect(s.after).toBe(
      '<script type="module" crossorigin src="/assets/index-AbC.js"></script>' +
        '<link rel="modulepreload" crossorigin href="/assets/vendor-XyZ.js">' +
        AFTER,
    );
  });

  it('leaves a shell without module code as it is (a classic script is not moved)', () => {
    const shell = { before: '<head><script src="/legacy.js"></script></head><body>', after: '</body>' };
    expect(codeAfterRoot(shell)).toEqual(shell);
  });
});
