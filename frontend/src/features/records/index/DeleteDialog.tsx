import * as Dialog from '@radix-ui/react-dialog';
import { useState } from 'react';
import { backend, type ObjectDef } from '../../../api/backend';
import { toAppError } from '../../../api/errors';

// maxDelete is the most IDs one backend call accepts.
export const maxDelete = 500;

// deleteInChunks moves records to the recycle bin, at most maxDelete per call.
export async function deleteInChunks(ids: string[]): Promise<number> {
  let n = 0;
  for (let i = 0; i < ids.length; i += maxDelete) n += await backend.deleteRecords(ids.slice(i, i + maxDelete));
  return n;
}

export function countLabel(object: ObjectDef, n: number): string {
  return `${n.toLocaleString()} ${(n === 1 ? object.singular : object.plural).toLowerCase()}`;
}

// DeleteDialog confirms moving the selected records to the recycle bin.
export function DeleteDialog({
  object,
  ids,
  open,
  onOpenChange,
  onDeleted,
}: {
  object: ObjectDef;
  ids: string[];
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onDeleted: () => void;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const what = countLabel(object, ids.length);

  const confirm = async () => {
    setBusy(true);
    setError('');
    try {
      await deleteInChunks(ids);
      onDeleted();
      onOpenChange(false);
    } catch (err) {
      setError(toAppError(err).message);
      onDeleted(); // some chunks may have gone: refresh what is shown
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog.Root
      open={open}
      onOpenChange={(o) => {
        if (!busy) {
          setError('');
          onOpenChange(o);
        }
      }}
    >
      <Dialog.Portal>
        <Dialog.Overlay className="idx-overlay" />
        <Dialog.Content className="idx-dialog idx-dialog-small" role="alertdialog">
          <Dialog.Title className="idx-dialog-title">Delete {what}?</Dialog.Title>
          <Dialog.Description>
            {ids.length === 1 ? 'It moves' : `${what[0].toUpperCase()}${what.slice(1)} move`} to the recycle bin, where you can restore{' '}
            {ids.length === 1 ? 'it' : 'them'} for 90 days.
          </Dialog.Description>
          {error && (
            <p className="field-error" role="alert">
              {error}
            </p>
          )}
          <div className="idx-form-actions">
            <Dialog.Close asChild>
              <button type="button" className="button" disabled={busy}>
                Cancel
              </button>
            </Dialog.Close>
            <button type="button" className="button danger" disabled={busy} onClick={() => void confirm()}>
              {busy ? 'Deleting…' : `Delete ${what}`}
            </button>
          </div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
