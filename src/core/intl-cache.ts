// One cache of Intl.DateTimeFormat instances, keyed by locale and options: building a formatter
// costs far more than using one, and tables and axes format thousands of times per render.
// A bad time zone throws (RangeError) from here like the constructor does; callers catch.

const formatters = new Map<string, Intl.DateTimeFormat>();
/** Bounds the cache when links bring arbitrary (valid) zones. */
const MAX_ENTRIES = 256;

export function dateTimeFormat(
  locale: string,
  options: Intl.DateTimeFormatOptions = {},
): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, options);
    if (formatters.size >= MAX_ENTRIES) formatters.clear();
    formatters.set(key, f);
  }
  return f;
}

const knownZones = new Map<string, boolean>();
/** Whether the browser knows this IANA zone (a link's `tz` may be anything). */
export function isTimeZone(tz: string): boolean {
  if (tz.length === 0 || tz.length > 64) return false;
  let ok = knownZones.get(tz);
  if (ok === undefined) {
    try {
      dateTimeFormat('en-US', { timeZone: tz });
      ok = true;
    } catch {
      ok = false;
    }
    if (knownZones.size >= MAX_ENTRIES) knownZones.clear();
    knownZones.set(tz, ok);
  }
  return ok;
}
