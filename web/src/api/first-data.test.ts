// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { takeFirstData } from './first-data';

/** The little of a Document takeFirstData reads: one element by id. */
function docWith(text: string | null) {
  let removed = false;
  const el = { textContent: text, remove: () => (removed = true) };
  return {
    doc: {
      getElementById: (id: string) => (id === 'first-data' && text !== null ? el : null),
    } as unknown as Document,
    removed: () => removed,
  };
}

describe('the first screen island', () => {
  const island = { path: '/market', search: '?m=KX-A', anchorMs: 5, body: null };

  it('is read once, for this page only', () => {
    const here = docWith(JSON.stringify(island));
    expect(takeFirstData(here.doc, { pathname: '/market', search: '?m=KX-A' })).toEqual(island);
    expect(here.removed()).toBe(true);
    // Another URL (the location moved), malformed text, no island: nothing.
    expect(
      takeFirstData(docWith(JSON.stringify(island)).doc, { pathname: '/market', search: '?m=KX-B' }),
    ).toBeNull();
    expect(takeFirstData(docWith('{"path":').doc, { pathname: '/market', search: '?m=KX-A' })).toBeNull();
    expect(takeFirstData(docWith(null).doc, { pathname: '/market', search: '?m=KX-A' })).toBeNull();
  });

  it('reads the server’s escapes back as the characters they stand for', () => {
    const text = JSON.stringify({ ...island, search: '?m=\u003c/script\u003e' }).replace(/</g, '\\u003c');
    expect(text).not.toContain('<');
    const got = takeFirstData(docWith(text).doc, { pathname: '/market', search: '?m=</script>' });
    expect(got?.search).toBe('?m=</script>');
  });
});
