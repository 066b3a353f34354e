import { backend, type ObjectDef } from '../../../api/backend';
import { ConfirmDialog } from '../../../components/ConfirmDialog';

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
  const what = countLabel(object, ids.length);
  return (
    <ConfirmDialog
      open={open}
      onOpenChange={onOpenChange}
      title={`Delete ${what}?`}
      confirmLabel={`Delete ${what}`}
      busyLabel="Deleting…"
      danger
      onConfirm={async () => {
        try {
          await deleteInChunks(ids);
        } finally {
          onDeleted(); // on failure too: some chunks may have gone, so refresh what is shown
        }
      }}
    >
      <p>
        {ids.length === 1 ? 'It moves' : `${what[0].toUpperCase()}${what.slice(1)} move`} to the recycle bin, where you can restore{' '}
        {ids.length === 1 ? 'it' : 'them'} for 90 days.
      </p>
    </ConfirmDialog>
  );
}
