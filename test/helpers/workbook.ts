// Reads back a workbook the server wrote (src/server/xlsx.ts): a ZIP of deflated entries written one
// after another, each behind its local header — so the tests walk the headers instead of needing an
// unzip library. One reader for every test that looks inside an export.
import { inflateRawSync } from 'node:zlib';

const LOCAL_HEADER = 0x04034b50;

/** Every entry of the ZIP by name, inflated to text. */
export function unzipEntries(buf: Buffer): Map<string, string> {
  const out = new Map<string, string>();
  for (let at = 0; at + 30 <= buf.length && buf.readUInt32LE(at) === LOCAL_HEADER;) {
    const packed = buf.readUInt32LE(at + 18);
    const nameLength = buf.readUInt16LE(at + 26);
    const extra = buf.readUInt16LE(at + 28);
    const name = buf.toString('utf8', at + 30, at + 30 + nameLength);
    const start = at + 30 + nameLength + extra;
    out.set(name, inflateRawSync(buf.subarray(start, start + packed)).toString('utf8'));
    at = start + packed;
  }
  return out;
}

/** The worksheet XML of a one-sheet workbook. */
export function sheetXml(buf: Buffer): string {
  const sheet = unzipEntries(buf).get('xl/worksheets/sheet1.xml');
  if (sheet === undefined) throw new Error('no sheet1.xml in the workbook');
  return sheet;
}
