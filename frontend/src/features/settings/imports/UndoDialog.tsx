import * as Dialog from '@radix-ui/react-dialog';
import { useQueryClient } from '@tanstack/react-query';
import { LoaderCircle } from 'lucide-react';
import { useEffect, useState } from 'react';
import { associationsKey, backend, importsKey, ImportState, type ImportJob, type ImportRecord, type ImportUndoCounts } from '../../../api/backend';
import { toAppError } from '../../../api/errors';
import { count, percent } from '../../import/format';
import { useImportJob } from '../../import/useImportJob';
import type { Route } from '../../shell/navigation';

const noUndo: ImportUndoCounts = { records: 0, associations: 0, labels: 0, values: 0, kept: 0 };

// undoSummary says what an undo took back, and how many changes it kept.
export function undoSummary(u: ImportUndoCounts): string {
  const removed = [count(u.associations, 'association', 'associations')];
  if (u.labels > 0) removed.push(count(u.labels, 'label', 'labels'));
  const kept = u.kept > 0 ? ` ${count(u.kept, 'change', 'changes')} kept.` : '';
  return `Moved ${count(u.records, 'record', 'records')} to the recycle bin, removed ${removed.join(' and ')}, put back ${count(u.values, 'value', 'values')}.${kept}`;
}

// UndoDialog takes back one import: it says what undo does and asks first,
// then follows the undo job with a progress bar and Cancel, then says what
// was removed and put back, and which changes it kept because someone
// changed them since.
export function UndoDialog({ item, onClose, navigate }: { item: ImportRecord; onClose: () => void; navigate: (r: Route) => void }) {
  const client = useQueryClient();
  const { job, running, pollError, follow } = useImportJob();
  const [starting, setStarting] = useState(false);
  const [canceling, setCanceling] = useState(false);
  const [error, setError] = useState('');
  const ended = !!job && !running;

  // Records, their associations and this list changed, whatever the end.
  useEffect(() => {
    if (!ended) return;
    void client.invalidateQueries({ queryKey: ['records'] });
    void client.invalidateQueries({ queryKey: associationsKey });
    void client.invalidateQueries({ queryKey: importsKey });
  }, [ended, client]);

  const start = async () => {
    setStarting(true);
    setError('');
    try {
      follow(await backend.imports.undo(item.id));
    } catch (err) {
      setError(toAppError(err).message);
    } finally {
      setStarting(false);
    }
  };

  const cancel = async () => {
    if (!job) return;
    setCanceling(true);
    try {
      await backend.imports.cancel(job.id);
    } catch (err) {
      setError(toAppError(err).message);
      setCanceling(false);
    }
  };

  const busy = starting || running;
  return (
    <Dialog.Root open onOpenChange={(o) => !o && !busy && onClose()}>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content className="dialog dialog-wide ims-undo" role={job ? 'dialog' : 'alertdialog'} aria-describedby={undefined}>
          <Dialog.Title className="ims-dialog-title">Undo the import of {item.file}</Dialog.Title>
          {!job && (
            <p>
              Removes the {count(item.counts.created, 'record', 'records')} and {count(item.counts.associations, 'association', 'associations')} this import
              created and puts back values it changed. Changes someone made since are kept.
            </p>
          )}
          {job && running && (
            <div className="ims-progress">
              <progress max={job.size || undefined} value={job.size ? job.read : undefined} aria-label={`Undoing the import of ${item.file}`} />
              <p role="status">
                Undoing… {job.size ? `${percent(job)}%` : ''} {count(job.undo?.records ?? 0, 'record', 'records')} removed so far
              </p>
            </div>
          )}
          {job && ended && <UndoResult job={job} navigate={navigate} onNavigate={onClose} />}
          {(error || pollError) && (
            <p className="field-error" role="alert">
              {error || pollError}
            </p>
          )}
          <div className="form-actions">
            {!job && (
              <>
                <Dialog.Close asChild>
                  <button type="button" className="button" disabled={starting}>
                    Cancel
                  </button>
                </Dialog.Close>
                <button type="button" className="button danger" disabled={starting} onClick={() => void start()}>
                  {starting && <LoaderCircle className="spin" size={14} aria-hidden />}
                  Undo import
                </button>
              </>
            )}
            {running && (
              <button type="button" className="button" disabled={canceling} onClick={() => void cancel()}>
                {canceling ? 'Canceling…' : 'Cancel'}
              </button>
            )}
            {ended && (
              <Dialog.Close asChild>
                <button type="button" className="button primary">
                  Close
                </button>
              </Dialog.Close>
            )}
          </div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

function UndoResult({ job, navigate, onNavigate }: { job: ImportJob; navigate: (r: Route) => void; onNavigate: () => void }) {
  const kept = job.kept ?? []; // a Go nil slice arrives as null
  return (
    <div className="ims-result">
      {job.state === ImportState.Failed ? (
        <p className="field-error" role="alert">
          The undo stopped: {job.error?.message ?? 'an unknown error'}. What it took back before stays taken back.
        </p>
      ) : job.state === ImportState.Canceled ? (
        <p role="status">Canceled. What the undo took back before stays taken back.</p>
      ) : (
        <p role="status">The import is undone.</p>
      )}
      <p>{undoSummary(job.undo ?? noUndo)}</p>
      {kept.length > 0 && (
        <>
          <h3 className="ims-kept-heading">Kept ({kept.length.toLocaleString()})</h3>
          <p className="muted">The undo left these as they are.</p>
          <table className="ims-kept" aria-label="Changes kept">
            <thead>
              <tr>
                <th scope="col">Record</th>
                <th scope="col">Property</th>
                <th scope="col">Why</th>
              </tr>
            </thead>
            <tbody>
              {kept.map((k, i) => (
                <tr key={`${k.record}-${k.property ?? ''}-${i}`}>
                  <td>
                    {k.record && (
                      <button
                        type="button"
                        className="ims-link"
                        onClick={() => {
                          onNavigate();
                          navigate({ page: 'record', object: k.object, id: k.record });
                        }}
                      >
                        {k.name || k.record}
                      </button>
                    )}
                  </td>
                  <td>{k.property ?? ''}</td>
                  <td>{k.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </div>
  );
}
