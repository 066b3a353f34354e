import * as Dialog from '@radix-ui/react-dialog';
import { LoaderCircle } from 'lucide-react';
import { useCallback, useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { backend, onSecondInstance } from '../../api/backend';
import { toAppError } from '../../api/errors';
import type { Route } from '../shell/navigation';
import { parseLink } from './links';
import './OpenLinkDialog.css';

const isMac = typeof navigator !== 'undefined' && /Mac/i.test(navigator.platform);
export const openLinkShortcut = isMac ? '⌘L' : 'Ctrl+L';

export const notALinkMessage = 'This is not a Fieldbook link. A link looks like fieldbook://contacts/ followed by a record ID; “Copy link” gives one.';

// isOpenLinkKey: Ctrl/Cmd+L, the page's own shortcut for "Open link" (the
// native menu has the same accelerator).
export function isOpenLinkKey(e: KeyboardEvent): boolean {
  return (e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 'l';
}

// resolveLink turns pasted text into the record page it names, or the
// message to show: not a link, or the backend's (no such record…). The
// record's own object and ID win over the link's: a merged record's link
// opens the record it was merged into.
export async function resolveLink(text: string): Promise<{ route: Route } | { error: string }> {
  const link = parseLink(text);
  if (!link) return { error: notALinkMessage };
  try {
    const record = await backend.getRecord(link.id);
    return { route: { page: 'record', object: record.object, id: record.id } };
  } catch (err) {
    return { error: toAppError(err).message };
  }
}

// A prompt is the dialog's content when it opens: empty for Ctrl/Cmd+L, or a
// link from outside (launch, second launch) that could not be opened, with why.
export interface LinkPrompt {
  text: string;
  error: string;
  seq: number; // a new prompt resets the dialog's field
}

let promptSeq = 0;
const newPrompt = (text = '', error = ''): LinkPrompt => ({ text, error, seq: ++promptSeq });

// The window remembers the ID of the last link handed to it by the Go side
// (Shell.PendingLink), so a reload or a late event does not open it twice.
const openedKey = 'fieldbook.openedLink';
let openedInMemory = '';

function claimLink(id: number): boolean {
  let opened = openedInMemory;
  try {
    opened = window.sessionStorage.getItem(openedKey) ?? opened;
  } catch {
    // no session storage: memory is enough within one page
  }
  if (!id || String(id) === opened) return false;
  openedInMemory = String(id);
  try {
    window.sessionStorage.setItem(openedKey, openedInMemory);
  } catch {
    // as above
  }
  return true;
}

// useOpenLink is the "Open link" command: show() opens the dialog; a link
// Fieldbook was launched with, or that a second launch handed over, opens
// its record directly, or the dialog with the link and the reason.
export function useOpenLink(navigate: (r: Route) => void) {
  const [prompt, setPrompt] = useState<LinkPrompt | null>(null);

  const show = useCallback(() => setPrompt((p) => p ?? newPrompt()), []);
  const close = useCallback(() => setPrompt(null), []);

  const openFromOutside = useCallback(
    async (text: string) => {
      const outcome = await resolveLink(text);
      if ('route' in outcome) {
        setPrompt(null);
        navigate(outcome.route);
      } else {
        setPrompt(newPrompt(text, outcome.error));
      }
    },
    [navigate],
  );

  useEffect(() => {
    let live = true;
    const check = async () => {
      let pending: { id: number; link: string };
      try {
        pending = await backend.pendingLink();
      } catch {
        return; // nothing to open
      }
      if (live && pending?.link && claimLink(pending.id)) await openFromOutside(pending.link);
    };
    void check(); // the launch link, or one handed over while the UI started
    const off = onSecondInstance(() => void check());
    return () => {
      live = false;
      off();
    };
  }, [openFromOutside]);

  return { prompt, show, close };
}

// OpenLinkDialog: one field to paste a link into; Enter opens the record,
// Escape closes. A link that cannot be opened stays in the field with why.
export function OpenLinkDialog({ prompt, onClose, navigate }: { prompt: LinkPrompt | null; onClose: () => void; navigate: (r: Route) => void }) {
  return (
    <Dialog.Root open={prompt !== null} onOpenChange={(open) => !open && onClose()}>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content className="dialog open-link-dialog">
          <Dialog.Title className="open-link-title">Open link</Dialog.Title>
          {prompt && <OpenLinkForm key={prompt.seq} prompt={prompt} onClose={onClose} navigate={navigate} />}
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

function OpenLinkForm({ prompt, onClose, navigate }: { prompt: LinkPrompt; onClose: () => void; navigate: (r: Route) => void }) {
  const [text, setText] = useState(prompt.text);
  const [error, setError] = useState(prompt.error);
  const [busy, setBusy] = useState(false);
  const inputId = useId();
  const errorId = `${inputId}-error`;
  const closed = useRef(false); // Escape while the record is looked up: stay put
  useEffect(() => {
    closed.current = false;
    return () => {
      closed.current = true;
    };
  }, []);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setError('');
    const outcome = await resolveLink(text);
    if (closed.current) return;
    setBusy(false);
    if ('route' in outcome) {
      onClose();
      navigate(outcome.route);
    } else {
      setError(outcome.error);
    }
  };

  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-busy={busy || undefined}>
      <Dialog.Description className="open-link-hint">Opens the record a copied link names. Shortcut: {openLinkShortcut}.</Dialog.Description>
      <label className="open-link-label" htmlFor={inputId}>
        Paste a Fieldbook link
      </label>
      <input
        id={inputId}
        className="field-input open-link-input"
        type="text"
        autoFocus
        onFocus={(e) => e.currentTarget.select()}
        autoComplete="off"
        spellCheck={false}
        placeholder="fieldbook://contacts/…"
        value={text}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        onChange={(e) => {
          setText(e.target.value);
          setError('');
        }}
      />
      {error && (
        <p id={errorId} className="field-error open-link-error" role="alert">
          {error}
        </p>
      )}
      <div className="form-actions">
        <Dialog.Close asChild>
          <button type="button" className="button">
            Cancel
          </button>
        </Dialog.Close>
        <button type="submit" className="button primary" disabled={busy || text.trim() === ''}>
          {busy && <LoaderCircle className="spin" size={14} aria-hidden />}
          Open
        </button>
      </div>
    </form>
  );
}
