import * as Dialog from '@radix-ui/react-dialog';
import { useQuery } from '@tanstack/react-query';
import { Check, LoaderCircle, Search, X } from 'lucide-react';
import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import {
  backend,
  emptyEdit,
  sortName,
  type AssociationGroup,
  type LabelRef,
  type ObjectDef,
  type RecordData,
} from '../../api/backend';
import { toAppError } from '../../api/errors';
import { CreateActions, emptyTexts, fieldError, propsFromTexts, RecordFormFields, type FieldTexts } from '../records/fields/RecordFormFields';
import { summaryKey, useLabelOptions, useRefreshAssociations } from './useAssociations';

type Tab = 'existing' | 'create';
type Step = 'pick' | 'primary' | 'labels';

// AddPanel is the side panel of "+ Add [object]": create a record and
// associate it, or pick existing ones, then (for companies) the primary,
// then labels, and save all in one operation.
export function AddPanel({
  object,
  record,
  other,
  linked,
  onClose,
}: {
  object: ObjectDef;
  record: RecordData;
  other: ObjectDef;
  linked: AssociationGroup;
  onClose: () => void;
}) {
  const [tab, setTab] = useState<Tab>('existing');
  const [announce, setAnnounce] = useState('');
  return (
    <Dialog.Root open onOpenChange={(o) => !o && onClose()}>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content className="assoc-panel" aria-describedby={undefined}>
          <header className="assoc-panel-head">
            <Dialog.Title>Add {other.plural.toLowerCase()}</Dialog.Title>
            <Dialog.Close asChild>
              <button type="button" className="icon-button" aria-label="Close">
                <X size={16} aria-hidden />
              </button>
            </Dialog.Close>
          </header>
          <div className="tabs assoc-panel-tabs" role="tablist" aria-label="Add how">
            {(['create', 'existing'] as Tab[]).map((t) => (
              <button key={t} type="button" role="tab" className="tab" aria-selected={tab === t} onClick={() => setTab(t)}>
                {t === 'create' ? 'Create new' : 'Add existing'}
              </button>
            ))}
          </div>
          <p className="visually-hidden" role="status">
            {announce}
          </p>
          {tab === 'existing' ? (
            <AddExisting object={object} record={record} other={other} linked={linked} onDone={onClose} />
          ) : (
            <CreateNew object={object} record={record} other={other} linked={linked} onDone={onClose} onCreated={setAnnounce} />
          )}
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

// canHavePrimary: record may get a primary company from other.
const canHavePrimary = (object: ObjectDef, other: ObjectDef) => other.id === 'companies' && object.id !== 'companies';

function AddExisting({
  object,
  record,
  other,
  linked,
  onDone,
}: {
  object: ObjectDef;
  record: RecordData;
  other: ObjectDef;
  linked: AssociationGroup;
  onDone: () => void;
}) {
  const [text, setText] = useState('');
  const [query, setQuery] = useState('');
  const [selected, setSelected] = useState<{ id: string; name: string }[]>([]);
  const [active, setActive] = useState(0);
  const [step, setStep] = useState<Step>('pick');
  const [primary, setPrimary] = useState('');
  const [replace, setReplace] = useState(false);
  const [labels, setLabels] = useState<Set<string>>(new Set());
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const refresh = useRefreshAssociations();
  const searchBox = useRef<HTMLInputElement>(null);
  const recordName = record.displayName || `this ${object.singular.toLowerCase()}`;

  useEffect(() => {
    const t = setTimeout(() => setQuery(text.trim()), 150);
    return () => clearTimeout(t);
  }, [text]);
  const results = useQuery({
    queryKey: ['associations', 'candidates', other.id, query],
    queryFn: () => backend.listRecords({ object: other.id, sort: sortName, desc: false, search: query, filters: [], offset: 0, limit: 50 }),
    placeholderData: (prev) => prev,
  });
  const already = useQuery({
    queryKey: [...summaryKey(record.id), other.id, 'all'],
    queryFn: () => backend.associationPage(record.id, other.id, 0, 200),
  });
  const linkedIds = new Set(already.data?.items.map((i) => i.id) ?? linked.items.map((i) => i.id));
  const candidates = (results.data?.records ?? []).filter((r) => r.id !== record.id);
  // Results of an earlier search stay on screen while the next one runs;
  // Enter must not tick one of them.
  const stale = text.trim() !== query || results.isPlaceholderData;
  const options = useLabelOptions(object.id, other.id);
  const labelChoices = (options.data ?? []).filter((o) => !(o.builtIn && o.kind === 'primary') && !(o.kind === 'primary' && selected.length > 1));
  const currentPrimary = canHavePrimary(object, other) ? linked.items.find((i) => i.primary) : undefined;
  const steps: Step[] = ['pick', ...(canHavePrimary(object, other) ? (['primary'] as Step[]) : []), ...(labelChoices.length ? (['labels'] as Step[]) : [])];
  const last = steps[steps.length - 1] === step;

  const toggle = (r: RecordData) => {
    if (linkedIds.has(r.id)) return;
    setSelected((s) => (s.some((x) => x.id === r.id) ? s.filter((x) => x.id !== r.id) : [...s, { id: r.id, name: r.displayName }]));
  };
  const onSearchKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setActive((i) => Math.min(i + 1, candidates.length - 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((i) => Math.max(i - 1, 0));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      if (!stale && candidates[active]) toggle(candidates[active]);
    }
  };
  const next = () => {
    setError('');
    if (step === 'pick' && selected.length === 0) return setError(`Choose at least one ${other.singular.toLowerCase()}.`);
    if (step === 'pick' && canHavePrimary(object, other) && !primary && !currentPrimary && object.id === 'contacts') {
      setPrimary(selected[0].id); // a contact's first company is primary
    }
    setStep(steps[steps.indexOf(step) + 1]);
  };
  const save = async () => {
    setBusy(true);
    setError('');
    const refs: LabelRef[] = [...labels].map((k) => ({ id: Number(k.split(':')[0]), inverse: k.endsWith(':true') }));
    const chosenPrimary = currentPrimary && !replace ? '' : primary;
    try {
      await backend.associate({ ...emptyEdit(record.id, selected.map((s) => s.id)), labels: refs, primary: chosenPrimary });
      await refresh();
      onDone();
    } catch (err) {
      setError(toAppError(err).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="assoc-panel-body"
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        if (last) void save();
        else next();
      }}
    >
      {step === 'pick' && (
        <>
          <div className="assoc-search">
            <Search size={14} aria-hidden />
            <input
              ref={searchBox}
              autoFocus
              className="field-input"
              role="combobox"
              aria-expanded
              aria-controls="assoc-candidates"
              aria-activedescendant={candidates[active] ? `cand-${candidates[active].id}` : undefined}
              aria-label={`Search ${other.plural.toLowerCase()}`}
              placeholder={`Search ${other.plural.toLowerCase()}`}
              value={text}
              onChange={(e) => {
                setText(e.target.value);
                setActive(0);
              }}
              onKeyDown={onSearchKey}
            />
          </div>
          <p className="muted assoc-hint">↑ ↓ to move, Enter to tick, Escape to close. {selected.length} selected.</p>
          <ul
            id="assoc-candidates"
            className="assoc-candidates"
            role="listbox"
            aria-multiselectable
            aria-busy={stale}
            aria-label={`${other.plural} to associate`}
          >
            {results.isPending && (
              <li className="muted">
                <LoaderCircle className="spin" size={14} aria-hidden /> Searching…
              </li>
            )}
            {!results.isPending && candidates.length === 0 && <li className="muted">No {other.plural.toLowerCase()} match “{query}”.</li>}
            {candidates.map((r, i) => {
              const isLinked = linkedIds.has(r.id);
              const isChosen = selected.some((s) => s.id === r.id);
              return (
                <li
                  key={r.id}
                  id={`cand-${r.id}`}
                  role="option"
                  aria-selected={isChosen || isLinked}
                  aria-disabled={isLinked}
                  className={`assoc-candidate${i === active ? ' active' : ''}${isLinked ? ' linked' : ''}`}
                  onMouseDown={(e) => e.preventDefault()}
                  onClick={() => {
                    setActive(i);
                    toggle(r);
                    searchBox.current?.focus();
                  }}
                >
                  <span className={`assoc-check${isChosen || isLinked ? ' on' : ''}`} aria-hidden>
                    {(isChosen || isLinked) && <Check size={12} />}
                  </span>
                  <span className="assoc-candidate-name">{r.displayName || `Unnamed ${other.singular.toLowerCase()}`}</span>
                  {isLinked && <span className="muted assoc-candidate-note">Already associated</span>}
                </li>
              );
            })}
          </ul>
        </>
      )}
      {step === 'primary' && (
        <fieldset className="assoc-choice">
          <legend>Primary company</legend>
          {currentPrimary ? (
            <>
              <label>
                <input type="checkbox" checked={replace} onChange={(e) => {
                  setReplace(e.target.checked);
                  if (e.target.checked && !primary) setPrimary(selected[0].id);
                }} /> Replace {currentPrimary.name} as {recordName}'s current primary
              </label>
              {replace &&
                selected.map((s) => (
                  <label key={s.id} className="assoc-indent">
                    <input type="radio" name="primary" checked={primary === s.id} onChange={() => setPrimary(s.id)} /> with {s.name}
                  </label>
                ))}
              {!replace && <p className="muted">{currentPrimary.name} stays the primary company.</p>}
            </>
          ) : (
            <>
              {selected.map((s) => (
                <label key={s.id}>
                  <input type="radio" name="primary" checked={primary === s.id} onChange={() => setPrimary(s.id)} /> Set {s.name} as{' '}
                  {recordName}'s primary company
                </label>
              ))}
              {object.id !== 'contacts' && (
                <label>
                  <input type="radio" name="primary" checked={primary === ''} onChange={() => setPrimary('')} /> No primary company
                </label>
              )}
            </>
          )}
        </fieldset>
      )}
      {step === 'labels' && (
        <fieldset className="assoc-choice">
          <legend>Labels for the new associations (optional)</legend>
          {labelChoices.map((o) => {
            const k = `${o.id}:${o.inverse}`;
            return (
              <label key={k}>
                <input
                  type="checkbox"
                  checked={labels.has(k)}
                  onChange={() =>
                    setLabels((s) => {
                      const n = new Set(s);
                      if (n.has(k)) n.delete(k);
                      else n.add(k);
                      return n;
                    })
                  }
                />{' '}
                {o.name}
              </label>
            );
          })}
        </fieldset>
      )}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <div className="form-actions assoc-panel-actions">
        {step !== 'pick' && (
          <button type="button" className="button" onClick={() => setStep(steps[steps.indexOf(step) - 1])}>
            Back
          </button>
        )}
        <Dialog.Close asChild>
          <button type="button" className="button">
            Cancel
          </button>
        </Dialog.Close>
        <button type="submit" className="button primary" disabled={busy}>
          {busy ? 'Saving…' : last ? 'Save' : 'Next'}
        </button>
      </div>
    </form>
  );
}

function CreateNew({
  object,
  record,
  other,
  linked,
  onDone,
  onCreated,
}: {
  object: ObjectDef;
  record: RecordData;
  other: ObjectDef;
  linked: AssociationGroup;
  onDone: () => void;
  onCreated: (note: string) => void;
}) {
  const [texts, setTexts] = useState<FieldTexts>(() => emptyTexts(other));
  const [makePrimary, setMakePrimary] = useState(canHavePrimary(object, other) && object.id === 'contacts' && linked.total === 0);
  const [error, setError] = useState<{ message: string; field?: string } | null>(null);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const refresh = useRefreshAssociations();
  const first = useRef<HTMLInputElement & HTMLTextAreaElement & HTMLSelectElement>(null);
  const recordName = record.displayName || `this ${object.singular.toLowerCase()}`;

  const create = async (another: boolean) => {
    const props = propsFromTexts(other, texts);
    setBusy(true);
    setError(null);
    try {
      const made = await backend.createAssociated(record.id, other.id, props, [], makePrimary);
      await refresh();
      const text = `Created ${made.displayName || other.singular} and associated it with ${recordName}.`;
      onCreated(text);
      if (another) {
        setTexts(emptyTexts(other));
        setMakePrimary(false);
        setNote(text);
        first.current?.focus();
      } else {
        onDone();
      }
    } catch (err) {
      setError(fieldError(other, err));
      setNote('');
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="assoc-panel-body"
      noValidate
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        void create(false);
      }}
    >
      {note && (
        <p className="idx-note" role="status">
          {note}
        </p>
      )}
      <RecordFormFields object={other} idPrefix="assoc-create" texts={texts} onChange={setTexts} error={error} firstField={first} />
      {canHavePrimary(object, other) && (
        <label className="assoc-primary-check">
          <input type="checkbox" checked={makePrimary} onChange={(e) => setMakePrimary(e.target.checked)} /> Set as {recordName}'s primary company
        </label>
      )}
      {error && !error.field && (
        <p className="field-error" role="alert">
          {error.message}
        </p>
      )}
      <CreateActions busy={busy} onCreateAnother={() => void create(true)} className="form-actions assoc-panel-actions" />
    </form>
  );
}
