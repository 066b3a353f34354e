import * as Dialog from '@radix-ui/react-dialog';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { backend, BuiltInObject, emptyEdit, LabelKind, type Associated, type ObjectDef, type RecordData } from '../../api/backend';
import { toAppError } from '../../api/errors';
import { labelKey, parseLabelKey } from './labelKey';
import { isPrimary, optionsKey, primaryOwner, summaryKey, useLabelOptions, useRefreshAssociations } from './useAssociations';

// The dialogs of a card's "More" menu. Each says exactly what will happen
// and shows the engine's refusal, if any, in words.

function Modal({
  title,
  children,
  onClose,
  confirm,
  busy,
  error,
  danger,
  onConfirm,
}: {
  title: string;
  children: ReactNode;
  onClose: () => void;
  confirm?: string;
  busy: boolean;
  error: string;
  danger?: boolean;
  onConfirm?: () => void;
}) {
  return (
    <Dialog.Root open onOpenChange={(o) => !o && onClose()}>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content className="dialog assoc-dialog" aria-describedby={undefined}>
          <Dialog.Title className="idx-dialog-title">{title}</Dialog.Title>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              onConfirm?.();
            }}
          >
            {children}
            {error && (
              <p className="field-error" role="alert">
                {error}
              </p>
            )}
            <div className="form-actions">
              <Dialog.Close asChild>
                <button type="button" className="button">
                  {onConfirm ? 'Cancel' : 'Close'}
                </button>
              </Dialog.Close>
              {onConfirm && (
                <button type="submit" className={`button ${danger ? 'danger' : 'primary'}`} disabled={busy}>
                  {busy ? 'Saving…' : confirm}
                </button>
              )}
            </div>
          </form>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

// useRun runs a change, refreshes every card and closes, or keeps the
// dialog open with the error.
function useRun(onClose: () => void) {
  const refresh = useRefreshAssociations();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const run = async (fn: () => Promise<unknown>) => {
    setBusy(true);
    setError('');
    try {
      await fn();
      await refresh();
      onClose();
    } catch (err) {
      setError(toAppError(err).message);
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, run, clearError: () => setError('') };
}

// The record that has (or would have) the primary company, and the company.
function primaryParties(object: ObjectDef, record: RecordData, item: Associated) {
  const ownerIsRecord = primaryOwner(object, item) === 'record';
  return {
    owner: ownerIsRecord ? record.id : item.id,
    ownerName: (ownerIsRecord ? record.displayName : item.name) || 'this record',
    ownerObject: ownerIsRecord ? object.id : item.object,
    company: ownerIsRecord ? item.id : record.id,
    companyName: (ownerIsRecord ? item.name : record.displayName) || 'this company',
  };
}

// useCompaniesOf lists a record's companies (the choices for a new primary).
function useCompaniesOf(owner: string, enabled = true) {
  return useQuery({
    queryKey: [...summaryKey(owner), BuiltInObject.Companies, 'all'],
    queryFn: () => backend.associationPage(owner, BuiltInObject.Companies, 0, 200),
    enabled,
  });
}

export function SetPrimaryDialog({ object, record, item, onClose }: { object: ObjectDef; record: RecordData; item: Associated; onClose: () => void }) {
  const p = primaryParties(object, record, item);
  const companies = useCompaniesOf(p.owner);
  const current = companies.data?.items.find((c) => c.primary);
  const { busy, error, run } = useRun(onClose);
  return (
    <Modal
      title={`Set ${p.companyName} as primary?`}
      confirm="Set as primary"
      busy={busy}
      error={error}
      onClose={onClose}
      onConfirm={() => void run(() => backend.setPrimary(p.owner, p.company))}
    >
      <p>
        {p.companyName} becomes {p.ownerName}'s primary company.
        {current && ` ${current.name} stays associated, no longer as primary.`}
      </p>
    </Modal>
  );
}

// NewPrimaryChoice asks which of the other companies becomes primary.
function NewPrimaryChoice({
  choices,
  value,
  onChange,
  ownerName,
}: {
  choices: Associated[];
  value: string;
  onChange: (id: string) => void;
  ownerName: string;
}) {
  return (
    <fieldset className="assoc-choice">
      <legend>New primary company of {ownerName}</legend>
      {choices.map((c) => (
        <label key={c.id}>
          <input type="radio" name="new-primary" value={c.id} checked={value === c.id} onChange={() => onChange(c.id)} /> {c.name || 'Unnamed company'}
        </label>
      ))}
    </fieldset>
  );
}

export function RemovePrimaryDialog({ object, record, item, onClose }: { object: ObjectDef; record: RecordData; item: Associated; onClose: () => void }) {
  const p = primaryParties(object, record, item);
  const companies = useCompaniesOf(p.owner);
  const others = companies.data?.items.filter((c) => c.id !== p.company) ?? [];
  const [choice, setChoice] = useState('');
  const { busy, error, run, clearError } = useRun(onClose);
  if (companies.isPending) return null;
  if (p.ownerObject === BuiltInObject.Contacts && others.length === 0) {
    return (
      <Modal title="Primary company" busy={false} error="" onClose={onClose}>
        <p>
          {p.companyName} is {p.ownerName}'s only company, so it is always the primary company. Associate another company first, then make that one primary.
        </p>
      </Modal>
    );
  }
  const needsChoice = p.ownerObject === BuiltInObject.Contacts && others.length > 1;
  const automatic = p.ownerObject === BuiltInObject.Contacts && others.length === 1 ? others[0] : null;
  return (
    <Modal
      title={`Remove ${p.companyName} as primary?`}
      confirm="Remove as primary"
      busy={busy}
      error={error || ''}
      onClose={onClose}
      onConfirm={() => {
        if (needsChoice && !choice) return void run(() => Promise.reject(new Error('Choose the new primary company first.')));
        void run(() => backend.removePrimary(p.owner, p.company, needsChoice ? choice : (automatic?.id ?? '')));
      }}
    >
      <p>
        {p.companyName} stays associated with {p.ownerName}, no longer as primary.
        {automatic && ` ${automatic.name} becomes the primary company.`}
        {!needsChoice && !automatic && ` ${p.ownerName} will have no primary company.`}
      </p>
      {needsChoice && (
        <NewPrimaryChoice
          choices={others}
          value={choice}
          onChange={(id) => {
            setChoice(id);
            clearError();
          }}
          ownerName={p.ownerName}
        />
      )}
    </Modal>
  );
}

export function RemoveAssociationDialog({
  object,
  other,
  record,
  item,
  onClose,
}: {
  object: ObjectDef;
  other: ObjectDef;
  record: RecordData;
  item: Associated;
  onClose: () => void;
}) {
  const p = primaryParties(object, record, item);
  const primaryAtStake = isPrimary(object, item);
  const companies = useCompaniesOf(p.owner, primaryAtStake);
  const others = companies.data?.items.filter((c) => c.id !== p.company) ?? [];
  const [choice, setChoice] = useState('');
  const { busy, error, run, clearError } = useRun(onClose);
  if (primaryAtStake && companies.isPending) return null;
  const contact = p.ownerObject === BuiltInObject.Contacts;
  const needsChoice = primaryAtStake && contact && others.length > 1;
  const automatic = primaryAtStake && contact && others.length === 1 ? others[0] : null;
  const recordName = record.displayName || `this ${object.singular.toLowerCase()}`;
  const itemName = item.name || `this ${other.singular.toLowerCase()}`;
  return (
    <Modal
      title="Remove association?"
      confirm="Remove association"
      danger
      busy={busy}
      error={error}
      onClose={onClose}
      onConfirm={() => {
        if (needsChoice && !choice) return void run(() => Promise.reject(new Error('Choose the new primary company first.')));
        const edit = emptyEdit(record.id, [item.id]);
        if (needsChoice) edit.newPrimary = { [p.owner]: choice };
        void run(() => backend.disassociate(edit));
      }}
    >
      <p>
        {recordName} and {itemName} will no longer be associated. Neither record is deleted.
        {primaryAtStake && automatic && ` ${automatic.name} becomes ${p.ownerName}'s primary company.`}
        {primaryAtStake && !contact && ` ${p.ownerName} will have no primary company.`}
      </p>
      {needsChoice && (
        <>
          <p>
            {p.companyName} is {p.ownerName}'s primary company. Choose which company takes its place.
          </p>
          <NewPrimaryChoice
            choices={others}
            value={choice}
            onChange={(id) => {
              setChoice(id);
              clearError();
            }}
            ownerName={p.ownerName}
          />
        </>
      )}
    </Modal>
  );
}

export function EditLabelsDialog({
  object,
  other,
  record,
  item,
  onClose,
}: {
  object: ObjectDef;
  other: ObjectDef;
  record: RecordData;
  item: Associated;
  onClose: () => void;
}) {
  const options = useLabelOptions(object.id, other.id);
  const client = useQueryClient();
  const [chosen, setChosen] = useState<Set<string>>(() => new Set(item.labels.map(labelKey)));
  const [newName, setNewName] = useState('');
  const [adding, setAdding] = useState(false);
  const [addError, setAddError] = useState('');
  const { busy, error, run } = useRun(onClose);
  const choices = (options.data ?? []).filter((o) => !(o.builtIn && o.kind === LabelKind.Primary));
  const toggle = (k: string) =>
    setChosen((s) => {
      const n = new Set(s);
      if (n.has(k)) n.delete(k);
      else n.add(k);
      return n;
    });
  const addLabel = async () => {
    setAdding(true);
    setAddError('');
    try {
      const pair = await backend.createLabel(object.id, other.id, { kind: LabelKind.Single, from: object.id, name: newName, inverse: newName });
      const made = pair.labels[pair.labels.length - 1];
      await client.invalidateQueries({ queryKey: optionsKey(object.id, other.id) });
      setChosen((s) => new Set(s).add(labelKey({ id: made.id, inverse: false })));
      setNewName('');
    } catch (err) {
      setAddError(toAppError(err).message);
    } finally {
      setAdding(false);
    }
  };
  const save = () =>
    run(async () => {
      const had = new Set(item.labels.filter((l) => !(l.builtIn && l.kind === LabelKind.Primary)).map(labelKey));
      const add = [...chosen].filter((k) => !had.has(k)).map(parseLabelKey);
      const remove = [...had].filter((k) => !chosen.has(k)).map(parseLabelKey);
      if (remove.length) await backend.removeLabels({ ...emptyEdit(record.id, [item.id]), labels: remove });
      if (add.length) await backend.addLabels({ ...emptyEdit(record.id, [item.id]), labels: add });
    });
  return (
    <Modal
      title={`Labels of ${item.name || 'this association'}`}
      confirm="Save labels"
      busy={busy}
      error={error}
      onClose={onClose}
      onConfirm={() => void save()}
    >
      <p className="muted">
        How {item.name || `this ${other.singular.toLowerCase()}`} relates to {record.displayName || `this ${object.singular.toLowerCase()}`}.
      </p>
      {options.isPending ? (
        <p className="muted">Loading labels…</p>
      ) : choices.length === 0 ? (
        <p className="muted">
          {object.plural} and {other.plural} have no labels yet. Add one below.
        </p>
      ) : (
        <fieldset className="assoc-choice">
          <legend className="visually-hidden">Labels</legend>
          {choices.map((o) => (
            <label key={labelKey(o)}>
              <input type="checkbox" checked={chosen.has(labelKey(o))} onChange={() => toggle(labelKey(o))} /> {o.name}
              {o.kind === LabelKind.Primary && <span className="muted"> (one per record)</span>}
            </label>
          ))}
        </fieldset>
      )}
      <div className="assoc-new-label">
        <label htmlFor="assoc-new-label">New label</label>
        <input
          id="assoc-new-label"
          className="field-input"
          value={newName}
          maxLength={80}
          onChange={(e) => setNewName(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              if (newName.trim()) void addLabel();
            }
          }}
          aria-describedby={addError ? 'assoc-new-label-error' : undefined}
        />
        <button type="button" className="button small" disabled={!newName.trim() || adding} onClick={() => void addLabel()}>
          Add label
        </button>
      </div>
      {addError && (
        <p id="assoc-new-label-error" className="field-error" role="alert">
          {addError}
        </p>
      )}
    </Modal>
  );
}
