// A uPlot plugin that marks bot restarts and version changes (run-markers.ts) on any time-x chart:
// a thin dashed vertical line per marker in the visible range, coloured by kind, with a small label
// at the top where there is room (placeLabels thins them on a narrow plot: lines stay, labels never
// overlap). The same markers are mirrored as elements in the plot's overlay, with data attributes
// naming the run, its start and versions, so tests can count what is drawn; screen readers get the
// list beside the chart (RunMarkerList), since the chart itself is one image.
import uPlot from 'uplot';
import { AXIS_FONT } from './base-options';
import { markerNear, placeLabels, visibleMarkers, type LabelBox, type RunMarker } from './run-markers';

export interface RunMarkerColors {
  restart: string;
  version: string;
  /** Behind a label, so it reads over the series (the panel's colour). */
  labelBg: string;
}

const LABEL_FONT_PX = 10;
const LABEL_PAD = 2;

/** The visible markers and their x in CSS px from the plot's left edge. */
export function markerPositions(
  u: uPlot,
  markers: readonly RunMarker[],
): { px: number; marker: RunMarker }[] {
  const { min, max } = u.scales['x'] ?? {};
  if (min === undefined || max === undefined || min === null || max === null) return [];
  const width = u.bbox.width / uPlot.pxRatio;
  return visibleMarkers(markers, min, max).map((marker) => ({
    marker,
    px: Math.max(0, Math.min(width, u.valToPos(marker.x, 'x'))),
  }));
}

/** The marker under the cursor (within 5 px of its line), for a chart's tooltip. */
export function markerAtCursor(u: uPlot, markers: readonly RunMarker[]): RunMarker | null {
  const left = u.cursor.left;
  if (left === undefined || left < 0) return null;
  return markerNear(markerPositions(u, markers), left);
}

/** `markers` is read on every draw: a chart whose markers change passes the latest (useLatestCallback). */
export function runMarkersPlugin(markers: () => readonly RunMarker[], colors: RunMarkerColors): uPlot.Plugin {
  let layer: HTMLDivElement | null = null;

  function draw(u: uPlot): void {
    const pos = markerPositions(u, markers());
    const ctx = u.ctx;
    const r = uPlot.pxRatio;
    const { left, top, width, height } = u.bbox;
    ctx.save();
    ctx.font = AXIS_FONT.replace(/^\d+px/, `${Math.round(LABEL_FONT_PX * r)}px`);
    ctx.textBaseline = 'top';
    // The context keeps the alignment of whatever uPlot drew last (a left axis leaves it 'right',
    // which put each label's text a label's width left of its box, across its own line).
    ctx.textAlign = 'left';
    const widths = pos.map((p) => ctx.measureText(p.marker.label).width + 2 * LABEL_PAD * r);
    const boxes = placeLabels(
      pos.map((p, i) => ({ px: p.px * r, width: widths[i]!, kind: p.marker.kind })),
      width,
    );
    // Every line first, then the labels over them: a line never runs through another's label text.
    ctx.setLineDash([4 * r, 3 * r]);
    ctx.lineWidth = Math.max(1, r);
    pos.forEach((p) => {
      const x = Math.round(left + p.px * r) + 0.5;
      ctx.beginPath();
      ctx.strokeStyle = colors[p.marker.kind];
      ctx.moveTo(x, top);
      ctx.lineTo(x, top + height);
      ctx.stroke();
    });
    pos.forEach((p, i) => {
      const color = colors[p.marker.kind];
      const box = boxes[i];
      if (!box) return;
      const bx = left + box.left;
      const by = top + 1 * r;
      ctx.setLineDash([]);
      ctx.fillStyle = colors.labelBg;
      ctx.globalAlpha = 0.85;
      ctx.fillRect(bx, by, box.width, (LABEL_FONT_PX + 2 * LABEL_PAD) * r);
      ctx.globalAlpha = 1;
      ctx.fillStyle = color;
      ctx.fillText(p.marker.label, bx + LABEL_PAD * r, by + LABEL_PAD * r);
    });
    ctx.restore();
    mirror(pos, boxes);
  }

  /** The overlay's elements: one per drawn marker, positioned on its line. */
  function mirror(pos: { px: number; marker: RunMarker }[], boxes: readonly (LabelBox | null)[]): void {
    const r = uPlot.pxRatio;
    if (!layer) return;
    layer.replaceChildren(
      ...pos.map((p, i) => {
        const el = document.createElement('div');
        const s = p.marker.start;
        el.className = `run-marker run-marker-${p.marker.kind}`;
        el.style.left = `${p.px}px`;
        el.dataset['testid'] = 'run-marker';
        el.dataset['kind'] = p.marker.kind;
        el.dataset['runId'] = s.runId;
        el.dataset['start'] = s.start;
        el.dataset['version'] = s.version ?? '';
        el.dataset['previousVersion'] = s.previousVersion ?? '';
        const box = boxes[i];
        el.dataset['label'] = box ? p.marker.label : '';
        // Where its label is drawn (CSS px from the plot's left), so a test can see none overlap.
        if (box) {
          el.dataset['labelLeft'] = String(Math.round((box.left / r) * 10) / 10);
          el.dataset['labelWidth'] = String(Math.round((box.width / r) * 10) / 10);
        }
        return el;
      }),
    );
    layer.dataset['count'] = String(pos.length);
  }

  return {
    hooks: {
      init: (u) => {
        layer = document.createElement('div');
        layer.className = 'run-marker-layer';
        layer.setAttribute('aria-hidden', 'true');
        layer.dataset['testid'] = 'run-markers';
        u.over.append(layer);
      },
      draw,
      destroy: () => {
        layer?.remove();
        layer = null;
      },
    },
  };
}
