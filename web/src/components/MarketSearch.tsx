// A type-to-search market box (an ARIA combobox): every word typed must appear in the ticker or the
// event. With `events`, whole events are offered too ("all markets of KXFED-26DEC"), for pickers
// that take several markets.
import { useCallback } from 'react';
import { hasEveryWord, marketText, queryWords } from './market-match';
import { useCombobox } from './use-combobox';

export interface MarketOption {
  marketId: string;
  eventTicker: string | null;
  enabled: boolean;
  /** Kalshi's title where known: shown under the ticker and matched by the search. */
  title?: string | null;
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
  const words = queryWords(query);
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
      if (markets.length > 1 && hasEveryWord(event, words)) hits.push({ kind: 'event', event, markets });
    }
  }
  for (const o of options) if (hasEveryWord(marketText(o), words)) hits.push({ kind: 'market', option: o });
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
  const search = useCallback(
    (q: string) => searchMarkets(options, q, withEvents).slice(0, MAX_SHOWN),
    [options, withEvents],
  );
  const { query, open, active, listId, items: hits, inputProps, optionProps } = useCombobox(search, onPick);

  return (
    <div className="msearch">
      <input
        {...inputProps}
        aria-label={label}
        className="msearch-input mono"
        placeholder={loading ? 'Loading markets…' : placeholder}
        value={query ?? value ?? ''}
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
              {...optionProps(i, h)}
              className={`msearch-option ${i === active ? 'active' : ''} ${h.kind === 'market' && !h.option.enabled ? 'off' : ''}`}
            >
              {h.kind === 'event' ? (
                <>
                  <span className="mono msearch-id">All of {h.event}</span>
                  <span className="muted small">{h.markets.length} markets</span>
                </>
              ) : (
                <>
                  <span className="msearch-name">
                    <span className="mono msearch-id">
                      {chosen?.has(h.option.marketId) ? '✓ ' : ''}
                      {h.option.marketId}
                    </span>
                    {h.option.title && (
                      <span className="muted small msearch-title" title={h.option.title}>
                        {h.option.title}
                      </span>
                    )}
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
