// "CSV" and "Excel" downloads of a list endpoint with the same parameters as the table on screen
// (every list endpoint takes format=csv and format=xlsx; the server names the file).
import { useLocation } from '../router/location';

export type ExportParams = Record<string, string | number | null | undefined>;

export function exportHref(path: string, params: ExportParams, format: 'csv' | 'xlsx'): string {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(params))
    if (v !== null && v !== undefined && v !== '') qs.set(k, String(v));
  qs.set('format', format);
  return `${path}?${qs}`;
}

interface Props {
  path: string;
  params: ExportParams;
  /** data-testid prefix: `<testId>-csv`, `<testId>-xlsx`. */
  testId: string;
  /** What the file holds, when it is not exactly the table (shown on hover). */
  title?: string;
}

export function ExportLinks({ path, params, testId, title }: Props) {
  // A workbook's time cells are in the page's display time zone (the URL's tz) unless given.
  const tz = new URLSearchParams(useLocation().search).get('tz');
  const xlsxParams = tz && params['tz'] === undefined ? { ...params, tz } : params;
  return (
    <span className="export-links" title={title}>
      <a className="btn" href={exportHref(path, params, 'csv')} download data-testid={`${testId}-csv`}>
        CSV
      </a>
      <a className="btn" href={exportHref(path, xlsxParams, 'xlsx')} download data-testid={`${testId}-xlsx`}>
        Excel
      </a>
    </span>
  );
}
