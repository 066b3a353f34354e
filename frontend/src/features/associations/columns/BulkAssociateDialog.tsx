import * as Dialog from '@radix-ui/react-dialog';
import { useRef, useState } from 'react';
import { backend, emptyEdit, LabelKind, type BulkResult, type ObjectDef } from '../../../api/backend';
import { toAppError } from '../../../api/errors';
import { RecordPicker } from '../../records/picker/RecordPicker';
import { labelKey, parseLabelKey } from '../labelKey';
import { useLabelOptions } from '../useAssociations';

// One backend call associates at most this many records.
const chunk = 500;

// BulkAssociateDialog associates an index page's selected records with one
// record (and a label): pick the record, then the work runs in chunks with
// a progress bar and Cancel, and the result says what happened to each.
export function BulkAssociateDialog({
  object,
  others,
  ids,
  onClose,
  onDone,
}: {
  object: ObjectDef;
  others: ObjectDef[];
  ids: string[];
  onClose: () => void;
  onDone: () => void;
}) {
  const [otherId, setOtherId] = useState(others[0]?.id ?? '');
  const other = others.find((o) => o.id === otherId)!;
  const [picked, setPicked] = useState<{ id: string; name: string } | null>(null);
  const [label, setLabel] = useState('');
  const [error, setError] = useState('');
  // Submitted with nothing picked: the hint names the object chosen now.
  const [mustPick, setMustPick] = useState(false);
  const [progress, setProgress] = useState<{ done: number; result: BulkResult } | null>(null);
  const [running, setRunning] = useState(false);
  const cancelled = useRef(false); // read by the running loop
  const [stopped, setStopped] = useState(false); // shown
  // Labels are read from the picked record's side.
  const options = useLabelOptions(otherId, object.id, !!otherId);
  const labels = (options.data ?? []).filter((o) => o.kind !== LabelKind.Primary || o.builtIn);
  const noun = (n: number) => `${n.toLocaleString()} ${(n === 1 ? object.singular : object.plural).toLowerCase()}`;

  const run = async () => {
    if (!picked) return setMustPick(true);
    setMustPick(false);
    setError('');
    setRunning(true);
    cancelled.current = false;
    setStopped(false);
    const refs = label ? [parseLabelKey(label)] : [];
    const total: BulkResult = { associated: 0, already: 0, refused: 0, reasons: [] };
    setProgress({ done: 0, result: total });
    try {
      for (let i = 0; i < ids.length && !cancelled.current; i += chunk) {
        const part = ids.slice(i, i + chunk);
        const r = await backend.bulkAssociate({ ...emptyEdit(picked.id, part), labels: refs });
        total.associated += r.associated;
        total.already += r.already;
        total.refused += r.refused;
        for (const why of r.reasons ?? []) if (!total.reasons.includes(why) && total.reasons.length < 5) total.reasons.push(why);
        setProgress({ done: i + part.length, result: { ...total } });
      }
    } catch (err) {
      setError(toAppError(err).message);
    } finally {
      setRunning(false);
      onDone();
    }
  };

  const finished = progress && !running;
  return (
    <Dialog.Root open onOpenChange={(o) => !o && !running && onClose()}>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content className="dialog dialog-wide" aria-describedby={undefined}>
          <Dialog.Title className="idx-dialog-title">Associate {noun(ids.length)}</Dialog.Title>
          {!progress && (
            <form
              onSubmit={(e) => {
                e.preventDefault();
                void run();
              }}
            >
              <label className="idx-field">
                <span>With a record of</span>
                <select
                  className="field-input"
                  value={otherId}
                  onChange={(e) => {
                    setOtherId(e.target.value);
                    setPicked(null);
                    setLabel('');
                  }}
                >
                  {others.map((o) => (
                    <option key={o.id} value={o.id}>
                      {o.plural}
                    </option>
                  ))}
                </select>
              </label>
              <div className="idx-field idx-bulk-picker">
                <span>Find the {other.singular.toLowerCase()}</span>
                <RecordPicker
                  object={other}
                  label={`${other.plural} to associate them with`}
                  selected={new Set(picked ? [picked.id] : [])}
                  onChoose={(r) => setPicked({ id: r.id, name: r.displayName })}
                />
              </div>
              {labels.length > 0 && (
                <label className="idx-field">
                  <span>Label (optional)</span>
                  <select className="field-input" value={label} onChange={(e) => setLabel(e.target.value)}>
                    <option value="">No label</option>
                    {labels.map((o) => (
                      <option key={labelKey(o)} value={labelKey(o)}>
                        {o.builtIn ? `Primary company of the ${object.plural.toLowerCase()}` : o.name}
                      </option>
                    ))}
                  </select>
                </label>
              )}
              {(error || (mustPick && !picked)) && (
                <p className="field-error" role="alert">
                  {error || `Choose the ${other.singular.toLowerCase()} to associate them with.`}
                </p>
              )}
              <div className="form-actions">
                <Dialog.Close asChild>
                  <button type="button" className="button">
                    Cancel
                  </button>
                </Dialog.Close>
                <button type="submit" className="button primary">
                  Associate {picked ? `with ${picked.name || other.singular}` : ''}
                </button>
              </div>
            </form>
          )}
          {progress && (
            <div className="idx-bulk-progress">
              <progress max={ids.length} value={progress.done} aria-label={`Associating ${noun(ids.length)}`} />
              <p role="status">
                {running
                  ? `Associating… ${progress.done.toLocaleString()} of ${ids.length.toLocaleString()}`
                  : stopped
                    ? `Cancelled after ${progress.done.toLocaleString()} of ${ids.length.toLocaleString()}.`
                    : 'Done.'}
              </p>
              {finished && (
                <ul className="idx-bulk-result">
                  <li>
                    Associated {noun(progress.result.associated)} with {picked?.name || `the ${other.singular.toLowerCase()}`}.
                  </li>
                  {progress.result.already > 0 && <li>{noun(progress.result.already)} already were.</li>}
                  {progress.result.refused > 0 && (
                    <li>
                      {noun(progress.result.refused)} could not be:
                      <ul>
                        {progress.result.reasons.map((why) => (
                          <li key={why}>{why}</li>
                        ))}
                      </ul>
                    </li>
                  )}
                </ul>
              )}
              {error && (
                <p className="field-error" role="alert">
                  {error}
                </p>
              )}
              <div className="form-actions">
                {running ? (
                  <button
                    type="button"
                    className="button"
                    onClick={() => {
                      cancelled.current = true;
                      setStopped(true);
                    }}
                  >
                    Cancel
                  </button>
                ) : (
                  <button type="button" className="button primary" onClick={onClose}>
                    Close
                  </button>
                )}
              </div>
            </div>
          )}
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
