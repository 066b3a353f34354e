import * as Popover from '@radix-ui/react-popover';
import { ListFilter, X } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import { AssociationOp, backend, FilterOp, type AssociationFilter, type Filter, type ObjectDef, type Property } from '../../../api/backend';
import { toAppError } from '../../../api/errors';
import { formatValue } from '../fields/format';
import { choiceOptions } from '../fields/propertyTypes';

// Filters are an index page's filters as the list query takes them: by a
// property's value, and by associated records.
export interface Filters {
  filters: Filter[];
  associations: AssociationFilter[];
}

export const noFilters: Filters = { filters: [], associations: [] };

export const filterCount = (f: Filters) => f.filters.length + f.associations.length;

export const filterOps: { op: FilterOp; label: string }[] = [
  { op: FilterOp.Is, label: 'is' },
  { op: FilterOp.IsNot, label: 'is not' },
  { op: FilterOp.Contains, label: 'contains' },
  { op: FilterOp.Empty, label: 'is empty' },
  { op: FilterOp.NotEmpty, label: 'is not empty' },
  { op: FilterOp.Gt, label: 'greater than' },
  { op: FilterOp.Lt, label: 'less than' },
];

// Association filters offered in the form ("associated with a record"
// comes from a record page's "View all").
const assocOps: { op: AssociationOp; label: string }[] = [
  { op: AssociationOp.HasAny, label: 'has any' },
  { op: AssociationOp.HasNone, label: 'has none' },
];

export function opLabel(op: FilterOp): string {
  return filterOps.find((o) => o.op === op)?.label ?? op;
}

export function needsValue(op: FilterOp): boolean {
  return op !== FilterOp.Empty && op !== FilterOp.NotEmpty;
}

// filterText is how a filter reads on its chip: "Stage is Won".
export function filterText(object: ObjectDef, f: Filter): string {
  const p = object.properties.find((x) => x.name === f.property);
  const label = p?.label ?? f.property;
  if (!needsValue(f.op)) return `${label} ${opLabel(f.op)}`;
  const value = p && (p.type === 'dropdown' || p.type === 'bool') ? formatValue(p, p.type === 'bool' ? f.value === 'true' : f.value) : f.value;
  return `${label} ${opLabel(f.op)} ${value}`;
}

// associationText is how an association filter reads on its chip: "Has
// associated deals", "Associated with Acme". names: record names by ID.
export function associationText(f: AssociationFilter, others: ObjectDef[] = [], names: Record<string, string> = {}): string {
  if (f.op === AssociationOp.With) return `Associated with ${names[f.record ?? ''] || 'a record'}`;
  const plural = (others.find((o) => o.id === f.object)?.plural ?? f.object ?? '').toLowerCase();
  return f.op === AssociationOp.HasNone ? `Has no associated ${plural}` : `Has associated ${plural}`;
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
  filters: Filters;
  onChange: (filters: Filters) => void;
  error?: string;
}) {
  const [open, setOpen] = useState(false);
  const chips = [
    ...filters.filters.map((f, i) => ({
      key: `p-${f.property}-${f.op}-${f.value}-${i}`,
      text: filterText(object, f),
      remove: () => onChange({ ...filters, filters: filters.filters.filter((_, j) => j !== i) }),
    })),
    ...filters.associations.map((f, i) => ({
      key: `a-${f.op}-${f.object ?? ''}-${f.record ?? ''}-${i}`,
      text: associationText(f, associated, names),
      remove: () => onChange({ ...filters, associations: filters.associations.filter((_, j) => j !== i) }),
    })),
  ];
  return (
    <div className="idx-filters" role="group" aria-label="Filters">
      {chips.map((c) => (
        <span key={c.key} className="idx-chip">
          <span className="idx-chip-text">{c.text}</span>
          <button type="button" className="idx-chip-remove" aria-label={`Remove filter ${c.text}`} onClick={c.remove}>
            <X size={12} aria-hidden />
          </button>
        </span>
      ))}
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
              onAdd={(next) => {
                onChange(next);
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

// The form's first list offers properties, then associated objects; an
// object's option value carries this prefix (no property name has a colon).
const objectChoice = 'object:';

function NewFilter({ object, associated, filters, onAdd }: { object: ObjectDef; associated: ObjectDef[]; filters: Filters; onAdd: (f: Filters) => void }) {
  const [choice, setChoice] = useState(object.properties[0]?.name ?? (associated[0] ? objectChoice + associated[0].id : ''));
  const isAssoc = choice.startsWith(objectChoice);
  const [op, setOp] = useState<FilterOp>(FilterOp.Contains);
  const [assocOp, setAssocOp] = useState<AssociationOp>(AssociationOp.HasAny);
  const [value, setValue] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const prop: Property | undefined = object.properties.find((p) => p.name === choice);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const next: Filters = isAssoc
      ? { ...filters, associations: [...filters.associations, { op: assocOp, object: choice.slice(objectChoice.length) }] }
      : { ...filters, filters: [...filters.filters, { property: choice, op, value: needsValue(op) ? value : '' }] };
    setBusy(true);
    setError('');
    try {
      // Ask the backend whether it accepts the filter (one row is enough).
      await backend.listRecords({ object: object.id, sort: '', desc: false, search: '', ...next, offset: 0, limit: 1 });
      onAdd(next);
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
          value={choice}
          onChange={(e) => {
            setChoice(e.target.value);
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
                <option key={o.id} value={objectChoice + o.id}>
                  Associated {o.plural.toLowerCase()}
                </option>
              ))}
            </optgroup>
          )}
        </select>
      </label>
      <label className="idx-field">
        <span>Operator</span>
        {isAssoc ? (
          <select className="field-input" value={assocOp} onChange={(e) => setAssocOp(e.target.value as AssociationOp)}>
            {assocOps.map((o) => (
              <option key={o.op} value={o.op}>
                {o.label}
              </option>
            ))}
          </select>
        ) : (
          <select className="field-input" value={op} onChange={(e) => setOp(e.target.value as FilterOp)}>
            {filterOps.map((o) => (
              <option key={o.op} value={o.op}>
                {o.label}
              </option>
            ))}
          </select>
        )}
      </label>
      {!isAssoc && needsValue(op) && (
        <label className="idx-field">
          <span>Value</span>
          {options ? (
            <select className="field-input" value={value} aria-invalid={error ? true : undefined} onChange={(e) => setValue(e.target.value)}>
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
