import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { codeAfterRoot, withAllStyles } from './shell.js';

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

describe('withAllStyles', () => {
  it('adds every stylesheet of the build the head does not link yet, before </head>', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dora-shell-'));
    mkdirSync(join(dir, 'assets'));
    for (const f of ['index-DeF.css', 'pages-1.css', 'App-2.css', 'index-AbC.js'])
      writeFileSync(join(dir, 'assets', f), '');
    const s = await withAllStyles({ before: BEFORE, after: AFTER }, dir);
    expect(s.before.match(/rel="stylesheet"/g)).toHaveLength(3);
    expect(s.before).toContain(
      '<link rel="stylesheet" crossorigin href="/assets/App-2.css"><link rel="stylesheet" crossorigin href="/assets/pages-1.css"></head>',
    );
    expect(s.after).toBe(AFTER);
  });

  it('leaves the shell as it is without an assets folder', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dora-shell-'));
    expect(await withAllStyles({ before: BEFORE, after: AFTER }, dir)).toEqual({
      before: BEFORE,
      after: AFTER,
    });
  });
});
