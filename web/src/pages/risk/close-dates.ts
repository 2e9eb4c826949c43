// The label of a close-date group: the date with "today"/"tomorrow"/"past" beside it (both UTC,
// like the grouping), and the unknown group said out loud.
const DAY_MS = 86_400_000;

function utcDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function closeDateLabel(date: string | null, nowMs: number): string {
  if (date === null) return 'close date unknown';
  const today = utcDay(nowMs);
  if (date === today) return `${date} (today)`;
  if (date === utcDay(nowMs + DAY_MS)) return `${date} (tomorrow)`;
  if (date < today) return `${date} (past)`;
  return date;
}
