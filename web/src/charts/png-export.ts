// A chart as a PNG file: uPlot draws on a transparent canvas, so the image is composed on the
// panel's background (readable in either theme) with a title line above, then saved via toBlob.
import { cssVar } from './palette';

const TITLE_PX = 28;

/** The composed canvas: background, title, then the chart at its device-pixel size. */
export function composeChart(source: HTMLCanvasElement, title: string): HTMLCanvasElement {
  const ratio = source.width / Math.max(1, source.clientWidth || source.width);
  const titleH = Math.round(TITLE_PX * ratio);
  const out = document.createElement('canvas');
  out.width = source.width;
  out.height = source.height + titleH;
  const ctx = out.getContext('2d');
  if (!ctx) return source;
  ctx.fillStyle = cssVar('--panel', '#ffffff');
  ctx.fillRect(0, 0, out.width, out.height);
  ctx.fillStyle = cssVar('--text', '#1b1f24');
  ctx.font = `600 ${Math.round(13 * ratio)}px system-ui, sans-serif`;
  ctx.textBaseline = 'middle';
  ctx.fillText(title, Math.round(8 * ratio), titleH / 2);
  ctx.drawImage(source, 0, titleH);
  return out;
}

export function canvasToBlob(canvas: HTMLCanvasElement): Promise<Blob> {
  return new Promise((resolve, reject) =>
    canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('the browser could not encode the PNG'))), 'image/png'),
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

/** Saves the first canvas under `host` (a uPlot chart) as a PNG with a title. */
export async function exportChartPng(host: HTMLElement | null, filename: string, title: string): Promise<void> {
  const canvas = host?.querySelector('canvas');
  if (!canvas) throw new Error('no chart to export');
  downloadBlob(await canvasToBlob(composeChart(canvas, title)), filename);
}
