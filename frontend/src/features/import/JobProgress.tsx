import { LoaderCircle } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import type { ImportJob } from '../../api/backend';
import { toAppError } from '../../api/errors';
import { count, percent, rateText, timeLeft } from './format';

// JobProgress is a running job's bar: how much of the file is read, rows
// so far, rows per second and the time left, with Cancel. confirm, when
// given, is asked inline before cancelling (an import keeps what it wrote).
export function JobProgress({
  job,
  label,
  pollError,
  confirm,
  onCancel,
}: {
  job: ImportJob;
  label: string;
  pollError: string;
  confirm?: string;
  onCancel: () => Promise<void>;
}) {
  const [asking, setAsking] = useState(false);
  const [cancelling, setCancelling] = useState(false);
  const [error, setError] = useState('');
  const keep = useRef<HTMLButtonElement>(null);
  const pct = percent(job);
  const left = timeLeft(job.left);
  const rows = count(job.counts.rows, 'row', 'rows');

  useEffect(() => {
    if (asking) keep.current?.focus();
  }, [asking]);

  const cancel = async () => {
    setAsking(false);
    setCancelling(true);
    setError('');
    try {
      await onCancel();
    } catch (err) {
      setCancelling(false);
      setError(toAppError(err).message);
    }
  };

  return (
    <div className="imp-progress">
      <div
        className="imp-bar"
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={pct}
        aria-valuetext={`${pct}%, ${rows}`}
      >
        <div className="imp-bar-fill" style={{ width: `${pct}%` }} />
      </div>
      <p className="imp-progress-text">
        <LoaderCircle className="spin" size={14} aria-hidden />
        <span>
          {rows} · {rateText(job.rate)} · {left || 'working out the time left'}
        </span>
      </p>
      {pollError && (
        <p className="field-error" role="alert">
          {pollError}
        </p>
      )}
      {asking ? (
        <div className="imp-confirm" role="group" aria-label="Cancel the import?">
          <p>{confirm}</p>
          <div className="imp-confirm-actions">
            <button ref={keep} type="button" className="button" onClick={() => setAsking(false)}>
              Keep importing
            </button>
            <button type="button" className="button danger" onClick={() => void cancel()}>
              Stop the import
            </button>
          </div>
        </div>
      ) : (
        <button type="button" className="button" disabled={cancelling} onClick={() => (confirm ? setAsking(true) : void cancel())}>
          {cancelling ? 'Cancelling…' : 'Cancel'}
        </button>
      )}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
