// The state and keyboard of a type-to-search box (an ARIA combobox) over a list the caller computes
// from the query: arrows move the active option, Enter or a click picks it, Escape gives up. The
// callers only draw the input and the options.
import {
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
  type ChangeEvent,
  type FocusEvent,
  type KeyboardEvent,
  type MouseEvent,
} from 'react';

/** How long the list stays after the box loses focus, so that a click on an option lands first. */
const CLOSE_DELAY_MS = 150;

/** `search` should keep its identity between renders (useCallback), or the list is recomputed on each. */
export function useCombobox<T>(search: (query: string) => readonly T[], onPick: (item: T) => void) {
  const [query, setQuery] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const listId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  // A focus while the close is pending must cancel it, or the list it just opened would vanish.
  const closeTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const cancelClose = () => {
    if (closeTimer.current !== null) clearTimeout(closeTimer.current);
    closeTimer.current = null;
  };
  useEffect(() => cancelClose, []);
  const items = useMemo(() => search(query ?? ''), [search, query]);

  const pick = (item: T | undefined) => {
    if (item === undefined) return;
    onPick(item);
    setQuery(null);
    setOpen(false);
    inputRef.current?.blur();
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setOpen(true);
      setActive((a) => Math.min(items.length - 1, a + 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((a) => Math.max(0, a - 1));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      pick(items[active]);
    } else if (e.key === 'Escape') {
      setQuery(null);
      setOpen(false);
    }
  };

  /** Spread on the <input>; the caller adds its label, class, placeholder and value. */
  const inputProps = {
    ref: inputRef,
    type: 'text',
    role: 'combobox',
    'aria-expanded': open,
    'aria-controls': listId,
    'aria-autocomplete': 'list',
    'aria-activedescendant': open && items[active] !== undefined ? `${listId}-${active}` : undefined,
    onFocus: (e: FocusEvent<HTMLInputElement>) => {
      cancelClose();
      setOpen(true);
      setActive(0);
      e.currentTarget.select();
    },
    onBlur: () => {
      cancelClose();
      closeTimer.current = setTimeout(() => setOpen(false), CLOSE_DELAY_MS);
    },
    onChange: (e: ChangeEvent<HTMLInputElement>) => {
      setQuery(e.target.value);
      setActive(0);
      setOpen(true);
    },
    onKeyDown,
    spellCheck: false,
    autoComplete: 'off',
  } as const;

  /** Spread on the i-th option's <li>; the caller adds its key, class and content. */
  const optionProps = (i: number, item: T) => ({
    id: `${listId}-${i}`,
    role: 'option',
    'aria-selected': i === active,
    onMouseDown: (e: MouseEvent) => {
      e.preventDefault();
      pick(item);
    },
    onMouseEnter: () => setActive(i),
  });

  return { query, open, active, listId, items, inputProps, optionProps };
}
