import { useId, useState, type ReactNode } from 'react';
import { useProfile, useSaveProfile } from './useProfile';
import './profile.css';

// ProfileGate asks for the user's name on first launch: every change is
// recorded with who made it. Once the name is set it shows the workspace.
export function ProfileGate({ children }: { children: ReactNode }) {
  const profile = useProfile();
  if (profile.isPending) return <div className="loading" aria-busy="true" />;
  // Without a readable profile the workspace still opens: the name is a
  // courtesy, not a lock on the user's data.
  if (profile.error || profile.data.set) return <>{children}</>;
  return <Welcome />;
}

function Welcome() {
  const [name, setName] = useState('');
  const save = useSaveProfile();
  const inputId = useId();
  const errorId = useId();
  const error = save.error;

  return (
    <main className="welcome">
      <form
        className="welcome-card"
        aria-labelledby={`${inputId}-heading`}
        onSubmit={(e) => {
          e.preventDefault();
          if (!save.isPending) save.mutate(name);
        }}
      >
        <span className="brand-mark welcome-mark" aria-hidden>
          F
        </span>
        <h1 id={`${inputId}-heading`}>Welcome to Fieldbook</h1>
        <p className="muted">What's your name? It is shown on the changes you make.</p>
        <label className="welcome-label" htmlFor={inputId}>
          Your name
        </label>
        <input
          id={inputId}
          className="field-input"
          value={name}
          autoFocus
          autoComplete="name"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
          onChange={(e) => setName(e.target.value)}
        />
        {error && (
          <p id={errorId} role="alert" className="field-error">
            {error.message}
          </p>
        )}
        <button type="submit" className="button primary welcome-submit" disabled={save.isPending}>
          {save.isPending ? 'Saving…' : 'Continue'}
        </button>
      </form>
    </main>
  );
}
