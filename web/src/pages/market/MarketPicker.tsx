// Type-to-search market picker (an ARIA combobox): every configured market plus every market with
// a position, each with its enabled state, event and net position.
import { useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { formatContracts } from '../../../../src/core/format';
import { searchOptions, type PickerOption } from './picker-options';

interface Props {
  options: PickerOption[];
  value: string | null;
  onPick: (marketId: string) => void;
  loading: boolean;
}

const MAX_SHOWN = 200;

export function MarketPicker({ options, value, onPick, loading }: Props) {
  const [query, setQuery] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const listId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const shown = useMemo(() => searchOptions(options, query ?? '').slice(0, MAX_SHOWN), [options, query]);
  const current = options.find((o) => o.marketId === value);

  const pick = (o: PickerOption | undefined) => {
    if (!o) return;
    onPick(o.marketId);
    setQuery(null);
    setOpen(false);
    inputRef.current?.blur();
  };
  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setOpen(true);
      setActive((a) => Math.min(shown.length - 1, a + 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((a) => Math.max(0, a - 1));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      pick(shown[active]);
    } else if (e.key === 'Escape') {
      setQuery(null);
      setOpen(false);
    }
  };

  return (
    <div className="picker">
      <input
        ref={inputRef}
        type="text"
        role="combobox"
        aria-label="Market"
        aria-expanded={open}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={open && shown[active] ? `${listId}-${active}` : undefined}
        className="picker-input mono"
        placeholder={loading ? 'Loading markets…' : 'Type to search markets…'}
        value={query ?? value ?? ''}
        onFocus={(e) => {
          setOpen(true);
          setActive(0);
          e.currentTarget.select();
        }}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
          setOpen(true);
        }}
        onKeyDown={onKey}
        spellCheck={false}
        autoComplete="off"
      />
      {current && query === null && (
        <span
          className={`tag ${current.enabled ? 'tag-on' : ''}`}
          title={current.enabled ? 'quoting' : 'not quoting'}
        >
          {current.enabled ? 'enabled' : current.hasConfig ? 'disabled' : 'no config'}
        </span>
      )}
      {open && (
        <ul className="picker-list" role="listbox" id={listId} aria-label="Markets">
          {shown.length === 0 && <li className="muted picker-empty">No market matches “{query}”.</li>}
          {shown.map((o, i) => (
            <li
              key={o.marketId}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              className={`picker-option ${i === active ? 'active' : ''} ${o.enabled ? '' : 'off'}`}
              onMouseDown={(e) => {
                e.preventDefault();
                pick(o);
              }}
              onMouseEnter={() => setActive(i)}
            >
              <span className="mono picker-id">{o.marketId}</span>
              <span className="muted small picker-event">{o.eventTicker ?? ''}</span>
              <span className="picker-flags">
                {o.net !== null && o.net !== 0 && (
                  <span className="small fig" title="net position (contracts)">
                    {formatContracts(o.net, { plus: true })}
                  </span>
                )}
                {!o.enabled && <span className="tag">{o.hasConfig ? 'off' : 'no config'}</span>}
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
