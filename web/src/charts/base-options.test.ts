import { describe, expect, it } from 'vitest';
import { AXIS_FONT, chartOptions, timeAxis, valueAxis } from './base-options';
import { TIME_AXIS_VALUES } from './time-axis';

const palette = { axis: '#777', grid: '#eee' };

describe('the shared chart options', () => {
  it('hide the legend, zoom x by drag and label times in the zone given', () => {
    const o = chartOptions({ tz: 'America/New_York', padding: [8, 8, 0, 4], series: [{}] });
    expect(o.legend?.show).toBe(false);
    expect(o.cursor?.drag).toEqual({ x: true, y: false, setScale: true });
    expect(o.tzDate).toBeTypeOf('function');
    expect(chartOptions({ padding: [0, 0, 0, 0], series: [{}] }).tzDate).toBeUndefined();
  });

  it("merge a chart's cursor over the base, its drag included", () => {
    const o = chartOptions({
      padding: [0, 0, 0, 0],
      series: [{}],
      cursor: { drag: { x: false, y: false, setScale: false }, points: { size: 5 } },
    });
    expect(o.cursor).toMatchObject({ drag: { x: false, setScale: false }, points: { size: 5 } });
  });

  it('style every axis in the theme colours', () => {
    const t = timeAxis(palette);
    expect(t).toMatchObject({
      stroke: '#777',
      grid: { stroke: '#eee' },
      font: AXIS_FONT,
      values: TIME_AXIS_VALUES,
    });
    expect(valueAxis(palette, { scale: 'net', grid: { show: false } })).toMatchObject({
      stroke: '#777',
      scale: 'net',
      grid: { show: false },
    });
  });
});
