// "CSV" and "Excel" downloads of a table whose CSV link is already built: the workbook is the same
// request with format=xlsx and the page's display time zone (its time cells are in that zone).
import { useLocation } from '../router/location';

export function xlsxHref(csvHref: string, tz: string | null): string {
  const [path, query = ''] = csvHref.split('?');
  const qs = new URLSearchParams(query);
  qs.set('format', 'xlsx');
  if (tz) qs.set('tz', tz);
  return `${path}?${qs}`;
}

interface Props {
  csvHref: string;
  /** The CSV link's data-testid; the Excel link's is `<testId>-xlsx`. */
  testId: string;
  /** What the files hold (shown on hover). */
  title?: string;
}

export function CsvExcelLinks({ csvHref, testId, title }: Props) {
  const tz = new URLSearchParams(useLocation().search).get('tz');
  return (
    <span className="export-links" title={title}>
      <a className="btn" href={csvHref} download data-testid={testId}>
        CSV
      </a>
      <a className="btn" href={xlsxHref(csvHref, tz)} download data-testid={`${testId}-xlsx`}>
        Excel
      </a>
    </span>
  );
}
