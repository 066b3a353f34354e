import { SchemaDialog } from './SchemaDialog';
import { useSchemaChange } from './useSchemaChange';

// ConfirmDialog asks before a destructive schema change; when the backend
// refuses (records left, name property…) it says why in place.
export function ConfirmDialog({
  title,
  description,
  confirm,
  action,
  onClose,
  onDone,
}: {
  title: string;
  description: string;
  confirm: string;
  action: () => Promise<unknown>;
  onClose: () => void;
  onDone: () => void;
}) {
  const run = useSchemaChange(action);
  return (
    <SchemaDialog open role="alertdialog" onOpenChange={(open) => !open && onClose()} title={title} description={description}>
      {run.error && (
        <p className="field-error" role="alert">
          {run.error.message}
        </p>
      )}
      <div className="schema-actions">
        <button type="button" className="button" onClick={onClose} autoFocus>
          Cancel
        </button>
        <button type="button" className="button danger" disabled={run.isPending} onClick={() => run.mutate(undefined, { onSuccess: onDone })}>
          {confirm}
        </button>
      </div>
    </SchemaDialog>
  );
}
