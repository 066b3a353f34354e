import * as Popover from '@radix-ui/react-popover';
import { ListFilter, X } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import { backend, type Filter, type FilterOp, type ObjectDef, type Property } from '../../../api/backend';
import { toAppError } from '../../../api/errors';
import { formatValue } from '../fields/format';
import { choiceOptions } from '../fields/propertyTypes';

export const filterOps: { op: FilterOp; label: string }[] = [
  { op: 'is', label: 'is' },
  { op: 'is_not', label: 'is not' },
  { op: 'contains', label: 'contains' },
  { op: 'empty', label: 'is empty' },
  { op: 'not_empty', label: 'is not empty' },
  { op: 'gt', label: 'greater than' },
  { op: 'lt', label: 'less than' },
];

export function opLabel(op: FilterOp): string {
  return filterOps.find((o) => o.op === op)?.label ?? op;
}

export function needsValue(op: FilterOp): boolean {
  return op !== 'empty' && op !== 'not_empty';
}

// filterText is how a filter reads on its chip: "Stage is Won", "Has
// associated deals", "Associated with Acme". names: record names by ID.
export function filterText(object: ObjectDef, f: Filter, others: ObjectDef[] = [], names: Record<string, string> = {}): string {
  if (f.property === '@with') return `Associated with ${names[f.value] || 'a record'}`;
  if (f.property.startsWith('@')) {
    const o = others.find((x) => `@${x.id}` === f.property);
    const plural = (o?.plural ?? f.property.slice(1)).toLowerCase();
    return f.op === 'empty' ? `Has no associated ${plural}` : `Has associated ${plural}`;
  }
  const p = object.properties.find((x) => x.name === f.property);
  const label = p?.label ?? f.property;
  if (!needsValue(f.op)) return `${label} ${opLabel(f.op)}`;
  const value = p && (p.type === 'dropdown' || p.type === 'bool') ? formatValue(p, p.type === 'bool' ? f.value === 'true' : f.value) : f.value;
  return `${label} ${opLabel(f.op)} ${value}`;
}

// FilterBar shows the active filters as removable chips and an "Add filter"
// popover. A new filter is checked with the backend before it is added, so a
// mistake shows next to the value that caused it.
export function FilterBar({
  object,
  associated = [],
  names = {},
  filters,
  onChange,
  error,
}: {
  object: ObjectDef;
  associated?: ObjectDef[];
  names?: Record<string, string>;
  filters: Filter[];
  onChange: (filters: Filter[]) => void;
  error?: string;
}) {
  const [open, setOpen] = useState(false);
  return (
    <div className="idx-filters" role="group" aria-label="Filters">
      {filters.map((f, i) => {
        const text = filterText(object, f, associated, names);
        return (
          <span key={`${f.property}-${f.op}-${f.value}-${i}`} className="idx-chip">
            <span className="idx-chip-text">{text}</span>
            <button
              type="button"
              className="idx-chip-remove"
              aria-label={`Remove filter ${text}`}
              onClick={() => onChange(filters.filter((_, j) => j !== i))}
            >
              <X size={12} aria-hidden />
            </button>
          </span>
        );
      })}
      <Popover.Root open={open} onOpenChange={setOpen}>
        <Popover.Trigger asChild>
          <button type="button" className="button idx-tool" disabled={object.properties.length === 0 && associated.length === 0}>
            <ListFilter size={14} aria-hidden /> Add filter
          </button>
        </Popover.Trigger>
        <Popover.Portal>
          <Popover.Content className="idx-popover" align="start" sideOffset={6} aria-label="Add filter">
            <NewFilter
              object={object}
              associated={associated}
              filters={filters}
              onAdd={(f) => {
                onChange([...filters, f]);
                setOpen(false);
              }}
            />
          </Popover.Content>
        </Popover.Portal>
      </Popover.Root>
      {error && (
        <p className="field-error idx-filter-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

// Association filters: "@deals" has any / has none associated deals.
const assocOps: { op: FilterOp; label: string }[] = [
  { op: 'not_empty', label: 'has any' },
  { op: 'empty', label: 'has none' },
];

function NewFilter({ object, associated, filters, onAdd }: { object: ObjectDef; associated: ObjectDef[]; filters: Filter[]; onAdd: (f: Filter) => void }) {
  const [property, setProperty] = useState(object.properties[0]?.name ?? (associated[0] ? `@${associated[0].id}` : ''));
  const [op, setOp] = useState<FilterOp>(property.startsWith('@') ? 'not_empty' : 'contains');
  const isAssoc = property.startsWith('@');
  const [value, setValue] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const prop: Property | undefined = object.properties.find((p) => p.name === property);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const f: Filter = { property, op, value: needsValue(op) ? value : '' };
    setBusy(true);
    setError('');
    try {
      // Ask the backend whether it accepts the filter (one row is enough).
      await backend.listRecords({ object: object.id, sort: '', desc: false, search: '', filters: [...filters, f], offset: 0, limit: 1 });
      onAdd(f);
    } catch (err) {
      setError(toAppError(err).message);
    } finally {
      setBusy(false);
    }
  };

  const options = choiceOptions(prop);

  return (
    <form className="idx-filter-form" onSubmit={submit}>
      <h2 className="idx-popover-title">Add filter</h2>
      <label className="idx-field">
        <span>Property</span>
        <select
          className="field-input"
          value={property}
          onChange={(e) => {
            setProperty(e.target.value);
            if (e.target.value.startsWith('@')) setOp('not_empty');
            else if (isAssoc) setOp('contains');
            setValue('');
            setError('');
          }}
        >
          {object.properties.map((p) => (
            <option key={p.name} value={p.name}>
              {p.label}
            </option>
          ))}
          {associated.length > 0 && (
            <optgroup label="Associations">
              {associated.map((o) => (
                <option key={o.id} value={`@${o.id}`}>
                  Associated {o.plural.toLowerCase()}
                </option>
              ))}
            </optgroup>
          )}
        </select>
      </label>
      <label className="idx-field">
        <span>Operator</span>
        <select className="field-input" value={op} onChange={(e) => setOp(e.target.value as FilterOp)}>
          {(isAssoc ? assocOps : filterOps).map((o) => (
            <option key={o.op} value={o.op}>
              {o.label}
            </option>
          ))}
        </select>
      </label>
      {needsValue(op) && (
        <label className="idx-field">
          <span>Value</span>
          {options ? (
            <select
              className="field-input"
              value={value}
              aria-invalid={error ? true : undefined}
              onChange={(e) => setValue(e.target.value)}
            >
              <option value="">—</option>
              {options.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
          ) : (
            <input
              className="field-input"
              type={prop?.type === 'date' ? 'date' : 'text'}
              value={value}
              aria-invalid={error ? true : undefined}
              onChange={(e) => setValue(e.target.value)}
            />
          )}
        </label>
      )}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="button primary" disabled={busy}>
          Apply filter
        </button>
      </div>
    </form>
  );
}
