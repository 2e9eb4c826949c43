// Type-to-search market picker (an ARIA combobox): every configured market plus every market with
// a position, each with its enabled state, event and net position.
import { useCallback } from 'react';
import { formatContracts } from '@core/format';
import { useCombobox } from '../../components/use-combobox';
import { searchOptions, type PickerOption } from './picker-options';

interface Props {
  options: PickerOption[];
  value: string | null;
  onPick: (marketId: string) => void;
  loading: boolean;
}

const MAX_SHOWN = 200;

export function MarketPicker({ options, value, onPick, loading }: Props) {
  const search = useCallback((q: string) => searchOptions(options, q).slice(0, MAX_SHOWN), [options]);
  const pick = useCallback((o: PickerOption) => onPick(o.marketId), [onPick]);
  const { query, open, active, listId, items: shown, inputProps, optionProps } = useCombobox(search, pick);
  const current = options.find((o) => o.marketId === value);

  return (
    <div className="picker">
      <input
        {...inputProps}
        aria-label="Market"
        className="picker-input mono"
        placeholder={loading ? 'Loading markets…' : 'Type to search markets…'}
        value={query ?? value ?? ''}
      />
      {current?.title && query === null && (
        <span className="muted small picker-title picker-current-title" title={current.title}>
          {current.title}
        </span>
      )}
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
              {...optionProps(i, o)}
              className={`picker-option ${i === active ? 'active' : ''} ${o.enabled ? '' : 'off'}`}
            >
              <span className="picker-name">
                <span className="mono picker-id">{o.marketId}</span>
                {o.title && (
                  <span className="muted small picker-title" title={o.title}>
                    {o.title}
                  </span>
                )}
              </span>
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
