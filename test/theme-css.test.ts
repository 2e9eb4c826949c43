// The dark theme is written twice in web/src/styles.css: for <html data-theme="dark"> (the app's choice) and
// for the system's preference before the app has set any theme (the server's first screen). The two
// must say the same, or a dark first screen would change colours when the app takes over.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const css = readFileSync(fileURLToPath(new URL('../web/src/styles.css', import.meta.url)), 'utf8');

/** The declarations of the rule whose selector starts at `selector`, comments dropped, in order. */
function declarations(selector: string): string[] {
  const at = css.indexOf(`${selector} {`);
  expect(at, selector).toBeGreaterThanOrEqual(0);
  const body = css.slice(at + selector.length + 2, css.indexOf('}', at));
  return body
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .split(';')
    .map((d) => d.trim())
    .filter(Boolean);
}

describe('styles.css themes', () => {
  it('declares the same dark variables for data-theme="dark" and for a dark system before any choice', () => {
    const chosen = declarations(":root[data-theme='dark']");
    const system = declarations(':root:not([data-theme])');
    expect(chosen.length).toBeGreaterThan(30);
    expect(system).toEqual(chosen);
    expect(css).toMatch(/@media \(prefers-color-scheme: dark\) \{\s*:root:not\(\[data-theme\]\) \{/);
  });

  it('gives the light theme every variable the dark one sets', () => {
    const name = (d: string) => d.split(':')[0];
    const light = new Set(declarations(":root,\n:root[data-theme='light']").map(name));
    for (const d of declarations(":root[data-theme='dark']")) expect(light, name(d)).toContain(name(d));
  });
});
