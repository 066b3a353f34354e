import { LoaderCircle } from 'lucide-react';
import { useState } from 'react';
import { backend, ImportState, type ImportJob } from '../../api/backend';
import { toAppError } from '../../api/errors';
import { count, countsText, rowsToImport } from './format';
import { JobProgress } from './JobProgress';

interface StepProps {
  job: ImportJob | null;
  error: string; // Check or Start refused
  pollError: string;
  onCancel: () => Promise<void>;
}

function Starting({ text }: { text: string }) {
  return (
    <p className="imp-status" role="status">
      <LoaderCircle className="spin" size={14} aria-hidden />
      {text}
    </p>
  );
}

function Failed({ message }: { message: string }) {
  return (
    <p className="field-error" role="alert">
      {message}
    </p>
  );
}

// CheckStep is the dry run: its progress, then what the import would do
// and every problem found; onAgain checks again after a cancel.
export function CheckStep({ job, error, pollError, onCancel, onAgain }: StepProps & { onAgain: () => void }) {
  if (error) return <Failed message={error} />;
  if (!job) return <Starting text="Starting the check…" />;
  switch (job.state) {
    case ImportState.Running:
      return (
        <>
          <p className="muted">Every row is read and checked; nothing is written yet.</p>
          <JobProgress job={job} label="Checking the file" pollError={pollError} onCancel={onCancel} />
        </>
      );
    case ImportState.Checked: {
      const n = rowsToImport(job);
      return (
        <>
          <p className="imp-summary" role="status">
            Checked {count(job.counts.rows, 'row', 'rows')}: {countsText(job.counts)}
            {job.badRows > 0 ? `, ${count(job.badRows, 'row', 'rows')} with problems will be skipped.` : '.'}
          </p>
          {n === 0 && <p className="field-error">No row can be imported: fix the file or the mapping and check again.</p>}
          <Problems job={job} />
        </>
      );
    }
    case ImportState.Canceled:
      return (
        <>
          <p role="status">The check was stopped before the end of the file.</p>
          <button type="button" className="button" onClick={onAgain}>
            Check again
          </button>
        </>
      );
    default:
      return <Failed message={job.error?.message || 'The check stopped before the end of the file.'} />;
  }
}

// Problems lists what is wrong, per row and column (the first 500), with
// the whole list as a CSV file to download.
function Problems({ job }: { job: ImportJob }) {
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState('');
  const [error, setError] = useState('');
  if (job.total === 0) return <p className="muted">No problems found.</p>;
  const more = job.total - job.problems.length;

  const save = async () => {
    setSaving(true);
    setSaved('');
    setError('');
    try {
      const path = await backend.imports.saveProblems(job.id);
      if (path) setSaved(`Saved the problems to ${path}.`);
    } catch (err) {
      setError(toAppError(err).message);
    } finally {
      setSaving(false);
    }
  };

  return (
    <section className="imp-problems" aria-label="Problems">
      <div className="imp-problems-head">
        <h4 className="imp-subheading">{count(job.total, 'problem', 'problems')}</h4>
        <button type="button" className="button small" disabled={saving} onClick={() => void save()}>
          Download problems…
        </button>
      </div>
      {saved && (
        <p className="imp-note" role="status">
          {saved}
        </p>
      )}
      {error && <Failed message={error} />}
      <div className="imp-table-wrap imp-problems-wrap">
        <table className="imp-table" aria-label="Problems by row">
          <thead>
            <tr>
              <th scope="col">Row</th>
              <th scope="col">Column</th>
              <th scope="col">Value</th>
              <th scope="col">Problem</th>
            </tr>
          </thead>
          <tbody>
            {job.problems.map((p, i) => (
              <tr key={i}>
                <td className="imp-num">{p.row.toLocaleString()}</td>
                <td>{p.column || <span className="muted">(whole row)</span>}</td>
                <td className="imp-problem-value">{p.value}</td>
                <td>{p.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {more > 0 && <p className="muted">and {count(more, 'more problem', 'more problems')}, all in the downloaded file.</p>}
    </section>
  );
}

export const cancelImportText = 'What was imported so far stays; you can undo it in Settings → Imports.';

// ImportStep is the import itself: its progress with Cancel, then what it did.
export function ImportStep({ job, error, pollError, onCancel }: StepProps) {
  if (error) return <Failed message={error} />;
  if (!job) return <Starting text="Starting the import…" />;
  const did = `${countsText(job.counts)}${job.counts.skipped > 0 ? `; ${count(job.counts.skipped, 'row', 'rows')} with problems skipped` : ''}.`;
  switch (job.state) {
    case ImportState.Running:
      return (
        <>
          <p className="muted">You can close this window: the import goes on, and Settings → Imports shows it.</p>
          <JobProgress job={job} label="Importing" pollError={pollError} confirm={cancelImportText} onCancel={onCancel} />
        </>
      );
    case ImportState.Done:
      return (
        <p className="imp-summary" role="status">
          Imported {count(job.counts.rows, 'row', 'rows')}: {did}
        </p>
      );
    case ImportState.Canceled:
      return (
        <p className="imp-summary" role="status">
          The import was stopped after {count(job.counts.rows, 'row', 'rows')}; what it wrote stays: {did} You can undo it in Settings → Imports.
        </p>
      );
    default:
      return (
        <>
          <Failed message={job.error?.message || 'The import stopped before the end of the file.'} />
          <p className="imp-summary">
            Before it stopped it read {count(job.counts.rows, 'row', 'rows')}: {did} You can undo it in Settings → Imports.
          </p>
        </>
      );
  }
}
