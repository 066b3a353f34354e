import { Search } from 'lucide-react';
import { forwardRef, useId, useState } from 'react';
import type { Route } from '../shell/navigation';

const isMac = typeof navigator !== 'undefined' && /Mac/i.test(navigator.platform);
export const searchShortcut = isMac ? '⌘K' : 'Ctrl+K';

// The global search box. Typeahead over records arrives with records; until
// then it answers honestly that nothing matches.
export const SearchBox = forwardRef<HTMLInputElement, { navigate: (r: Route) => void }>(function SearchBox(_props, ref) {
  const [query, setQuery] = useState('');
  const resultsId = useId();
  const open = query.trim() !== '';

  return (
    <div className="search" role="search">
      <Search size={15} className="search-icon" aria-hidden />
      <input
        ref={ref}
        type="search"
        aria-label="Search Fieldbook"
        aria-controls={open ? resultsId : undefined}
        aria-expanded={open}
        placeholder="Search"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            setQuery('');
            e.currentTarget.blur();
          }
        }}
      />
      <kbd className="search-shortcut" aria-hidden>
        {searchShortcut}
      </kbd>
      {open && (
        <div id={resultsId} className="search-results" role="listbox" aria-label="Search results">
          <p className="search-empty">No records match “{query.trim()}”.</p>
        </div>
      )}
    </div>
  );
});
