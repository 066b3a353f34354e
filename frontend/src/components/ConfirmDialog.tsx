import * as Dialog from '@radix-ui/react-dialog';
import { LoaderCircle } from 'lucide-react';
import { useState, type ReactNode } from 'react';
import { toAppError } from '../api/errors';
import './ConfirmDialog.css';

export interface ConfirmDialogProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  children: ReactNode; // the explanation
  confirmLabel: string;
  busyLabel?: string; // shown on the confirm button while it works
  danger?: boolean;
  role?: 'dialog' | 'alertdialog';
  // onConfirm does the work; the dialog stays open with the error if it fails.
  onConfirm: () => Promise<unknown>;
}

// ConfirmDialog asks before a destructive action, shows progress while the
// action runs and the backend's message next to the buttons when it fails.
// While the action runs it cannot be closed.
export function ConfirmDialog({
  open,
  onOpenChange,
  title,
  children,
  confirmLabel,
  busyLabel,
  danger,
  role = 'alertdialog',
  onConfirm,
}: ConfirmDialogProps) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const change = (next: boolean) => {
    if (busy) return;
    if (!next) setError(null);
    onOpenChange(next);
  };

  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      await onConfirm();
      setBusy(false);
      onOpenChange(false);
    } catch (err) {
      setBusy(false);
      setError(toAppError(err).message);
    }
  };

  return (
    <Dialog.Root open={open} onOpenChange={change}>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content className="dialog confirm-dialog" role={role} aria-busy={busy || undefined}>
          <Dialog.Title className="confirm-dialog-title">{title}</Dialog.Title>
          <Dialog.Description asChild>
            <div className="confirm-dialog-description">{children}</div>
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
            <button type="button" className={danger ? 'button danger' : 'button primary'} onClick={() => void confirm()} disabled={busy}>
              {busy && <LoaderCircle className="spin" size={14} aria-hidden />}
              {busy ? (busyLabel ?? confirmLabel) : confirmLabel}
            </button>
          </div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
