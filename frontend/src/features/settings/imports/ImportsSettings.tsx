import { useQuery } from '@tanstack/react-query';
import { FileUp } from 'lucide-react';
import { useState } from 'react';
import { backend, importsKey, ImportState, type ImportCounts, type ImportRecord } from '../../../api/backend';
import { toAppError } from '../../../api/errors';
import { queryState } from '../../../components/QueryState';
import { count } from '../../import/format';
import { ImportWizard } from '../../import/ImportWizard';
import { formatTimestamp } from '../../records/fields/format';
import type { Route } from '../../shell/navigation';
import { relativeTime } from './relativeTime';
import { undoSummary, UndoDialog } from './UndoDialog';
import './imports.css';

// While an import runs its counts grow: the list is read again this often.
const runningRefetchMs = 1000;

function countsText(c: ImportCounts): string {
  const n = (v: number) => v.toLocaleString();
  const text = `${n(c.created)} created · ${n(c.updated)} updated · ${count(c.associations, 'association', 'associations')} · ${count(c.labels, 'label', 'labels')} · ${n(c.skipped)} skipped`;
  // Associations with records another file (not imported yet) brings.
  return c.pending > 0 ? `${text} · ${n(c.pending)} waiting for another file` : text;
}

// Settings → Imports: every import, newest first, with what it did, its
// problems file, and Undo import.
export function ImportsSettings({ navigate }: { navigate: (r: Route) => void }) {
  const list = useQuery({
    queryKey: importsKey,
    queryFn: backend.imports.list,
    refetchInterval: (q) => (q.state.data?.some((i) => i.state === ImportState.Running) ? runningRefetchMs : false),
  });
  const [wizard, setWizard] = useState(false);
  const [undoing, setUndoing] = useState<ImportRecord | null>(null);
  const [saved, setSaved] = useState('');
  const [error, setError] = useState('');

  const download = async (id: string) => {
    setSaved('');
    setError('');
    try {
      // An empty path: the user closed the save dialog.
      setSaved(await backend.imports.saveProblems(id));
    } catch (err) {
      setError(toAppError(err).message);
    }
  };

  const state = queryState(list, 'Loading imports…');
  const imports = list.data ?? [];
  return (
    <section className="ims-settings" aria-labelledby="imports-heading">
      <h2 id="imports-heading">Imports</h2>
      {state ??
        (imports.length === 0 ? (
          <div className="empty-state" role="status">
            <FileUp className="empty-icon" size={40} strokeWidth={1.5} aria-hidden />
            <h2>No imports yet</h2>
            <p>Bring in contacts, companies, deals or tickets from a CSV file, such as another CRM&apos;s export.</p>
            <button type="button" className="button primary" onClick={() => setWizard(true)}>
              Import a file…
            </button>
          </div>
        ) : (
          <>
            <p className="muted ims-intro">
              Undo import removes what an import created and puts back the values it changed, except where someone changed them since.
            </p>
            <div className="ims-scroll">
              <table className="ims-table" aria-labelledby="imports-heading">
                <thead>
                  <tr>
                    <th scope="col">File</th>
                    <th scope="col">By</th>
                    <th scope="col">When</th>
                    <th scope="col">Source</th>
                    <th scope="col">State</th>
                    <th scope="col">Counts</th>
                    <th scope="col">Problems</th>
                    <th scope="col">
                      <span className="visually-hidden">Actions</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {imports.map((i) => (
                    <tr key={i.id}>
                      <td className="ims-file">{i.file}</td>
                      <td>{i.by.name}</td>
                      <td className="ims-when">
                        <time dateTime={i.at} title={formatTimestamp(i.at)}>
                          {relativeTime(i.at)}
                        </time>
                      </td>
                      <td>{i.source}</td>
                      <td>
                        <span className={`ims-badge ims-badge-${i.state}`}>{i.state}</span>
                        {i.undoneAt && (
                          <time className="muted ims-undone" dateTime={i.undoneAt} title={formatTimestamp(i.undoneAt)}>
                            {relativeTime(i.undoneAt)}
                          </time>
                        )}
                      </td>
                      <td className="ims-counts">
                        {countsText(i.counts)}
                        {i.undo && <span className="muted ims-undo-counts">Undo: {undoSummary(i.undo)}</span>}
                      </td>
                      <td className="ims-problems">
                        {i.problems.toLocaleString()}
                        {i.problems > 0 && (
                          <button type="button" className="button small" onClick={() => void download(i.id)}>
                            Download…<span className="visually-hidden"> problems of {i.file}</span>
                          </button>
                        )}
                      </td>
                      <td>
                        {i.state !== ImportState.Undone && i.state !== ImportState.Running && (
                          <button type="button" className="button small" onClick={() => setUndoing(i)}>
                            Undo import<span className="visually-hidden"> of {i.file}</span>
                          </button>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        ))}
      {saved && (
        <p role="status" className="ims-saved">
          Problems saved to <span className="mono">{saved}</span>
        </p>
      )}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {undoing && <UndoDialog item={undoing} onClose={() => setUndoing(null)} navigate={navigate} />}
      <ImportWizard open={wizard} onOpenChange={setWizard} navigate={navigate} />
    </section>
  );
}
