import { AlertTriangle } from 'lucide-react';
import { ErrorCode, type Problem } from '../../api/backend';

// Shown instead of the workspace when the database could not be opened,
// most often because Fieldbook is already running with the same data folder.
export function ProblemScreen({ problem, onQuit }: { problem: Pick<Problem, 'code' | 'message'>; onQuit: () => void }) {
  const title = problem.code === ErrorCode.StoreLocked ? 'Fieldbook is already open' : 'Fieldbook cannot open your data';
  return (
    <main className="problem" role="alert">
      <AlertTriangle size={40} strokeWidth={1.5} aria-hidden className="problem-icon" />
      <h1>{title}</h1>
      <p>{problem.message}</p>
      <p className="muted">Nothing has been changed.</p>
      <button type="button" className="button primary" onClick={onQuit}>
        Quit
      </button>
    </main>
  );
}
