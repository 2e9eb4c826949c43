// Time-axis labels in the dashboard's one date format: cards and tables write `2026-11-23 14:05:00`
// (YYYY-MM-DD, 24-hour), so the charts' axes do too, instead of uPlot's default `11/23` and `2pm`.
// uPlot's template: [smallest tick step in s, label, label at a new year, _, at a new day, _, at a
// new hour, _, mode 1 = the extra line is drawn only where it changes].
import type uPlot from 'uplot';

const DAY_S = 86_400;

export const TIME_AXIS_VALUES: uPlot.Axis.TimeValuesConfig = [
  [365 * DAY_S, '{YYYY}', null, null, null, null, null, null, 1],
  [28 * DAY_S, '{YYYY}-{MM}', null, null, null, null, null, null, 1],
  [DAY_S, '{MM}-{DD}', '\n{YYYY}', null, null, null, null, null, 1],
  [3600, '{HH}:{mm}', '\n{YYYY}-{MM}-{DD}', null, '\n{MM}-{DD}', null, null, null, 1],
  [60, '{HH}:{mm}', '\n{YYYY}-{MM}-{DD}', null, '\n{MM}-{DD}', null, null, null, 1],
  [1, ':{ss}', '\n{YYYY}-{MM}-{DD} {HH}:{mm}', null, '\n{MM}-{DD} {HH}:{mm}', null, '\n{HH}:{mm}', null, 1],
];

/** One day's chart (its date is in the title): 24-hour times only. */
export const HOURS_ONLY: uPlot.Axis.TimeValuesTpl = '{HH}:{mm}';
