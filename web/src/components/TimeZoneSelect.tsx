// The display time zone picker, the same on every page: every IANA zone the browser knows (the usual
// ones first), the browser's marked, and a search box that narrows the list as you type (Enter picks
// the first match).
import { useMemo, useState } from 'react';
import { browserTimeZone, timeZoneChoices } from '../format/time';

/** Every zone the browser knows, UTC first. */
function allZones(): string[] {
  const known = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return ['UTC', ...known.filter((z) => z !== 'UTC')];
}

export function zoneMatches(zone: string, query: string): boolean {
  const q = query
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, ' ');
  return q === '' || zone.toLowerCase().replace(/[_/]+/g, ' ').includes(q) || zone.toLowerCase().includes(q);
}

export function TimeZoneSelect({ tz, onChange }: { tz: string; onChange: (tz: string) => void }) {
  const browser = browserTimeZone();
  const [query, setQuery] = useState('');
  const zones = useMemo(() => {
    const usual = timeZoneChoices(tz, browser);
    return [...usual, ...allZones().filter((z) => !usual.includes(z))];
  }, [tz, browser]);
  const shown = zones.filter((z) => z === tz || zoneMatches(z, query));
  return (
    <span className="tz">
      <label className="tz-label">
        <span className="muted">Time zone</span>
        <select value={tz} onChange={(e) => onChange(e.target.value)} aria-label="Time zone">
          {shown.map((z) => (
            <option key={z} value={z}>
              {z === browser && z !== 'UTC' ? `${z} (browser)` : z}
            </option>
          ))}
        </select>
      </label>
      <input
        type="search"
        className="tz-search"
        placeholder="Find zone…"
        aria-label="Find a zone by name"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={(e) => {
          if (e.key !== 'Enter') return;
          const first = zones.find((z) => zoneMatches(z, query));
          if (first) {
            onChange(first);
            setQuery('');
          }
        }}
      />
    </span>
  );
}
