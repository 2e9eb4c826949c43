// A type-to-search market box (an ARIA combobox): every word typed must appear in the ticker or the
// event. With `events`, whole events are offered too ("all markets of KXFED-26DEC"), for pickers
// that take several markets.
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';

export interface MarketOption {
  marketId: string;
  eventTicker: string | null;
  enabled: boolean;
}

export type SearchHit =
  { kind: 'market'; option: MarketOption } | { kind: 'event'; event: string; markets: MarketOption[] };

const MAX_SHOWN = 100;

/** Events and markets matching every word of the query (any case, any order); events first. */
export function searchMarkets(
  options: readonly MarketOption[],
  query: string,
  withEvents: boolean,
): SearchHit[] {
  const words = query.trim().toLowerCase().split(/\s+/).filter(Boolean);
  const match = (text: string) => words.every((w) => text.toLowerCase().includes(w));
  const hits: SearchHit[] = [];
  if (withEvents) {
    const byEvent = new Map<string, MarketOption[]>();
    for (const o of options) {
      if (!o.eventTicker) continue;
      const list = byEvent.get(o.eventTicker) ?? [];
      list.push(o);
      byEvent.set(o.eventTicker, list);
    }
    for (const [event, markets] of [...byEvent.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      if (markets.length > 1 && match(event)) hits.push({ kind: 'event', event, markets });
    }
  }
  for (const o of options)
    if (match(`${o.marketId} ${o.eventTicker ?? ''}`)) hits.push({ kind: 'market', option: o });
  return hits;
}

interface Props {
  options: readonly MarketOption[];
  /** The chosen market, shown while the box is not being typed in (single pickers). */
  value?: string | null;
  onPick: (hit: SearchHit) => void;
  withEvents?: boolean;
  placeholder?: string;
  label?: string;
  loading?: boolean;
  /** Markets already chosen (multi pickers): marked in the list. */
  chosen?: ReadonlySet<string>;
}

export function MarketSearch({
  options,
  value = null,
  onPick,
  withEvents = false,
  placeholder = 'Type to search markets…',
  label = 'Market',
  loading = false,
  chosen,
}: Props) {
  const [query, setQuery] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const listId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  // The list closes a moment after the box loses focus (so a click on an option lands first); a
  // focus in that moment must cancel the close, or the list it just opened would vanish.
  const closeTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const cancelClose = () => {
    if (closeTimer.current !== null) clearTimeout(closeTimer.current);
    closeTimer.current = null;
  };
  useEffect(() => cancelClose, []);
  const hits = useMemo(
    () => searchMarkets(options, query ?? '', withEvents).slice(0, MAX_SHOWN),
    [options, query, withEvents],
  );

  const pick = (hit: SearchHit | undefined) => {
    if (!hit) return;
    onPick(hit);
    setQuery(null);
    setOpen(false);
    inputRef.current?.blur();
  };
  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setOpen(true);
      setActive((a) => Math.min(hits.length - 1, a + 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((a) => Math.max(0, a - 1));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      pick(hits[active]);
    } else if (e.key === 'Escape') {
      setQuery(null);
      setOpen(false);
    }
  };

  return (
    <div className="msearch">
      <input
        ref={inputRef}
        type="text"
        role="combobox"
        aria-label={label}
        aria-expanded={open}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={open && hits[active] ? `${listId}-${active}` : undefined}
        className="msearch-input mono"
        placeholder={loading ? 'Loading markets…' : placeholder}
        value={query ?? value ?? ''}
        onFocus={(e) => {
          cancelClose();
          setOpen(true);
          setActive(0);
          e.currentTarget.select();
        }}
        onBlur={() => {
          cancelClose();
          closeTimer.current = setTimeout(() => setOpen(false), 150);
        }}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
          setOpen(true);
        }}
        onKeyDown={onKey}
        spellCheck={false}
        autoComplete="off"
      />
      {open && (
        <ul className="msearch-list" role="listbox" id={listId} aria-label={`${label} choices`}>
          {hits.length === 0 && (
            <li className="muted msearch-empty">
              {options.length === 0 ? 'No markets loaded.' : `No market matches “${query ?? ''}”.`}
            </li>
          )}
          {hits.map((h, i) => (
            <li
              key={h.kind === 'event' ? `e:${h.event}` : h.option.marketId}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              className={`msearch-option ${i === active ? 'active' : ''} ${h.kind === 'market' && !h.option.enabled ? 'off' : ''}`}
              onMouseDown={(e) => {
                e.preventDefault();
                pick(h);
              }}
              onMouseEnter={() => setActive(i)}
            >
              {h.kind === 'event' ? (
                <>
                  <span className="mono msearch-id">All of {h.event}</span>
                  <span className="muted small">{h.markets.length} markets</span>
                </>
              ) : (
                <>
                  <span className="mono msearch-id">
                    {chosen?.has(h.option.marketId) ? '✓ ' : ''}
                    {h.option.marketId}
                  </span>
                  <span className="muted small msearch-event">{h.option.eventTicker ?? ''}</span>
                  {!h.option.enabled && <span className="tag">off</span>}
                </>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
