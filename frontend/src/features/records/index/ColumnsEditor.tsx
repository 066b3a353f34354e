import * as Popover from '@radix-ui/react-popover';
import { ArrowDown, ArrowUp, Columns3 } from 'lucide-react';
import type { ObjectDef } from '../../../api/backend';
import { toAppError } from '../../../api/errors';
import { columnProperties, nameColumnLabel, propertyColumn, type IndexColumn } from './useColumns';

// ColumnsEditor lets the user choose which columns show, and in which
// order: properties, then association types. Every change is saved at once.
export function ColumnsEditor({
  object,
  columns,
  associations = [],
  onChange,
  error,
}: {
  object: ObjectDef;
  columns: IndexColumn[];
  associations?: IndexColumn[];
  onChange: (ids: string[]) => void;
  error?: unknown;
}) {
  const shown = columns.map((c) => c.id);
  const hidden = [...columnProperties(object).map(propertyColumn), ...associations].filter((c) => !shown.includes(c.id));
  const ordered = [...columns, ...hidden];

  const toggle = (c: IndexColumn) => onChange(shown.includes(c.id) ? shown.filter((n) => n !== c.id) : [...shown, c.id]);
  const move = (i: number, by: -1 | 1) => {
    const next = [...shown];
    [next[i], next[i + by]] = [next[i + by], next[i]];
    onChange(next);
  };

  return (
    <Popover.Root>
      <Popover.Trigger asChild>
        <button type="button" className="button idx-tool">
          <Columns3 size={14} aria-hidden /> Edit columns
        </button>
      </Popover.Trigger>
      <Popover.Portal>
        <Popover.Content className="idx-popover" align="end" sideOffset={6} aria-label="Edit columns">
          <h2 className="idx-popover-title">Columns</h2>
          <p className="muted idx-popover-hint">{nameColumnLabel(object)}, Created and Updated always show.</p>
          <ul className="idx-column-list">
            {ordered.map((p) => {
              const i = shown.indexOf(p.id);
              const on = i >= 0;
              return (
                <li key={p.id} className="idx-column-item">
                  <label className="idx-check-label">
                    <input type="checkbox" checked={on} onChange={() => toggle(p)} />
                    {p.label}
                  </label>
                  {on && (
                    <span className="idx-move">
                      <button type="button" className="idx-icon-button" aria-label={`Move ${p.label} up`} disabled={i === 0} onClick={() => move(i, -1)}>
                        <ArrowUp size={14} aria-hidden />
                      </button>
                      <button
                        type="button"
                        className="idx-icon-button"
                        aria-label={`Move ${p.label} down`}
                        disabled={i === shown.length - 1}
                        onClick={() => move(i, 1)}
                      >
                        <ArrowDown size={14} aria-hidden />
                      </button>
                    </span>
                  )}
                </li>
              );
            })}
          </ul>
          {error ? (
            <p className="field-error" role="alert">
              {toAppError(error).message}
            </p>
          ) : null}
        </Popover.Content>
      </Popover.Portal>
    </Popover.Root>
  );
}
