import { describe, expect, it } from 'vitest';
import { unzipEntries } from '../../test/helpers/workbook.js';
import { toXlsx } from './xlsx.js';

describe('xlsx export', () => {
  it('writes a workbook with a header row, numeric cells, booleans and escaped text', () => {
    const buf = toXlsx('markets demo', [
      { marketId: 'KX-A', realizedPnl: 0.3405, enabled: true, note: 'a < b & "c"\u0001' },
      { marketId: 'KX-B', realizedPnl: -1.25, enabled: false, note: null },
    ]);
    const files = unzipEntries(buf);
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
    expect(sheet).toContain('<c r="B2" s="2"><v>0.3405</v></c>'); // money: the dollar format
    expect(sheet).toContain('<c r="B3" s="2"><v>-1.25</v></c>');
    expect(sheet).toContain('<c r="C2" t="b"><v>1</v></c>');
    expect(sheet).toContain('a &lt; b &amp; &quot;c&quot;');
    expect(sheet).not.toContain('r="D3"'); // null stays an empty cell
    expect(files.get('xl/workbook.xml')).toContain('name="markets demo"');
  });

  it('writes times as date cells in the chosen zone, money and prices in dollars, no float noise, no JSON', () => {
    const buf = toXlsx(
      'fills',
      [
        {
          time: '2026-01-15T15:30:00.000Z',
          date: '2026-01-15',
          priceYes: 0.47000000000000003,
          feeUsd: 0.0175,
          limitUse: 0.5,
          lastFillAtMs: Date.UTC(2026, 6, 1, 12, 0, 0),
          mismatch: { any: true, bid: 'missing', ask: 'ok' },
          tags: ['a', 'b'],
        },
      ],
      undefined,
      { tz: 'America/New_York' },
    );
    const sheet = unzipEntries(buf).get('xl/worksheets/sheet1.xml') ?? '';
    // 10:30 in New York (EST) on 2026-01-15; 08:00 (EDT) on 2026-07-01.
    const serial = (ms: number) => ms / 86_400_000 + 25_569;
    expect(sheet).toContain(`<c r="A2" s="4"><v>${serial(Date.UTC(2026, 0, 15, 10, 30))}</v></c>`);
    expect(sheet).toContain(`<c r="B2" s="5"><v>${serial(Date.UTC(2026, 0, 15))}</v></c>`);
    expect(sheet).toContain('<c r="C2" s="3"><v>0.47</v></c>');
    expect(sheet).toContain('<c r="D2" s="2"><v>0.0175</v></c>');
    expect(sheet).toContain('<c r="E2" s="6"><v>0.5</v></c>');
    expect(sheet).toContain(`<c r="F2" s="4"><v>${serial(Date.UTC(2026, 6, 1, 8, 0))}</v></c>`);
    expect(sheet).toContain('>any=true; bid=missing; ask=ok<');
    expect(sheet).toContain('>a, b<');
    expect(sheet).not.toContain('{');
  });

  it('freezes the header, filters it, sizes the columns and names the filter range', () => {
    const rows = Array.from({ length: 3 }, (_, i) => ({
      marketId: `KX-LONG-MARKET-NAME-${i}`,
      realizedPnl: 1234.5,
    }));
    const files = unzipEntries(toXlsx('markets', rows));
    const sheet = files.get('xl/worksheets/sheet1.xml') ?? '';
    expect(sheet).toContain('<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>');
    expect(sheet).toContain('<autoFilter ref="A1:B4"/>');
    const widths = [...sheet.matchAll(/<col min="(\d+)" max="\d+" width="(\d+)"/g)].map((m) => Number(m[2]));
    expect(widths[0]).toBeGreaterThanOrEqual('KX-LONG-MARKET-NAME-0'.length);
    expect(widths[1]).toBeGreaterThanOrEqual('$1,234.50'.length);
    expect(files.get('xl/workbook.xml')).toContain(
      `<definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">'markets'!$A$1:$B$4</definedName>`,
    );
    expect(files.get('xl/styles.xml')).toContain('formatCode="&quot;$&quot;#,##0.00');
  });

  it('keeps the XML well-formed whatever the text: U+FFFE, U+FFFF, lone surrogates, controls', () => {
    const sheet =
      unzipEntries(toXlsx('t', [{ note: 'a\uFFFEb\uFFFFc\uD800d\uDC00e\u0007f 😀 =1+1' }])).get(
        'xl/worksheets/sheet1.xml',
      ) ?? '';
    expect(sheet).toContain('>abcdef 😀 =1+1<');
    expect([...sheet].some((ch) => ['\uFFFE', '\uFFFF', '\u0007'].includes(ch))).toBe(false);
    expect(sheet).not.toContain('<f>'); // text is never a formula
  });
});
