import * as Popover from '@radix-ui/react-popover';
import { ChevronDown, LoaderCircle } from 'lucide-react';
import { useId, useState } from 'react';
import type { LinkedRecord, ObjectDef } from '../../api/backend';
import { isActivity } from '../records/objects';
import { RecordPicker } from '../records/picker/RecordPicker';
import { useObjects } from '../records/useObjects';

// AssociatedRecords is "Associated with N records" on a timeline item and in
// the composer: a dropdown listing the records by object with checkboxes,
// and a search to add records of any object an activity can be associated
// with. It holds no state of its own about the records: onToggle tells the
// owner to tick or untick one (a record found by the search included).
export function AssociatedRecords({
  records,
  ticked,
  onToggle,
  busy = false,
  disabled = false,
  error,
}: {
  records: LinkedRecord[]; // every record listed, ticked or not
  ticked: ReadonlySet<string>;
  onToggle: (record: LinkedRecord, on: boolean) => void;
  busy?: boolean; // a change is being saved: no other until it is done
  disabled?: boolean;
  error?: string | null; // shown in the dropdown while it is open, else under its button
}) {
  const [open, setOpen] = useState(false);
  const objects = useObjects();
  const errorId = useId();
  const count = ticked.size;
  const groups = byObject(records, objects.data ?? []);
  const showError = error ? (
    <p className="field-error tl-assoc-error" role="alert" id={errorId}>
      {error}
    </p>
  ) : null;
  return (
    <div className="tl-assoc">
      <Popover.Root open={open} onOpenChange={setOpen}>
        <Popover.Trigger asChild>
          <button type="button" className="link-button tl-assoc-trigger" disabled={disabled} aria-describedby={error && !open ? errorId : undefined}>
            Associated with {count} {count === 1 ? 'record' : 'records'}
            <ChevronDown size={12} aria-hidden />
          </button>
        </Popover.Trigger>
        <Popover.Portal>
          <Popover.Content className="tl-assoc-popover" align="start" sideOffset={4} aria-label="Associated records" aria-busy={busy || undefined}>
            {showError}
            {groups.map(({ object, label, items }) => (
              <fieldset key={object} className="tl-assoc-group">
                <legend>
                  {label} <span className="muted">({items.filter((r) => ticked.has(r.id)).length})</span>
                </legend>
                {items.map((r) => (
                  <label key={r.id} className="tl-assoc-option">
                    <input type="checkbox" checked={ticked.has(r.id)} disabled={busy} onChange={(e) => onToggle(r, e.target.checked)} />
                    <span>{r.name || 'Unnamed record'}</span>
                  </label>
                ))}
              </fieldset>
            ))}
            {busy && (
              <p className="muted tl-assoc-busy" role="status">
                <LoaderCircle className="spin" size={12} aria-hidden /> Saving…
              </p>
            )}
            <AddRecords objects={(objects.data ?? []).filter((o) => !isActivity(o))} ticked={ticked} busy={busy} onToggle={onToggle} />
          </Popover.Content>
        </Popover.Portal>
      </Popover.Root>
      {!open && showError}
    </div>
  );
}

function byObject(records: LinkedRecord[], objects: ObjectDef[]) {
  const order = (id: string) => {
    const i = objects.findIndex((o) => o.id === id);
    return i < 0 ? objects.length : i;
  };
  const ids = [...new Set(records.map((r) => r.object))].sort((a, b) => order(a) - order(b));
  return ids.map((object) => ({
    object,
    label: objects.find((o) => o.id === object)?.plural ?? object,
    items: records.filter((r) => r.object === object),
  }));
}

// AddRecords searches the records of one object, chosen first; a click or
// Enter ticks (or unticks) the record found.
function AddRecords({
  objects,
  ticked,
  busy,
  onToggle,
}: {
  objects: ObjectDef[];
  ticked: ReadonlySet<string>;
  busy: boolean;
  onToggle: (record: LinkedRecord, on: boolean) => void;
}) {
  const [chosen, setChosen] = useState('');
  const selectId = useId();
  const object = objects.find((o) => o.id === chosen) ?? objects[0];
  if (!object) return null;
  return (
    <div className="tl-assoc-add">
      <div className="tl-assoc-add-head">
        <label htmlFor={selectId}>Add records</label>
        <select id={selectId} className="field-input" value={object.id} onChange={(e) => setChosen(e.target.value)}>
          {objects.map((o) => (
            <option key={o.id} value={o.id}>
              {o.plural}
            </option>
          ))}
        </select>
      </div>
      <RecordPicker
        key={object.id}
        object={object}
        label={`${object.plural} to associate`}
        selected={ticked}
        multiple
        autoFocus={false}
        onChoose={(r) => {
          if (!busy) onToggle({ id: r.id, object: r.object, name: r.displayName }, !ticked.has(r.id));
        }}
      />
    </div>
  );
}
