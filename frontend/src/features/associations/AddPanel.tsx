import * as Dialog from '@radix-ui/react-dialog';
import { useQuery } from '@tanstack/react-query';
import { X } from 'lucide-react';
import { useRef, useState, type FormEvent } from 'react';
import { backend, BuiltInObject, emptyEdit, LabelKind, type AssociationGroup, type LabelOption, type ObjectDef, type RecordData } from '../../api/backend';
import { toAppError } from '../../api/errors';
import { CreateActions, emptyTexts, fieldError, propsFromTexts, RecordFormFields, type FieldTexts } from '../records/fields/RecordFormFields';
import { DuplicateNotice } from '../records/duplicates/DuplicateNotice';
import { useDuplicates } from '../records/duplicates/useDuplicates';
import { RecordPicker } from '../records/picker/RecordPicker';
import { labelKey, parseLabelKey } from './labelKey';
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
const canHavePrimary = (object: ObjectDef, other: ObjectDef) => other.id === BuiltInObject.Companies && object.primaryCompany;

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
  const [selected, setSelected] = useState<{ id: string; name: string }[]>([]);
  const [step, setStep] = useState<Step>('pick');
  const [primary, setPrimary] = useState('');
  const [replace, setReplace] = useState(false);
  const [labels, setLabels] = useState<Set<string>>(new Set());
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const refresh = useRefreshAssociations();
  const recordName = record.displayName || `this ${object.singular.toLowerCase()}`;

  const already = useQuery({
    queryKey: [...summaryKey(record.id), other.id, 'all'],
    queryFn: () => backend.associationPage(record.id, other.id, 0, 200),
  });
  const linkedIds = new Set(already.data?.items.map((i) => i.id) ?? linked.items.map((i) => i.id));
  const options = useLabelOptions(object.id, other.id);
  const labelChoices = (options.data ?? []).filter(
    (o) => !(o.builtIn && o.kind === LabelKind.Primary) && !(o.kind === LabelKind.Primary && selected.length > 1),
  );
  const currentPrimary = canHavePrimary(object, other) ? linked.items.find((i) => i.primary) : undefined;
  const steps: Step[] = ['pick', ...(canHavePrimary(object, other) ? (['primary'] as Step[]) : []), ...(labelChoices.length ? (['labels'] as Step[]) : [])];
  const last = steps[steps.length - 1] === step;

  const toggle = (r: RecordData) =>
    setSelected((s) => (s.some((x) => x.id === r.id) ? s.filter((x) => x.id !== r.id) : [...s, { id: r.id, name: r.displayName }]));
  const next = () => {
    setError('');
    if (step === 'pick' && selected.length === 0) return setError(`Choose at least one ${other.singular.toLowerCase()}.`);
    if (step === 'pick' && canHavePrimary(object, other) && !primary && !currentPrimary && object.id === BuiltInObject.Contacts) {
      setPrimary(selected[0].id); // a contact's first company is primary
    }
    setStep(steps[steps.indexOf(step) + 1]);
  };
  const save = async () => {
    setBusy(true);
    setError('');
    const chosenPrimary = currentPrimary && !replace ? '' : primary;
    try {
      await backend.associate({
        ...emptyEdit(
          record.id,
          selected.map((s) => s.id),
        ),
        labels: [...labels].map(parseLabelKey),
        primary: chosenPrimary,
      });
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
        <RecordPicker
          object={other}
          label={`${other.plural} to associate`}
          multiple
          selected={new Set(selected.map((s) => s.id))}
          hidden={new Set([record.id])}
          already={linkedIds}
          onChoose={toggle}
        />
      )}
      {step === 'primary' && (
        <fieldset className="assoc-choice">
          <legend>Primary company</legend>
          {currentPrimary ? (
            <>
              <label>
                <input
                  type="checkbox"
                  checked={replace}
                  onChange={(e) => {
                    setReplace(e.target.checked);
                    if (e.target.checked && !primary) setPrimary(selected[0].id);
                  }}
                />{' '}
                Replace {currentPrimary.name} as {recordName}'s current primary
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
                  <input type="radio" name="primary" checked={primary === s.id} onChange={() => setPrimary(s.id)} /> Set {s.name} as {recordName}'s primary
                  company
                </label>
              ))}
              {object.id !== BuiltInObject.Contacts && (
                <label>
                  <input type="radio" name="primary" checked={primary === ''} onChange={() => setPrimary('')} /> No primary company
                </label>
              )}
            </>
          )}
        </fieldset>
      )}
      {step === 'labels' && (
        <LabelChoices legend="Labels for the new associations (optional)" options={labelChoices} chosen={labels} onChange={setLabels} />
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
  const duplicates = useDuplicates(other, texts);
  const [makePrimary, setMakePrimary] = useState(canHavePrimary(object, other) && object.id === BuiltInObject.Contacts && linked.total === 0);
  const [labels, setLabels] = useState<Set<string>>(new Set());
  const [error, setError] = useState<{ message: string; field?: string } | null>(null);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const refresh = useRefreshAssociations();
  const first = useRef<HTMLInputElement & HTMLTextAreaElement & HTMLSelectElement>(null);
  const recordName = record.displayName || `this ${object.singular.toLowerCase()}`;
  // The primary company has its own checkbox.
  const labelChoices = (useLabelOptions(object.id, other.id).data ?? []).filter((o) => !(o.builtIn && o.kind === LabelKind.Primary));

  const create = async (another: boolean) => {
    const props = propsFromTexts(other, texts);
    setBusy(true);
    setError(null);
    try {
      const made = await backend.createAssociated(record.id, other.id, props, [...labels].map(parseLabelKey), makePrimary);
      await refresh();
      const text = `Created ${made.displayName || other.singular} and associated it with ${recordName}.`;
      onCreated(text);
      if (another) {
        setTexts(emptyTexts(other));
        setMakePrimary(false);
        setLabels(new Set());
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
      <DuplicateNotice object={other} warnings={duplicates} onOpen={onDone} />
      {canHavePrimary(object, other) && (
        <label className="assoc-primary-check">
          <input type="checkbox" checked={makePrimary} onChange={(e) => setMakePrimary(e.target.checked)} /> Set as {recordName}'s primary company
        </label>
      )}
      {labelChoices.length > 0 && <LabelChoices legend="Labels (optional)" options={labelChoices} chosen={labels} onChange={setLabels} />}
      {error && !error.field && (
        <p className="field-error" role="alert">
          {error.message}
        </p>
      )}
      <CreateActions busy={busy} onCreateAnother={() => void create(true)} className="form-actions assoc-panel-actions" />
    </form>
  );
}

// LabelChoices ticks the labels a new association gets, keyed by labelKey.
function LabelChoices({
  legend,
  options,
  chosen,
  onChange,
}: {
  legend: string;
  options: LabelOption[];
  chosen: ReadonlySet<string>;
  onChange: (chosen: Set<string>) => void;
}) {
  return (
    <fieldset className="assoc-choice">
      <legend>{legend}</legend>
      {options.map((o) => {
        const k = labelKey(o);
        return (
          <label key={k}>
            <input
              type="checkbox"
              checked={chosen.has(k)}
              onChange={() => {
                const next = new Set(chosen);
                if (!next.delete(k)) next.add(k);
                onChange(next);
              }}
            />{' '}
            {o.name}
          </label>
        );
      })}
    </fieldset>
  );
}
