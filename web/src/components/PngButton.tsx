// "PNG": saves the chart under `target` as an image (charts/png-export.ts).
import { useState } from 'react';
import { exportChartPng, type LegendItem } from '../charts/png-export';

interface Props {
  target: () => HTMLElement | null;
  filename: () => string;
  title: string;
  /** Drawn under the title (the page's legend is HTML, not part of the chart's canvas). */
  legend?: () => readonly LegendItem[];
  testId?: string;
}

export function PngButton({ target, filename, title, legend, testId }: Props) {
  const [failed, setFailed] = useState<string | null>(null);
  return (
    <button
      type="button"
      className="btn"
      data-testid={testId}
      title={failed ?? 'Save the chart as a PNG image'}
      onClick={() => {
        setFailed(null);
        exportChartPng(target(), filename(), title, legend?.() ?? []).catch((e: Error) =>
          setFailed(e.message),
        );
      }}
    >
      PNG{failed ? ' ⚠' : ''}
    </button>
  );
}
