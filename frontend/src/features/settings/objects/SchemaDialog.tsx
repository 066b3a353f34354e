import * as Dialog from '@radix-ui/react-dialog';
import { X } from 'lucide-react';
import type { ReactNode } from 'react';

// SchemaDialog is the frame every dialog of this page shares: a title, an
// optional description, the body and a close button; Escape closes it and
// the focus stays inside while it is open.
export function SchemaDialog({
  open,
  onOpenChange,
  title,
  description,
  children,
  role,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  description?: string;
  children: ReactNode;
  role?: 'dialog' | 'alertdialog';
}) {
  return (
    <Dialog.Root open={open} onOpenChange={onOpenChange}>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content className="dialog" role={role ?? 'dialog'} {...(description ? {} : { 'aria-describedby': undefined })}>
          <div className="schema-dialog-header">
            <Dialog.Title>{title}</Dialog.Title>
            <Dialog.Close className="icon-button" aria-label="Close">
              <X size={16} aria-hidden />
            </Dialog.Close>
          </div>
          {description && <Dialog.Description className="muted">{description}</Dialog.Description>}
          {children}
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

// FormFooter ends a form of this page: the error that belongs to no field,
// then Cancel and the submit button (disabled while the change runs).
export function FormFooter({ error, busy, submitLabel, onCancel }: { error?: string; busy: boolean; submitLabel: string; onCancel: () => void }) {
  return (
    <>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <div className="form-actions">
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="button primary" disabled={busy}>
          {submitLabel}
        </button>
      </div>
    </>
  );
}

// FieldError is the message under the field it is about.
export function FieldError({ id, message }: { id: string; message?: string }) {
  if (!message) return null;
  return (
    <p id={id} className="field-error schema-field-error" role="alert">
      {message}
    </p>
  );
}
