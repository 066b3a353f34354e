import * as Dialog from '@radix-ui/react-dialog';
import { LoaderCircle } from 'lucide-react';
import { useId, useState } from 'react';
import { backend, type ExportRequest, type ExportResult, type ObjectDef } from '../../api/backend';
import { toAppError } from '../../api/errors';
import { hasIndexPage } from '../records/objects';
import { useObjects } from '../records/useObjects';
import type { ExportView } from './currentView';
import './export.css';

const rows = (n: number) => `${n.toLocaleString()} ${n === 1 ? 'row' : 'rows'}`;

// wholeObject asks for every record of an object with every property and
// association (the backend ignores columns then).
function wholeObject(object: string): ExportRequest {
  return {
    query: { object, sort: '', desc: false, search: '', filters: [], associations: [], offset: 0, limit: 0 },
    columns: [],
    associations: [],
    all: true,
  };
}

// ExportDialog writes records to a CSV file the user picks with the native
// save dialog: an index page's current view (view) or all of an object's
// records. Without object and view (File → Export… away from an index
// page) it asks which object.
export function ExportDialog({
  open,
  onOpenChange,
  object,
  view,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  object?: ObjectDef;
  view?: ExportView;
}) {
  const [busy, setBusy] = useState(false);
  return (
    <Dialog.Root open={open} onOpenChange={(o) => !busy && onOpenChange(o)}>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content className="dialog exp-dialog" aria-describedby={undefined}>
          <ExportForm object={view?.object ?? object} view={view} busy={busy} setBusy={setBusy} />
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

// ExportForm is the dialog's content, made afresh each time it opens.
function ExportForm({ object, view, busy, setBusy }: { object?: ObjectDef; view?: ExportView; busy: boolean; setBusy: (b: boolean) => void }) {
  const objects = useObjects();
  const choices = (objects.data ?? []).filter(hasIndexPage);
  const [chosen, setChosen] = useState('');
  const target = object ?? choices.find((o) => o.id === chosen) ?? choices[0];
  const [scope, setScope] = useState<'view' | 'all'>(view ? 'view' : 'all');
  const [error, setError] = useState('');
  const [done, setDone] = useState<ExportResult | null>(null);
  const objectField = useId();

  const run = async () => {
    if (!target) return;
    setBusy(true);
    setError('');
    try {
      const req: ExportRequest =
        view && scope === 'view'
          ? { query: { ...view.query, offset: 0, limit: 0 }, columns: view.columns, associations: view.associations, all: false }
          : wholeObject(target.id);
      const result = await backend.imports.export(req);
      // An empty path: the user closed the save dialog, which says enough.
      if (result.path) setDone(result);
    } catch (err) {
      setError(toAppError(err).message);
    } finally {
      setBusy(false);
    }
  };

  const title = target && (object || view) ? `Export ${target.plural.toLowerCase()}` : 'Export records';
  if (done) {
    return (
      <>
        <Dialog.Title className="exp-title">{title}</Dialog.Title>
        <p role="status" className="exp-done">
          Exported {rows(done.rows)} to <span className="mono">{done.path}</span>
        </p>
        <div className="form-actions">
          <Dialog.Close asChild>
            <button type="button" className="button primary">
              Done
            </button>
          </Dialog.Close>
        </div>
      </>
    );
  }
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void run();
      }}
    >
      <Dialog.Title className="exp-title">{title}</Dialog.Title>
      {!object && !view && (
        <div className="exp-field">
          <label htmlFor={objectField}>Export all records of</label>
          <select id={objectField} className="field-input" value={target?.id ?? ''} disabled={busy} onChange={(e) => setChosen(e.target.value)}>
            {choices.map((o) => (
              <option key={o.id} value={o.id}>
                {o.plural}
              </option>
            ))}
          </select>
        </div>
      )}
      {view && target && (
        <fieldset className="choice-group exp-scope" disabled={busy}>
          <legend>What to export</legend>
          <label className="exp-choice">
            <input type="radio" name="scope" checked={scope === 'view'} onChange={() => setScope('view')} />
            <span>This view ({view.total === undefined ? '' : `${rows(view.total)}, `}its columns and filters)</span>
          </label>
          <label className="exp-choice">
            <input type="radio" name="scope" checked={scope === 'all'} onChange={() => setScope('all')} />
            <span>All {target.plural.toLowerCase()} (every property and association)</span>
          </label>
        </fieldset>
      )}
      {!view && target && (
        <p className="muted exp-hint">Every {target.singular.toLowerCase()}, with every property and association, to a CSV file spreadsheet apps open.</p>
      )}
      {objects.error && !object && !view && (
        <p className="field-error" role="alert">
          {toAppError(objects.error).message}
        </p>
      )}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <div className="form-actions">
        <Dialog.Close asChild>
          <button type="button" className="button" disabled={busy}>
            Cancel
          </button>
        </Dialog.Close>
        <button type="submit" className="button primary" disabled={busy || !target}>
          {busy && <LoaderCircle className="spin" size={14} aria-hidden />}
          {busy ? 'Exporting…' : 'Export…'}
        </button>
      </div>
    </form>
  );
}
