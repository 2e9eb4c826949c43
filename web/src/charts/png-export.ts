// A chart as a PNG file: uPlot draws on a transparent canvas, so the image is composed on the
// panel's background (readable in either theme) with a title line above, then saved via toBlob.
import { cssVar } from './palette';

const TITLE_PX = 28;

export interface LegendItem {
  label: string;
  color: string;
}

/**
 * The composed canvas: background, title, a legend line (the page's legend is HTML, not in the
 * chart's canvas), then the chart at its device-pixel size.
 */
export function composeChart(
  source: HTMLCanvasElement,
  title: string,
  legend: readonly LegendItem[] = [],
): HTMLCanvasElement {
  const ratio = source.width / Math.max(1, source.clientWidth || source.width);
  const px = (n: number) => Math.round(n * ratio);
  const measure = document.createElement('canvas').getContext('2d');
  const font = `${px(12)}px system-ui, sans-serif`;
  // Lay the legend out in rows that fit the width.
  const rows: { x: number; item: LegendItem }[][] = [];
  if (measure && legend.length > 0) {
    measure.font = font;
    let row: { x: number; item: LegendItem }[] = [];
    let x = px(8);
    for (const item of legend) {
      const w = px(16) + measure.measureText(item.label).width + px(14);
      if (row.length > 0 && x + w > source.width) {
        rows.push(row);
        row = [];
        x = px(8);
      }
      row.push({ x, item });
      x += w;
    }
    rows.push(row);
  }
  const titleH = px(TITLE_PX);
  const legendH = rows.length * px(18);
  const out = document.createElement('canvas');
  out.width = source.width;
  out.height = source.height + titleH + legendH;
  const ctx = out.getContext('2d');
  if (!ctx) return source;
  ctx.fillStyle = cssVar('--panel', '#ffffff');
  ctx.fillRect(0, 0, out.width, out.height);
  ctx.fillStyle = cssVar('--text', '#1b1f24');
  ctx.font = `600 ${px(13)}px system-ui, sans-serif`;
  ctx.textBaseline = 'middle';
  ctx.fillText(title, px(8), titleH / 2);
  ctx.font = font;
  rows.forEach((row, r) => {
    const y = titleH + r * px(18) + px(9);
    for (const { x, item } of row) {
      ctx.fillStyle = item.color;
      ctx.fillRect(x, y - px(4), px(10), px(8));
      ctx.fillStyle = cssVar('--muted', '#5f6b7a');
      ctx.fillText(item.label, x + px(14), y);
    }
  });
  ctx.drawImage(source, 0, titleH + legendH);
  return out;
}

export function canvasToBlob(canvas: HTMLCanvasElement): Promise<Blob> {
  return new Promise((resolve, reject) =>
    canvas.toBlob(
      (b) => (b ? resolve(b) : reject(new Error('the browser could not encode the PNG'))),
      'image/png',
    ),
  );
}

export function downloadBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** `dora-pnl-demo-2026-11-25.png`: safe characters only. */
export function pngName(parts: readonly string[]): string {
  return `${parts.join('-').replace(/[^A-Za-z0-9._-]+/g, '_')}.png`;
}

/** Saves the first canvas under `host` (a uPlot chart) as a PNG with a title and a legend. */
export async function exportChartPng(
  host: HTMLElement | null,
  filename: string,
  title: string,
  legend: readonly LegendItem[] = [],
): Promise<void> {
  const canvas = host?.querySelector('canvas');
  if (!canvas) throw new Error('no chart to export');
  downloadBlob(await canvasToBlob(composeChart(canvas, title, legend)), filename);
}
