import * as Dialog from '@radix-ui/react-dialog';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { LoaderCircle } from 'lucide-react';
import { useCallback, useEffect, useRef, useState } from 'react';
import { associationsKey, backend, onAutoDomainProgress, type AutoDomainResult, type AutoDomainRun } from '../../../api/backend';
import { toAppError } from '../../../api/errors';
import { queryState } from '../../../components/QueryState';
import { count } from '../../import/format';

export const automationKey = ['companies', 'automation'];

// While a run goes on, its state is also asked for this often: the events
// may not reach a WebView reliably, the poll moves the bar anyway.
const pollEvery = 500; // ms

// resultLines says what a run did, one line per kind of outcome.
export function resultLines(r: AutoDomainResult): string[] {
  const lines = [
    `${count(r.associated, 'contact', 'contacts')} associated with existing companies`,
    `${count(r.companiesCreated, 'company', 'companies')} created` +
      (r.associatedNew > 0 ? ` and ${count(r.associatedNew, 'contact', 'contacts')} associated with them` : ''),
  ];
  const skipped = r.freeMail + r.excluded + r.noDomain + r.hasCompany;
  const why = [
    [r.freeMail, 'free mail'],
    [r.excluded, 'excluded domain'],
    [r.noDomain, 'no email or website'],
    [r.hasCompany, 'already have a company'],
  ] as const;
  const reasons = why.filter(([n]) => n > 0).map(([n, what]) => `${n.toLocaleString()} ${what}`);
  lines.push(`${count(skipped, 'contact', 'contacts')} skipped` + (reasons.length ? `: ${reasons.join(', ')}` : ''));
  if (r.refused > 0) lines.push(`${count(r.refused, 'contact', 'contacts')} not associated: an association limit refused it`);
  return lines;
}

const percent = (run: AutoDomainRun) => (run.progress.total > 0 ? Math.min(100, Math.round((run.progress.done / run.progress.total) * 100)) : 0);

// useApplyRun follows the run over the existing contacts: the one going on
// when the page opens, or the one started here.
function useApplyRun() {
  const client = useQueryClient();
  const status = useQuery({ queryKey: ['companies', 'apply-status'], queryFn: backend.companies.applyStatus });
  const [run, setRun] = useState<AutoDomainRun | null>(null);
  const current = run ?? status.data ?? null;
  const running = !!current?.running;

  // A running answer after the end (a poll that crossed the last event) is dropped.
  const update = useCallback((next: AutoDomainRun) => {
    setRun((prev) => (prev && !prev.running && next.running ? prev : next));
  }, []);

  useEffect(() => onAutoDomainProgress(update), [update]);

  useEffect(() => {
    if (!running) return;
    let stopped = false;
    let timer = 0;
    const tick = async () => {
      try {
        const next = await backend.companies.applyStatus();
        if (stopped) return;
        update(next);
      } catch {
        // The events still come; the next poll tries again.
      }
      if (!stopped) timer = window.setTimeout(tick, pollEvery);
    };
    timer = window.setTimeout(tick, pollEvery);
    return () => {
      stopped = true;
      window.clearTimeout(timer);
    };
  }, [running, update]);

  // When it ends, contacts have companies and new companies exist.
  const wasRunning = useRef(running);
  useEffect(() => {
    if (wasRunning.current && !running) {
      void client.invalidateQueries({ queryKey: associationsKey });
      void client.invalidateQueries({ queryKey: ['records'] });
    }
    wasRunning.current = running;
  }, [running, client]);

  const start = async () => setRun(await backend.companies.applyToExisting());
  return { run: current, running, started: run !== null, start };
}

// AutomationSettings is Settings → Companies → Automation: the switch,
// the question whether to apply it to the existing contacts, and that run.
export function AutomationSettings() {
  const client = useQueryClient();
  const setting = useQuery({ queryKey: automationKey, queryFn: backend.companies.automation });
  const { run, running, started, start } = useApplyRun();
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const [cancelling, setCancelling] = useState(false);

  const enabled = !!setting.data?.enabled;

  const save = async (on: boolean) => {
    const saved = await backend.companies.saveAutomation({ enabled: on });
    client.setQueryData(automationKey, saved);
    // Suggestions show only while it is off.
    void client.invalidateQueries({ queryKey: associationsKey });
  };

  const toggle = async () => {
    setError('');
    if (!enabled) return setAsking(true);
    setBusy(true);
    try {
      await save(false);
    } catch (err) {
      setError(toAppError(err).message);
    } finally {
      setBusy(false);
    }
  };

  const turnOn = async (apply: boolean) => {
    setBusy(true);
    setError('');
    try {
      await save(true);
      if (apply) await start();
      setAsking(false);
    } catch (err) {
      setError(toAppError(err).message);
    } finally {
      setBusy(false);
    }
  };

  const applyNow = async () => {
    setError('');
    try {
      await start();
    } catch (err) {
      setError(toAppError(err).message);
    }
  };

  const cancel = async () => {
    setCancelling(true);
    setError('');
    try {
      await backend.companies.cancelApply();
    } catch (err) {
      setError(toAppError(err).message);
    } finally {
      setCancelling(false);
    }
  };

  const state = queryState(setting, 'Loading the automation…');
  // A run started earlier (since the app started) shows its result too.
  const ran = run && (started || run.running || run.canceled || !!run.error || run.progress.total > 0 || run.result.contacts > 0);

  return (
    <section className="settings-section cos-section" aria-labelledby="cos-automation-heading">
      <h2 id="cos-automation-heading">Automation</h2>
      {state ?? (
        <>
          <div className="cos-switch-row">
            <button
              type="button"
              role="switch"
              id="cos-automation-switch"
              className="cos-switch"
              aria-checked={enabled}
              aria-describedby="cos-automation-hint"
              disabled={busy || asking}
              onClick={() => void toggle()}
            >
              <span className="cos-switch-thumb" aria-hidden />
            </button>
            <label htmlFor="cos-automation-switch" className="cos-switch-label">
              Create and associate companies with contacts
            </label>
          </div>
          <p id="cos-automation-hint" className="muted cos-hint">
            A contact gets the company of its email&apos;s domain, created when there is none yet. Free-mail and excluded domains never count, and a contact
            that already has a company is never changed.
          </p>
          {enabled && !running && (
            <button type="button" className="button small" onClick={() => void applyNow()}>
              Apply to existing contacts now
            </button>
          )}
          {ran && run && <RunState run={run} cancelling={cancelling} onCancel={() => void cancel()} />}
          {error && !asking && (
            <p className="field-error" role="alert">
              {error}
            </p>
          )}
        </>
      )}
      <Dialog.Root
        open={asking}
        onOpenChange={(open) => {
          if (busy) return;
          setAsking(open);
          if (!open) setError('');
        }}
      >
        <Dialog.Portal>
          <Dialog.Overlay className="dialog-overlay" />
          <Dialog.Content className="dialog dialog-wide cos-dialog" aria-busy={busy || undefined}>
            <Dialog.Title className="cos-dialog-title">Apply to your existing contacts too?</Dialog.Title>
            <Dialog.Description className="muted">
              Fieldbook can go through every contact you have now and associate each with the company of its email domain. Either way, contacts created or
              whose email changes from now on are associated.
            </Dialog.Description>
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
              <button type="button" className="button" disabled={busy} onClick={() => void turnOn(false)}>
                Only new contacts
              </button>
              <button type="button" className="button primary" disabled={busy} onClick={() => void turnOn(true)}>
                {busy && <LoaderCircle className="spin" size={14} aria-hidden />}
                Apply to existing contacts
              </button>
            </div>
          </Dialog.Content>
        </Dialog.Portal>
      </Dialog.Root>
    </section>
  );
}

function RunState({ run, cancelling, onCancel }: { run: AutoDomainRun; cancelling: boolean; onCancel: () => void }) {
  const { done, total } = run.progress;
  if (run.running) {
    const pct = percent(run);
    const text = total > 0 ? `${done.toLocaleString()} of ${count(total, 'contact', 'contacts')}` : 'Starting…';
    return (
      <div className="cos-run">
        <div
          className="cos-bar"
          role="progressbar"
          aria-label="Applying to existing contacts"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={pct}
          aria-valuetext={text}
        >
          <div className="cos-bar-fill" style={{ width: `${pct}%` }} />
        </div>
        <div className="cos-run-line">
          <span className="muted cos-run-text" aria-live="polite">
            <LoaderCircle className="spin" size={14} aria-hidden /> Applying to existing contacts: {text}
          </span>
          <button type="button" className="button small" disabled={cancelling} onClick={onCancel}>
            {cancelling ? 'Cancelling…' : 'Cancel'}
          </button>
        </div>
      </div>
    );
  }
  const heading = run.error
    ? 'Applying to existing contacts failed'
    : run.canceled
      ? `Canceled after ${done.toLocaleString()} of ${count(total, 'contact', 'contacts')}; what was done is kept`
      : `Applied to ${count(run.result.contacts, 'existing contact', 'existing contacts')}`;
  return (
    <div className="cos-run" role="status">
      <p className={run.error ? 'field-error cos-run-heading' : 'cos-run-heading'}>{heading}</p>
      {run.error && <p className="field-error">{run.error}</p>}
      <ul className="cos-result">
        {resultLines(run.result).map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
    </div>
  );
}
