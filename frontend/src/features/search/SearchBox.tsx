import { useQueries } from '@tanstack/react-query';
import { ListFilter, Search } from 'lucide-react';
import { forwardRef, useEffect, useId, useState } from 'react';
import { backend, sortName, type ObjectDef, type SearchHit } from '../../api/backend';
import { hasIndexPage, objectIcon } from '../records/objects';
import { useRecordSearch } from '../records/picker/useRecordSearch';
import { findObject, useObjects } from '../records/useObjects';
import type { Route } from '../shell/navigation';
import './search.css';

const isMac = typeof navigator !== 'undefined' && /Mac/i.test(navigator.platform);
export const searchShortcut = isMac ? '⌘K' : 'Ctrl+K';

// An entry of the results: a record, or "Show all" of one object's matches
// (its index page, searched for the same text).
type Entry = { hit: SearchHit } | { all: ObjectDef; count?: number };

// showAllText names what "Show all" opens: "Show all 37 contacts".
export function showAllText(object: ObjectDef, count?: number): string {
  if (count === undefined) return `Show all matching ${object.plural.toLowerCase()}`;
  if (count === 1) return `Show 1 ${object.singular.toLowerCase()}`;
  return `Show all ${count.toLocaleString()} ${object.plural.toLowerCase()}`;
}

// The global search box (Ctrl/Cmd+K): a typeahead over the records of every
// object, then "Show all" per object found. The backend matches the starts
// of words of names, emails and domains in any order, and phones by digits.
export const SearchBox = forwardRef<HTMLInputElement, { navigate: (r: Route) => void }>(function SearchBox({ navigate }, ref) {
  const [query, setQuery] = useState('');
  const [focused, setFocused] = useState(false);
  const [active, setActive] = useState(-1);
  const text = query.trim();
  const resultsId = useId();
  const objects = useObjects();

  const search = useRecordSearch(text);
  // Hits shown while typing may belong to the previous text (no flicker);
  // "no match" is only said about the text the user actually typed.
  const hits = search.results;
  const settled = !search.stale && !search.fetching;
  const open = focused && text !== '';

  // How many records of each object found match in all (its index page's
  // count); only objects with an index page have one to show.
  const found = [...new Set(hits.map((h) => h.object))].flatMap((id) => findObject(objects.data, id) ?? []).filter(hasIndexPage);
  const counts = useQueries({
    queries: found.map((o) => ({
      queryKey: ['records', o.id, 'search-count', search.query],
      queryFn: async () =>
        (await backend.listRecords({ object: o.id, sort: sortName, desc: false, search: search.query, filters: [], offset: 0, limit: 1 })).total,
    })),
  });
  const entries: Entry[] = [...hits.map((hit) => ({ hit })), ...found.map((o, i) => ({ all: o, count: counts[i]?.data }))];

  useEffect(() => setActive(-1), [search.query]);

  const optionId = (i: number) => `${resultsId}-option-${i}`;

  const openEntry = (entry: Entry, input?: HTMLInputElement | null) => {
    setQuery('');
    setActive(-1);
    input?.blur();
    if ('hit' in entry) navigate({ page: 'record', object: entry.hit.object, id: entry.hit.id });
    else navigate({ page: 'index', object: entry.all.id, search: text });
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
        aria-activedescendant={open && active >= 0 && active < entries.length ? optionId(active) : undefined}
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
              if (!entries.length) return;
              e.preventDefault();
              setActive((i) => (i + 1) % entries.length);
              break;
            case 'ArrowUp':
              if (!entries.length) return;
              e.preventDefault();
              setActive((i) => (i <= 0 ? entries.length - 1 : i - 1));
              break;
            case 'Enter': {
              const entry = entries[active >= 0 ? active : 0];
              if (!entry) return;
              e.preventDefault();
              openEntry(entry, e.currentTarget);
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
            {entries.map((entry, i) => {
              const props = {
                id: optionId(i),
                role: 'option',
                'aria-selected': i === active,
                onMouseEnter: () => setActive(i),
                onClick: () => openEntry(entry, document.activeElement as HTMLInputElement | null),
              };
              if ('all' in entry) {
                return (
                  <li key={`all-${entry.all.id}`} {...props} className={`search-hit search-all${found[0] === entry.all ? ' first' : ''}`}>
                    <ListFilter size={15} className="search-hit-icon" aria-hidden />
                    <span className="search-hit-name">{showAllText(entry.all, entry.count)}</span>
                  </li>
                );
              }
              const Icon = objectIcon(entry.hit.object);
              return (
                <li key={entry.hit.id} {...props} className="search-hit">
                  <Icon size={15} className="search-hit-icon" aria-hidden />
                  <span className="search-hit-name">{entry.hit.displayName || '(no name)'}</span>
                  {entry.hit.detail && <span className="search-hit-detail">{entry.hit.detail}</span>}
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
