// format=xlsx: a minimal Office Open XML workbook — one sheet — that a trader filters and sums
// without reformatting: a bold header row, frozen, with filters; numbers as numeric cells (money in a
// dollar format, prices in dollars to a tenth of a cent, limit use in percent); times as real date
// cells in the chosen time zone; booleans as booleans; text as inline strings (never a formula, never
// a character XML forbids); each column sized to its content.
//
// Written by hand (a ZIP of six XML parts, ~200 lines) rather than with a library: the npm `xlsx`
// (SheetJS) package is frozen at 0.18.5 with open advisories (its fixes ship only from the vendor's
// CDN), and ExcelJS 4.4 pulls in ~40 packages (archiver, unzipper, …) and has had no release since
// 2023 — both cost more in supply chain and bundle than the few features used here.
import { zoneOffsetMs } from '../core/tz-days.js';
import { crc32, deflateRawSync } from 'node:zlib';
import { columnKind, exportValue, type ColumnKind } from './export-values.js';

/** XML 1.0 text: tabs, line ends and every other allowed character; escapes the five specials. */
function xmlEscape(s: string): string {
  // Outside XML 1.0's Char production: C0 controls (but tab, LF, CR), lone surrogates, U+FFFE, U+FFFF.
  return s
    .replace(
      // eslint-disable-next-line no-control-regex -- the point is to remove them
      /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
      '',
    )
    .replace(/[<>&"]/g, (c) => `&${{ '<': 'lt', '>': 'gt', '&': 'amp', '"': 'quot' }[c]};`);
}

function column(i: number): string {
  let s = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** Cell styles (cellXfs indexes in styles.xml). */
const STYLE = { plain: 0, header: 1, money: 2, price: 3, time: 4, date: 5, percent: 6, count: 7 } as const;
const KIND_STYLE: Record<ColumnKind, number> = {
  money: STYLE.money,
  price: STYLE.price,
  time: STYLE.time,
  timeMs: STYLE.time,
  date: STYLE.date,
  percent: STYLE.percent,
  count: STYLE.count,
  plain: STYLE.plain,
};

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;
/** 1970-01-01 as an Excel (1900 system) serial day. */
const EPOCH_SERIAL = 25_569;

/** An instant as an Excel serial date-time in `tz`; null when the value is not a time. */
function timeSerial(v: unknown, kind: ColumnKind, tz: string): number | null {
  let ms: number | null = null;
  if (kind === 'timeMs' && typeof v === 'number' && Number.isFinite(v)) ms = v;
  else if (typeof v === 'string' && ISO_TIME.test(v)) ms = Date.parse(v);
  if (ms === null || Number.isNaN(ms)) return null;
  // The wall-clock time in `tz`, as ms on a UTC axis (an Excel date has no zone).
  return (ms + zoneOffsetMs(ms, tz)) / DAY_MS + EPOCH_SERIAL;
}

function textCell(ref: string, text: string, style: number): string {
  const s = style ? ` s="${style}"` : '';
  return `<c r="${ref}" t="inlineStr"${s}><is><t xml:space="preserve">${xmlEscape(text.slice(0, 32_000))}</t></is></c>`;
}

/** One cell, typed by its value and its column's kind; '' for an empty one. */
function cell(ref: string, raw: unknown, kind: ColumnKind, tz: string): string {
  if (raw === null || raw === undefined || raw === '') return '';
  if (kind === 'time' || kind === 'timeMs') {
    const serial = timeSerial(raw, kind, tz);
    if (serial !== null) return `<c r="${ref}" s="${STYLE.time}"><v>${serial}</v></c>`;
  }
  if (kind === 'date' && typeof raw === 'string' && ISO_DATE.test(raw)) {
    return `<c r="${ref}" s="${STYLE.date}"><v>${Date.parse(`${raw}T00:00:00Z`) / DAY_MS + EPOCH_SERIAL}</v></c>`;
  }
  const v = exportValue(raw);
  if (typeof v === 'number' && Number.isFinite(v)) {
    const style = kind === 'time' || kind === 'timeMs' || kind === 'date' ? STYLE.plain : KIND_STYLE[kind];
    return `<c r="${ref}"${style ? ` s="${style}"` : ''}><v>${v}</v></c>`;
  }
  if (typeof v === 'boolean') return `<c r="${ref}" t="b"><v>${v ? 1 : 0}</v></c>`;
  return textCell(ref, String(v), STYLE.plain);
}

/** A column's width in characters: its header or its widest shown value, within 8–60. */
function widthOf(name: string, kind: ColumnKind, rows: readonly Record<string, unknown>[]): number {
  let w = name.length + 3; // room for the filter button
  if (kind === 'time' || kind === 'timeMs') w = Math.max(w, 19);
  else if (kind === 'date') w = Math.max(w, 10);
  for (const r of rows) {
    const v = exportValue(r[name]);
    if (v === null || v === undefined || kind === 'time' || kind === 'timeMs' || kind === 'date') continue;
    const shown =
      typeof v === 'number'
        ? kind === 'money'
          ? Math.abs(v).toFixed(2).length + 4
          : kind === 'price'
            ? 7
            : String(v).length + 1
        : String(v).length;
    if (shown > w) w = shown;
    if (w >= 60) return 60;
  }
  return Math.max(8, Math.min(60, w + 1));
}

function sheetXml(rows: readonly Record<string, unknown>[], cols: readonly string[], tz: string): string {
  const kinds = cols.map(columnKind);
  const out = [`<row r="1">${cols.map((c, i) => textCell(`${column(i)}1`, c, STYLE.header)).join('')}</row>`];
  rows.forEach((r, ri) =>
    out.push(
      `<row r="${ri + 2}">${cols.map((c, ci) => cell(`${column(ci)}${ri + 2}`, r[c], kinds[ci]!, tz)).join('')}</row>`,
    ),
  );
  const widths = cols
    .map(
      (c, i) => `<col min="${i + 1}" max="${i + 1}" width="${widthOf(c, kinds[i]!, rows)}" customWidth="1"/>`,
    )
    .join('');
  const filter = cols.length ? `<autoFilter ref="${filterRef(cols.length, rows.length)}"/>` : '';
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>${widths ? `<cols>${widths}</cols>` : ''}<sheetData>${out.join('')}</sheetData>${filter}</worksheet>`;
}

function filterRef(columns: number, rows: number): string {
  return `A1:${column(columns - 1)}${rows + 1}`;
}

/** A sheet name Excel accepts: at most 31 characters, none of \\ / ? * [ ] :. */
function sheetTitle(name: string): string {
  return name.slice(0, 31).replace(/[\\/?*[\]:]/g, '_') || 'Sheet1';
}

const PARTS = (sheetName: string, filterName: string | null) => ({
  '[Content_Types].xml':
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>',
  '_rels/.rels':
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
  'xl/workbook.xml': `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="${xmlEscape(sheetTitle(sheetName))}" sheetId="1" r:id="rId1"/></sheets>${filterName ? `<definedNames><definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">${xmlEscape(`'${sheetTitle(sheetName).replace(/'/g, "''")}'!${filterName}`)}</definedName></definedNames>` : ''}</workbook>`,
  'xl/_rels/workbook.xml.rels':
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>',
  'xl/styles.xml':
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
    '<numFmts count="4"><numFmt numFmtId="164" formatCode="&quot;$&quot;#,##0.00;[Red]\\-&quot;$&quot;#,##0.00"/><numFmt numFmtId="165" formatCode="&quot;$&quot;0.000"/><numFmt numFmtId="166" formatCode="yyyy\\-mm\\-dd hh:mm:ss"/><numFmt numFmtId="167" formatCode="yyyy\\-mm\\-dd"/></numFmts>' +
    '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>' +
    '<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill><fill><patternFill patternType="solid"><fgColor rgb="FFE8EDF3"/><bgColor indexed="64"/></patternFill></fill></fills>' +
    '<borders count="1"><border/></borders><cellStyleXfs count="1"><xf/></cellStyleXfs>' +
    '<cellXfs count="8"><xf fontId="0"/><xf fontId="1" fillId="2" applyFont="1" applyFill="1"/><xf numFmtId="164" applyNumberFormat="1"/><xf numFmtId="165" applyNumberFormat="1"/><xf numFmtId="166" applyNumberFormat="1"/><xf numFmtId="167" applyNumberFormat="1"/><xf numFmtId="10" applyNumberFormat="1"/><xf numFmtId="3" applyNumberFormat="1"/></cellXfs>' +
    '</styleSheet>',
});

/** A ZIP archive (deflate) of the given files: just what Office Open XML needs. */
function zip(files: Record<string, string>): Buffer {
  const local: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(files)) {
    const data = Buffer.from(text, 'utf8');
    const packed = deflateRawSync(data);
    const nameBuf = Buffer.from(name, 'utf8');
    const crc = crc32(data);
    const head = Buffer.alloc(30);
    head.writeUInt32LE(0x04034b50, 0);
    head.writeUInt16LE(20, 4);
    head.writeUInt16LE(0x0800, 6); // UTF-8 names
    head.writeUInt16LE(8, 8); // deflate
    head.writeUInt32LE(crc, 14);
    head.writeUInt32LE(packed.length, 18);
    head.writeUInt32LE(data.length, 22);
    head.writeUInt16LE(nameBuf.length, 26);
    local.push(head, nameBuf, packed);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(20, 4);
    dir.writeUInt16LE(20, 6);
    dir.writeUInt16LE(0x0800, 8);
    dir.writeUInt16LE(8, 10);
    dir.writeUInt32LE(crc, 16);
    dir.writeUInt32LE(packed.length, 20);
    dir.writeUInt32LE(data.length, 24);
    dir.writeUInt16LE(nameBuf.length, 28);
    dir.writeUInt32LE(offset, 42);
    central.push(dir, nameBuf);
    offset += 30 + nameBuf.length + packed.length;
  }
  const dirBuf = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(central.length / 2, 8);
  end.writeUInt16LE(central.length / 2, 10);
  end.writeUInt32LE(dirBuf.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...local, dirBuf, end]);
}

export interface XlsxOptions {
  /** IANA zone the time cells are written in (default UTC). */
  tz?: string;
}

export function toXlsx(
  sheetName: string,
  rows: readonly Record<string, unknown>[],
  columns?: readonly string[],
  options: XlsxOptions = {},
): Buffer {
  const cols = columns ?? [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const tz = options.tz ?? 'UTC';
  const filterName = cols.length ? absoluteRef(filterRef(cols.length, rows.length)) : null;
  return zip({ ...PARTS(sheetName, filterName), 'xl/worksheets/sheet1.xml': sheetXml(rows, cols, tz) });
}

function absoluteRef(ref: string): string {
  return ref.replace(/([A-Z]+)(\d+)/g, '$$$1$$$2');
}
