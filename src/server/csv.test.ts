import { describe, expect, it } from 'vitest';
import { toCsv } from './csv.js';

describe('CSV (RFC 4180)', () => {
  it('writes a header, CRLF line ends, quotes only where needed, doubled quotes, numbers as they read, no JSON', () => {
    const csv = toCsv([
      { a: 'plain', b: 0.35000000000000003, c: null },
      { a: 'has,comma', b: 'say "hi"', c: { x: 1 } },
      { a: 'line\nbreak', b: -0.42, c: true },
    ]);
    expect(csv).toBe('a,b,c\r\nplain,0.35,\r\n"has,comma","say ""hi""",x=1\r\n"line\nbreak",-0.42,true\r\n');
  });
  it('writes only the header for no rows when columns are given', () => {
    expect(toCsv([], ['x', 'y'])).toBe('x,y\r\n');
  });
});
