import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Search } from 'lucide-react';
import { forwardRef, useEffect, useId, useState } from 'react';
import { backend, type SearchHit } from '../../api/backend';
import { objectIcon } from '../records/objects';
import type { Route } from '../shell/navigation';
import './search.css';

const isMac = typeof navigator !== 'undefined' && /Mac/i.test(navigator.platform);
export const searchShortcut = isMac ? '⌘K' : 'Ctrl+K';

export const searchDebounceMs = 80;

// useDebounced follows value after it has been still for ms.
function useDebounced(value: string, ms: number): string {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    if (value === '') {
      setDebounced('');
      return;
    }
    const t = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return debounced;
}

// The global search box (Ctrl/Cmd+K): a typeahead over the records of every
// object. The backend matches name words, emails and domains by prefix.
export const SearchBox = forwardRef<HTMLInputElement, { navigate: (r: Route) => void }>(function SearchBox({ navigate }, ref) {
  const [query, setQuery] = useState('');
  const [focused, setFocused] = useState(false);
  const [active, setActive] = useState(-1);
  const text = query.trim();
  const debounced = useDebounced(text, searchDebounceMs);
  const resultsId = useId();

  const search = useQuery({
    queryKey: ['search', debounced],
    queryFn: () => backend.search(debounced, 10),
    enabled: debounced !== '',
    placeholderData: keepPreviousData,
  });
  // Hits shown while typing may belong to the previous text (no flicker);
  // "no match" is only said about the text the user actually typed.
  const hits: SearchHit[] = text === '' ? [] : (search.data ?? []);
  const settled = debounced === text && !search.isPlaceholderData && !search.isFetching;
  const open = focused && text !== '';

  useEffect(() => setActive(-1), [debounced]);

  const optionId = (i: number) => `${resultsId}-option-${i}`;

  const openHit = (hit: SearchHit, input?: HTMLInputElement | null) => {
    setQuery('');
    setActive(-1);
    input?.blur();
    navigate({ page: 'record', object: hit.object, id: hit.id });
  };

  return (
    <div className="search" role="search">
      <Search size={15} className="search-icon" aria-hidden />
      <input
        ref={ref}
        type="search"
        role="combobox"
        aria-label="Search Fieldbook"
        aria-autocomplete="list"
        aria-controls={open ? resultsId : undefined}
        aria-expanded={open}
        aria-activedescendant={open && active >= 0 && active < hits.length ? optionId(active) : undefined}
        autoComplete="off"
        spellCheck={false}
        placeholder="Search"
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(-1);
        }}
        onFocus={() => setFocused(true)}
        onBlur={() => setFocused(false)}
        onKeyDown={(e) => {
          switch (e.key) {
            case 'ArrowDown':
              if (!hits.length) return;
              e.preventDefault();
              setActive((i) => (i + 1) % hits.length);
              break;
            case 'ArrowUp':
              if (!hits.length) return;
              e.preventDefault();
              setActive((i) => (i <= 0 ? hits.length - 1 : i - 1));
              break;
            case 'Enter': {
              const hit = hits[active >= 0 ? active : 0];
              if (!hit) return;
              e.preventDefault();
              openHit(hit, e.currentTarget);
              break;
            }
            case 'Escape':
              e.preventDefault();
              setQuery('');
              setActive(-1);
              e.currentTarget.blur();
              break;
          }
        }}
      />
      <kbd className="search-shortcut" aria-hidden>
        {searchShortcut}
      </kbd>
      {open && (
        <div
          className="search-results"
          // Keep the focus in the input while a hit is clicked.
          onMouseDown={(e) => e.preventDefault()}
        >
          <ul id={resultsId} role="listbox" aria-label="Search results" className="search-list">
            {hits.map((hit, i) => {
              const Icon = objectIcon(hit.object);
              return (
                <li
                  key={hit.id}
                  id={optionId(i)}
                  role="option"
                  aria-selected={i === active}
                  className="search-hit"
                  onMouseEnter={() => setActive(i)}
                  onClick={() => openHit(hit, document.activeElement as HTMLInputElement | null)}
                >
                  <Icon size={15} className="search-hit-icon" aria-hidden />
                  <span className="search-hit-name">{hit.displayName || '(no name)'}</span>
                  {hit.detail && <span className="search-hit-detail">{hit.detail}</span>}
                </li>
              );
            })}
          </ul>
          {hits.length === 0 && settled && !search.error && <p className="search-empty">No records match “{text}”.</p>}
          {hits.length === 0 && !settled && (
            <p className="search-empty" aria-live="polite">
              Searching…
            </p>
          )}
          {search.error && settled && (
            <p className="search-empty field-error" role="alert">
              {search.error.message}
            </p>
          )}
        </div>
      )}
    </div>
  );
});
