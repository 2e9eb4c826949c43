// The display time zone picker: the usual zones, the current one and the browser's (marked).
import { browserTimeZone, timeZoneChoices } from '../format/time';

export function TimeZoneSelect({ tz, onChange }: { tz: string; onChange: (tz: string) => void }) {
  const browser = browserTimeZone();
  return (
    <label className="tz">
      <span className="muted">Time zone</span>
      <select value={tz} onChange={(e) => onChange(e.target.value)} aria-label="Time zone">
        {timeZoneChoices(tz, browser).map((z) => (
          <option key={z} value={z}>
            {z === browser && z !== 'UTC' ? `${z} (browser)` : z}
          </option>
        ))}
      </select>
    </label>
  );
}
