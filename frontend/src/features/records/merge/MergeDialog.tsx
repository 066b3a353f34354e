import * as Dialog from '@radix-ui/react-dialog';
import { useQueryClient } from '@tanstack/react-query';
import { ArrowLeft, ArrowLeftRight, Check, LoaderCircle, X } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import { associationsKey, backend, type ObjectDef, type RecordData } from '../../../api/backend';
import { toAppError } from '../../../api/errors';
import type { Route } from '../../shell/navigation';
import { formatValue } from '../fields/format';
import { RecordPicker } from '../picker/RecordPicker';
import { defaultChoices, mergeProps, same, type Side } from './choices';
import './merge.css';

type Step = 'pick' | 'compare' | 'confirm';

// MergeDialog is "Actions → Merge…": find the other record of the same
// object, choose property by property which value stays, then confirm. The
// record the dialog was opened on is kept; the other one's associations
// move to it and its ID opens it from then on.
// With pair (a likely duplicate pair), there is nothing to find: the dialog
// starts by comparing record (kept unless the user swaps them) with pair.
// onMerged, when given, is told of the merge instead of the kept record
// being opened.
export function MergeDialog({
  object,
  record,
  pair,
  navigate,
  onClose,
  onMerged,
}: {
  object: ObjectDef;
  record: RecordData;
  pair?: RecordData;
  navigate: (r: Route) => void;
  onClose: () => void;
  onMerged?: (kept: RecordData, merged: RecordData) => void;
}) {
  const client = useQueryClient();
  const [step, setStep] = useState<Step>(pair ? 'compare' : 'pick');
  const [keep, setKeep] = useState<RecordData>(record);
  const [other, setOther] = useState<RecordData | null>(pair ?? null);
  const [choices, setChoices] = useState<Record<string, Side>>(() => (pair ? defaultChoices(object, record, pair) : {}));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const body = useRef<HTMLDivElement>(null);
  const singular = object.singular.toLowerCase();
  const nameOf = (r: RecordData) => r.displayName || `Unnamed ${singular}`;
  const keepName = nameOf(keep);

  // A pair's two records change places: the other one is kept.
  const swap = () => {
    if (!other) return;
    setKeep(other);
    setOther(keep);
    setChoices(defaultChoices(object, other, keep));
  };

  // Each step puts the focus where its work starts.
  useEffect(() => {
    if (step !== 'pick') focusStep(body.current, step); // the picker's search takes it
  }, [step]);

  const pick = (r: RecordData) => {
    setOther(r);
    setChoices(defaultChoices(object, keep, r));
    setError('');
    setStep('compare');
  };

  const merge = async () => {
    if (!other) return;
    setBusy(true);
    setError('');
    try {
      const kept = await backend.mergeRecords(keep.id, other.id, mergeProps(object, keep, other, choices));
      await Promise.all([client.invalidateQueries({ queryKey: ['records'] }), client.invalidateQueries({ queryKey: associationsKey })]);
      setBusy(false);
      onClose();
      if (onMerged) onMerged({ ...kept, id: kept.id || keep.id }, other);
      else navigate({ page: 'record', object: object.id, id: kept.id || keep.id });
    } catch (err) {
      setBusy(false);
      setError(toAppError(err).message);
    }
  };

  const title =
    step === 'pick'
      ? `Merge ${keepName} with another ${singular}`
      : step === 'compare'
        ? 'Choose the values to keep'
        : `Merge ${other ? nameOf(other) : ''} into ${keepName}?`;

  return (
    <Dialog.Root open onOpenChange={(open) => !open && !busy && onClose()}>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content
          className="dialog merge-dialog"
          aria-describedby={undefined}
          aria-busy={busy || undefined}
          onOpenAutoFocus={(e) => {
            // The search (or a pair's first choice), not the Close button,
            // even when a menu opened us.
            e.preventDefault();
            focusStep(body.current, step);
          }}
        >
          <header className="merge-head">
            <Dialog.Title className="merge-title">{title}</Dialog.Title>
            <Dialog.Close asChild>
              <button type="button" className="icon-button" aria-label="Close" disabled={busy}>
                <X size={16} aria-hidden />
              </button>
            </Dialog.Close>
          </header>
          <div className="merge-body" ref={body}>
            {step === 'pick' && <PickOther object={object} record={keep} onPick={pick} />}
            {step === 'compare' && other && pair && (
              <p className="merge-swap">
                <button type="button" className="button small" onClick={swap}>
                  <ArrowLeftRight size={14} aria-hidden /> Keep the other {singular} instead
                </button>
              </p>
            )}
            {step === 'compare' && other && (
              <Compare object={object} keep={keep} other={other} choices={choices} onChoose={(name, side) => setChoices((c) => ({ ...c, [name]: side }))} />
            )}
            {step === 'confirm' && other && <ConfirmText object={object} keep={keep} other={other} choices={choices} />}
            {error && (
              <p className="field-error" role="alert">
                {error}
              </p>
            )}
            <div className="form-actions merge-actions">
              {step !== 'pick' && !(pair && step === 'compare') && (
                <button
                  type="button"
                  className="button merge-back"
                  disabled={busy}
                  onClick={() => {
                    setError('');
                    setStep(step === 'confirm' ? 'compare' : 'pick');
                  }}
                >
                  <ArrowLeft size={14} aria-hidden /> Back
                </button>
              )}
              <Dialog.Close asChild>
                <button type="button" className="button" disabled={busy}>
                  Cancel
                </button>
              </Dialog.Close>
              {step === 'compare' && (
                <button type="button" className="button primary merge-next" onClick={() => setStep('confirm')}>
                  Merge
                </button>
              )}
              {step === 'confirm' && (
                <button type="button" className="button danger merge-confirm" disabled={busy} onClick={() => void merge()}>
                  {busy && <LoaderCircle className="spin" size={14} aria-hidden />}
                  {busy ? 'Merging…' : 'Merge'}
                </button>
              )}
            </div>
          </div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

// focusStep puts the focus where a step's work starts: the search, the
// first choice (or Merge), the confirming Merge.
function focusStep(el: HTMLElement | null, step: Step) {
  const target =
    step === 'pick'
      ? el?.querySelector<HTMLElement>('input')
      : step === 'compare'
        ? (el?.querySelector<HTMLElement>('input[type="radio"]:checked') ?? el?.querySelector<HTMLElement>('.merge-next'))
        : el?.querySelector<HTMLElement>('.merge-confirm');
  target?.focus();
}

// PickOther searches the object's records (this one left out); Enter or a
// click picks one.
function PickOther({ object, record, onPick }: { object: ObjectDef; record: RecordData; onPick: (r: RecordData) => void }) {
  const plural = object.plural.toLowerCase();
  const singular = object.singular.toLowerCase();
  return (
    <>
      <p className="muted merge-intro">
        Find the {singular} to merge into {record.displayName || `this ${singular}`}. {record.displayName || `This ${singular}`} is kept; you choose which
        values it keeps next.
      </p>
      <RecordPicker
        object={object}
        label={`${object.plural} to merge`}
        hidden={new Set([record.id])}
        onChoose={onPick}
        empty={(query) => (query ? `No other ${plural} match “${query}”.` : `There is no other ${singular} to merge with.`)}
        showIds
      />
    </>
  );
}

// Compare shows the two records side by side: one row per property, the
// two values as a choice where they differ.
function Compare({
  object,
  keep,
  other,
  choices,
  onChoose,
}: {
  object: ObjectDef;
  keep: RecordData;
  other: RecordData;
  choices: Record<string, Side>;
  onChoose: (name: string, side: Side) => void;
}) {
  const singular = object.singular.toLowerCase();
  const keepName = keep.displayName || `Unnamed ${singular}`;
  const otherName = other.displayName || `Unnamed ${singular}`;
  const differing = object.properties.filter((p) => !same(keep.props[p.name], other.props[p.name])).length;
  return (
    <>
      <p className="muted merge-intro">
        {keepName} is kept and {otherName} is merged into it.{' '}
        {differing === 0 ? 'Their values are the same.' : 'Where their values differ, choose the one to keep.'}
      </p>
      <div className="merge-table-wrap">
        <table className="merge-table">
          <thead>
            <tr>
              <th scope="col">Property</th>
              <th scope="col">
                {keepName} <span className="merge-tag">Kept</span>
              </th>
              <th scope="col">
                {otherName} <span className="merge-tag other">Merged into it</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {object.properties.map((p) => {
              const a = keep.props[p.name];
              const b = other.props[p.name];
              const shownA = formatValue(p, a);
              const shownB = formatValue(p, b);
              if (same(a, b)) {
                return (
                  <tr key={p.name} className="merge-same">
                    <th scope="row">{p.label}</th>
                    <td colSpan={2}>
                      {shownA ? <span className="merge-value">{shownA}</span> : <span className="muted">—</span>}
                      <span className="muted merge-same-note">{shownA ? 'Same in both' : 'Empty in both'}</span>
                    </td>
                  </tr>
                );
              }
              const side = choices[p.name] ?? 'keep';
              const cell = (s: Side, shown: string, owner: string) => (
                <td className={side === s ? 'chosen' : undefined}>
                  <label className="merge-choice">
                    <input
                      type="radio"
                      name={`merge-${p.name}`}
                      checked={side === s}
                      onChange={() => onChoose(p.name, s)}
                      aria-label={`${p.label} from ${owner}: ${shown || 'empty'}`}
                    />
                    {shown ? <span className="merge-value">{shown}</span> : <span className="muted">Empty</span>}
                  </label>
                </td>
              );
              return (
                <tr key={p.name}>
                  <th scope="row">{p.label}</th>
                  {cell('keep', shownA, keepName)}
                  {cell('other', shownB, otherName)}
                </tr>
              );
            })}
            {object.properties.length === 0 && (
              <tr>
                <td colSpan={3} className="muted">
                  {object.plural} have no properties.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </>
  );
}

function ConfirmText({ object, keep, other, choices }: { object: ObjectDef; keep: RecordData; other: RecordData; choices: Record<string, Side> }) {
  const singular = object.singular.toLowerCase();
  const keepName = keep.displayName || `Unnamed ${singular}`;
  const otherName = other.displayName || `Unnamed ${singular}`;
  const taken = object.properties.filter((p) => choices[p.name] === 'other' && !same(keep.props[p.name], other.props[p.name]));
  return (
    <div className="merge-confirm-text">
      <p>
        {otherName} is merged into {keepName}: its associations move to {keepName} and its ID will open {keepName}. This cannot be undone.
      </p>
      {taken.length > 0 ? (
        <p className="muted">
          {keepName} takes {taken.length === 1 ? 'this value' : 'these values'} from {otherName}: {taken.map((p) => p.label).join(', ')}.
        </p>
      ) : (
        <p className="muted">{keepName} keeps all of its own values.</p>
      )}
      <p className="merge-summary">
        <Check size={14} aria-hidden /> Kept: <strong>{keepName}</strong> <span className="mono muted">{keep.id}</span>
      </p>
    </div>
  );
}
