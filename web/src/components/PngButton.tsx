// "PNG": saves the chart under `target` as an image (charts/png-export.ts).
import { useState } from 'react';
import { exportChartPng } from '../charts/png-export';

interface Props {
  target: () => HTMLElement | null;
  filename: () => string;
  title: string;
  testId?: string;
}

export function PngButton({ target, filename, title, testId }: Props) {
  const [failed, setFailed] = useState<string | null>(null);
  return (
    <button
      type="button"
      className="btn"
      data-testid={testId}
      title={failed ?? 'Save the chart as a PNG image'}
      onClick={() => {
        setFailed(null);
        exportChartPng(target(), filename(), title).catch((e: Error) => setFailed(e.message));
      }}
    >
      PNG{failed ? ' ⚠' : ''}
    </button>
  );
}
