// Text into HTML. Everything the first screen writes that came from data (market ids, decision ids,
// the bot's logic text) goes through escapeHtml; the island's JSON through islandJson, which leaves
// no `<` (so no `</script>` or `<!--` in any string can end or bend the script element), no `&`, and
// no U+2028/2029 — each written as its \u escape, which JSON.parse reads back as the same character.

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text for an element's content or a double-quoted attribute's value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

/** JSON text made safe inside `<script type="application/json">`; still the same JSON. */
export function islandJson(json: string): string {
  return json.replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
