import { useQuery } from '@tanstack/react-query';
import { useId, useMemo, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { activitiesKey, backend, type Activity, type LinkedRecord, type ObjectDef, type RecordData } from '../../api/backend';
import { toAppError } from '../../api/errors';
import { PropertyField } from '../records/fields/PropertyField';
import { fieldError, messageFor, type FieldTexts, type FormError } from '../records/fields/RecordFormFields';
import { AssociatedRecords } from './AssociatedRecords';
import { activityTexts, changedProps, composerFields, logTitle, newTexts, propsToLog } from './timeline';

// The composer logs a new activity on a record's timeline, or edits one:
// the type's fields, and for a new one the records it will be associated
// with (pre-ticked from the rules). Escape cancels, Ctrl/Cmd+Enter saves;
// a refusal shows next to the field it names and keeps everything typed.
export type ComposerProps = { type: ObjectDef; onDone: (saved: Activity | null) => void; onCancel: () => void } & (
  | { record: RecordData; activity?: undefined } // log on record's timeline
  | { activity: Activity; record?: undefined } // edit
);

export function Composer(props: ComposerProps) {
  const { type, onDone, onCancel } = props;
  const editing = props.activity;
  const initial = useMemo(() => (editing ? activityTexts(type, editing) : newTexts(type)), [type, editing]);
  const [texts, setTexts] = useState<FieldTexts>(initial);
  const [error, setError] = useState<FormError | null>(null);
  const [recordsError, setRecordsError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  const idPrefix = useId();
  const singular = type.singular.toLowerCase();
  const picks = usePicks(props.record);
  const title = editing ? `Edit ${singular}` : logTitle(type);

  const save = async () => {
    if (saving || picks?.loading) return;
    setSaving(true);
    setError(null);
    setRecordsError(null);
    try {
      let saved: Activity | null = null;
      if (editing) {
        const changed = changedProps(type, initial, texts);
        if (Object.keys(changed).length > 0) saved = await backend.updateActivity(editing.id, changed);
      } else if (props.record && picks) {
        saved = await backend.logActivity({ object: type.id, props: propsToLog(type, texts), records: picks.tickedIds, auto: picks.autoIds });
      }
      setSaving(false);
      onDone(saved);
    } catch (err) {
      setSaving(false);
      const e = toAppError(err);
      if (e.field === 'records') setRecordsError(e.message);
      else setError(fieldError(type, e));
    }
  };

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void save();
  };
  // Only keys typed in the form itself: Escape in the associations dropdown
  // (a portal, whose events bubble through React) closes just the dropdown.
  const onKeyDown = (e: KeyboardEvent<HTMLFormElement>) => {
    if (!form.current?.contains(e.target as Node)) return;
    if (e.key === 'Escape') {
      e.preventDefault();
      onCancel();
    } else if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      void save();
    }
  };

  const fields = composerFields(type);
  return (
    <form ref={form} className="tl-composer" aria-label={title} onSubmit={onSubmit} onKeyDown={onKeyDown} noValidate>
      <h3 className="tl-composer-title">{title}</h3>
      {error && !error.field && (
        <p className="field-error" role="alert">
          {error.message}
        </p>
      )}
      <div className="tl-composer-fields">
        {fields.map((p, i) => (
          <div key={p.name} className={`tl-composer-field${p.type === 'long_text' || i === 0 ? ' wide' : ''}`}>
            <label htmlFor={`${idPrefix}-${p.name}`}>{p.label}</label>
            <PropertyField
              id={`${idPrefix}-${p.name}`}
              property={p}
              value={texts[p.name] ?? ''}
              autoFocus={i === 0}
              error={messageFor(error, p.name)}
              onChange={(t) => setTexts((s) => ({ ...s, [p.name]: t }))}
            />
          </div>
        ))}
      </div>
      {picks && (
        <div className="tl-composer-assoc">
          <AssociatedRecords records={picks.records} ticked={picks.ticked} onToggle={picks.toggle} busy={saving} error={recordsError ?? picks.error} />
          {picks.loading && <span className="muted">Finding the records to associate…</span>}
        </div>
      )}
      <div className="tl-composer-actions">
        <span className="muted tl-composer-hint">Ctrl+Enter to save, Escape to cancel</span>
        <button type="button" className="button" onClick={onCancel} disabled={saving}>
          Cancel
        </button>
        <button type="submit" className="button primary" disabled={saving || picks?.loading}>
          {saving ? 'Saving…' : editing ? 'Save' : `Log ${singular}`}
        </button>
      </div>
    </form>
  );
}

// usePicks are the records a new activity will be associated with: the
// suggestions (the record itself, then the rules'), all ticked at first,
// and any the user adds. Undefined when editing: an item's own dropdown
// changes an existing activity's records.
function usePicks(record: RecordData | undefined) {
  const suggest = useQuery({
    queryKey: [...activitiesKey, 'suggest', record?.id],
    queryFn: () => backend.suggestActivityRecords(record!.id),
    enabled: !!record,
    staleTime: 0,
  });
  const [added, setAdded] = useState<LinkedRecord[]>([]);
  // null until the user changes something: every suggestion is ticked.
  const [chosen, setChosen] = useState<ReadonlySet<string> | null>(null);
  if (!record) return undefined;

  const self: LinkedRecord = { id: record.id, object: record.object, name: record.displayName };
  const suggested = suggest.data ? suggest.data.map((s) => ({ id: s.record, object: s.object, name: s.name })) : [self];
  const records = [...suggested, ...added.filter((a) => !suggested.some((s) => s.id === a.id))];
  const ticked = chosen ?? new Set(suggested.map((r) => r.id));
  const toggle = (r: LinkedRecord, on: boolean) => {
    if (!records.some((x) => x.id === r.id)) setAdded((a) => [...a, r]);
    const next = new Set(ticked);
    if (on) next.add(r.id);
    else next.delete(r.id);
    setChosen(next);
  };
  return {
    records,
    ticked,
    tickedIds: records.filter((r) => ticked.has(r.id)).map((r) => r.id),
    // Ticked suggestions a rule added (not the record itself): history says so.
    autoIds: (suggest.data ?? []).filter((s) => s.rule && ticked.has(s.record)).map((s) => s.record),
    toggle,
    loading: suggest.isPending,
    error: suggest.error ? `The suggested records could not be found: ${toAppError(suggest.error).message}` : null,
  };
}
