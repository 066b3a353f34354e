import { Check, LoaderCircle, Search } from 'lucide-react';
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import type { ObjectDef, RecordData } from '../../../api/backend';
import { toAppError } from '../../../api/errors';
import { recordDetail } from './recordDetail';
import { useRecordSearch } from './useRecordSearch';
import './picker.css';

// RecordPicker finds records of one object: a search box over a list of
// matches, each with its name and a detail that tells namesakes apart.
// ↑ ↓ move, Enter or a click chooses (ticks, when several may be chosen);
// Escape is left to the dialog around it, which closes.
export function RecordPicker({
  object,
  label,
  onChoose,
  selected,
  multiple = false,
  hidden,
  already,
  alreadyNote = 'Already associated',
  empty,
  showIds = false,
  autoFocus = true,
}: {
  object: ObjectDef;
  label: string; // names the list, e.g. "Companies to associate"
  onChoose: (r: RecordData) => void;
  selected?: ReadonlySet<string>; // shown ticked; without it the list has no ticks (choosing moves on)
  multiple?: boolean;
  hidden?: ReadonlySet<string>; // never offered, e.g. the record itself
  already?: ReadonlySet<string>; // shown ticked with alreadyNote, and cannot be chosen
  alreadyNote?: string;
  empty?: (query: string) => string; // the line when nothing matches
  showIds?: boolean;
  autoFocus?: boolean;
}) {
  const [text, setText] = useState('');
  const [active, setActive] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const listId = useId();
  const plural = object.plural.toLowerCase();
  const search = useRecordSearch(text, { object: object.id });
  const offered = search.results.filter((r) => !hidden?.has(r.id));
  const current = offered[active];
  const optionId = (r: RecordData) => `${listId}-${r.id}`;

  // An effect, not the autoFocus attribute: the picker also takes the
  // focus when it appears inside an open dialog (a tab switched to it).
  useEffect(() => {
    if (autoFocus) input.current?.focus();
  }, [autoFocus]);
  const activeId = current ? optionId(current) : undefined;
  useEffect(() => {
    if (activeId) document.getElementById(activeId)?.scrollIntoView?.({ block: 'nearest' });
  }, [activeId]);

  const choose = (r: RecordData) => {
    if (!already?.has(r.id)) onChoose(r);
  };
  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setActive((i) => Math.min(i + 1, offered.length - 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((i) => Math.max(i - 1, 0));
    } else if (e.key === 'Enter') {
      e.preventDefault(); // never submits the form around the picker
      if (!search.stale && current) choose(current);
    }
  };

  const none = empty ? empty(search.query) : search.query ? `No ${plural} match “${search.query}”.` : `There are no ${plural} yet.`;
  return (
    <div className="picker">
      <div className="picker-search">
        <Search size={14} aria-hidden />
        <input
          ref={input}
          className="field-input"
          role="combobox"
          aria-expanded
          aria-controls={listId}
          aria-activedescendant={activeId}
          aria-label={`Search ${plural}`}
          placeholder={`Search ${plural}`}
          autoComplete="off"
          spellCheck={false}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            setActive(0);
          }}
          onKeyDown={onKey}
        />
      </div>
      <p className="muted picker-hint">
        ↑ ↓ to move, Enter to {multiple ? 'tick' : 'choose'}, Escape to close.{multiple && selected ? ` ${selected.size} selected.` : ''}
      </p>
      <div className="picker-results">
        <ul id={listId} role="listbox" aria-label={label} aria-multiselectable={multiple || undefined} aria-busy={search.stale}>
          {offered.map((r, i) => {
            const isAlready = already?.has(r.id) ?? false;
            const ticked = isAlready || (selected?.has(r.id) ?? false);
            const detail = recordDetail(object, r);
            return (
              <li
                key={r.id}
                id={optionId(r)}
                role="option"
                aria-selected={ticked}
                aria-disabled={isAlready || undefined}
                title={`Record ID ${r.id}`}
                className={`picker-option${i === active ? ' active' : ''}${isAlready ? ' already' : ''}`}
                // The focus stays in the search box.
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => {
                  setActive(i);
                  choose(r);
                  input.current?.focus();
                }}
              >
                {selected && (
                  <span className={`picker-check${multiple ? '' : ' round'}${ticked ? ' on' : ''}`} aria-hidden>
                    {ticked && <Check size={12} />}
                  </span>
                )}
                <span className="picker-main">
                  <span className="picker-name">{r.displayName || `Unnamed ${object.singular.toLowerCase()}`}</span>
                  {detail && <span className="muted picker-detail">{detail}</span>}
                </span>
                {isAlready && <span className="muted picker-note">{alreadyNote}</span>}
                {showIds && <span className="muted mono picker-id">{r.id}</span>}
              </li>
            );
          })}
        </ul>
        {search.pending && (
          <p className="muted picker-status">
            <LoaderCircle className="spin" size={14} aria-hidden /> Searching…
          </p>
        )}
        {search.error && (
          <p className="field-error picker-status" role="alert">
            {toAppError(search.error).message}
          </p>
        )}
        {!search.pending && !search.error && offered.length === 0 && <p className="muted picker-status">{none}</p>}
      </div>
    </div>
  );
}
