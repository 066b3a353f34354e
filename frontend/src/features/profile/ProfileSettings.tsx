import { useEffect, useId, useState } from 'react';
import { useProfile, useSaveProfile } from './useProfile';
import './profile.css';

// "Your profile" in Settings → General: the name on the user's changes and
// the user ID they are recorded under.
export function ProfileSettings() {
  const profile = useProfile();
  const save = useSaveProfile();
  const [name, setName] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const inputId = useId();
  const errorId = useId();
  const current = name ?? profile.data?.name ?? '';

  useEffect(() => {
    if (!saved) return;
    const t = setTimeout(() => setSaved(false), 2500);
    return () => clearTimeout(t);
  }, [saved]);

  return (
    <section className="settings-section" aria-labelledby="profile-heading">
      <h2 id="profile-heading">Your profile</h2>
      <form
        className="profile-form"
        onSubmit={(e) => {
          e.preventDefault();
          setSaved(false);
          save.mutate(current, {
            onSuccess: () => {
              setName(null);
              setSaved(true);
            },
          });
        }}
      >
        <label htmlFor={inputId} className="profile-label">
          Your name
        </label>
        <div className="profile-row">
          <input
            id={inputId}
            className="field-input"
            value={current}
            disabled={!profile.data}
            aria-invalid={save.error ? true : undefined}
            aria-describedby={save.error ? errorId : undefined}
            onChange={(e) => {
              setName(e.target.value);
              setSaved(false);
            }}
          />
          <button type="submit" className="button" disabled={!profile.data || save.isPending}>
            {save.isPending ? 'Saving…' : 'Save'}
          </button>
        </div>
        {save.error && (
          <p id={errorId} role="alert" className="field-error">
            {save.error.message}
          </p>
        )}
        {saved && !save.error && (
          <p role="status" className="muted profile-saved">
            Saved.
          </p>
        )}
      </form>
      <dl className="facts profile-facts">
        <dt>User ID</dt>
        <dd className="mono" data-testid="user-id">
          {profile.data?.id || '—'}
        </dd>
      </dl>
      <p className="muted profile-hint">Your name is shown on the changes you make.</p>
    </section>
  );
}
