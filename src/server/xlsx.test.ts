import { describe, expect, it } from 'vitest';
import { inflateRawSync } from 'node:zlib';
import { toXlsx } from './xlsx.js';

/** Reads the entries of a ZIP written entry after entry (as toXlsx writes it). */
function unzip(buf: Buffer): Map<string, string> {
  const out = new Map<string, string>();
  let at = 0;
  while (buf.readUInt32LE(at) === 0x04034b50) {
    const packed = buf.readUInt32LE(at + 18);
    const nameLen = buf.readUInt16LE(at + 26);
    const name = buf.subarray(at + 30, at + 30 + nameLen).toString('utf8');
    const data = buf.subarray(at + 30 + nameLen, at + 30 + nameLen + packed);
    out.set(name, inflateRawSync(data).toString('utf8'));
    at += 30 + nameLen + packed;
  }
  return out;
}

describe('xlsx export', () => {
  it('writes a workbook with a header row, numeric cells, booleans and escaped text', () => {
    const buf = toXlsx('markets demo', [
      { marketId: 'KX-A', realizedPnl: 0.3405, enabled: true, note: 'a < b & "c"\u0001' },
      { marketId: 'KX-B', realizedPnl: -1.25, enabled: false, note: null },
    ]);
    const files = unzip(buf);
    expect([...files.keys()].sort()).toEqual([
      '[Content_Types].xml',
      '_rels/.rels',
      'xl/_rels/workbook.xml.rels',
      'xl/styles.xml',
      'xl/workbook.xml',
      'xl/worksheets/sheet1.xml',
    ]);
    const sheet = files.get('xl/worksheets/sheet1.xml') ?? '';
    expect(sheet).toContain(
      '<c r="A1" t="inlineStr" s="1"><is><t xml:space="preserve">marketId</t></is></c>',
    );
    expect(sheet).toContain('<c r="B2"><v>0.3405</v></c>');
    expect(sheet).toContain('<c r="B3"><v>-1.25</v></c>');
    expect(sheet).toContain('<c r="C2" t="b"><v>1</v></c>');
    expect(sheet).toContain('a &lt; b &amp; &quot;c&quot;');
    expect(sheet).not.toContain('r="D3"'); // null stays an empty cell
    expect(files.get('xl/workbook.xml')).toContain('name="markets demo"');
  });
});
