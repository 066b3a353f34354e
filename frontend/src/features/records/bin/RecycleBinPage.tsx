import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ChevronLeft, LoaderCircle, RotateCcw, Trash2 } from 'lucide-react';
import { useEffect, useMemo, useRef, useState } from 'react';
import { associationsKey, backend, type ObjectDef } from '../../../api/backend';
import { toAppError } from '../../../api/errors';
import { queryState } from '../../../components/QueryState';
import type { Route } from '../../shell/navigation';
import { formatTimestamp } from '../fields/format';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { RouteLink } from '../record/RecordPage';
import '../record/record.css';
import './bin.css';

export const binKey = (object: string) => ['records', object, 'bin'];

const retentionMs = 90 * 24 * 60 * 60 * 1000;

function plural(n: number, object: ObjectDef): string {
  return `${n} ${(n === 1 ? object.singular : object.plural).toLowerCase()}`;
}

// RecycleBinPage lists an object's deleted records, most recently deleted
// first, to restore them or delete them for good.
export function RecycleBinPage({ object, navigate }: { object: ObjectDef; navigate: (r: Route) => void }) {
  const client = useQueryClient();
  const bin = useQuery({ queryKey: binKey(object.id), queryFn: () => backend.recycleBin(object.id) });
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [confirmPurge, setConfirmPurge] = useState(false);
  const [notice, setNotice] = useState('');
  const allBox = useRef<HTMLInputElement>(null);

  const records = useMemo(() => bin.data ?? [], [bin.data]);
  // Forget selected records that are no longer in the bin.
  const chosen = useMemo(() => records.filter((r) => selected.has(r.id)).map((r) => r.id), [records, selected]);
  const all = records.length > 0 && chosen.length === records.length;
  const some = chosen.length > 0 && !all;
  useEffect(() => {
    if (allBox.current) allBox.current.indeterminate = some;
  }, [some]);

  const done = async (message: string) => {
    setSelected(new Set());
    setNotice(message);
    await client.invalidateQueries({ queryKey: ['records', object.id] });
    await client.invalidateQueries({ queryKey: associationsKey }); // restored records bring theirs back
  };

  const restore = useMutation({
    mutationFn: (ids: string[]) => backend.restoreRecords(ids),
    onMutate: () => setNotice(''),
    onSuccess: (n) => done(`Restored ${plural(n, object)}.`),
  });

  const purge = async () => {
    const n = await backend.deleteRecordsPermanently(chosen);
    await done(`Deleted ${plural(n, object)} permanently.`);
  };

  const toggle = (id: string, on: boolean) => {
    setSelected((prev) => {
      const next = new Set(prev);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  };

  const busy = restore.isPending;
  const count = chosen.length;

  let body = queryState(bin, 'Loading…', 'bin-loading');
  if (!body && records.length === 0) {
    body = (
      <div className="empty-state" role="status">
        <Trash2 className="empty-icon" size={40} strokeWidth={1.5} aria-hidden />
        <h2>The recycle bin is empty</h2>
        <p>Deleted {object.plural.toLowerCase()} appear here for 90 days, so you can restore them.</p>
      </div>
    );
  } else if (!body) {
    body = (
      <>
        <div className="bin-toolbar" role="toolbar" aria-label="Selected records">
          <span className="muted bin-count" aria-live="polite">
            {count > 0 ? `${count} selected` : `${plural(records.length, object)}`}
          </span>
          <button type="button" className="button" disabled={count === 0 || busy} onClick={() => restore.mutate(chosen)}>
            {busy ? <LoaderCircle className="spin" size={14} aria-hidden /> : <RotateCcw size={14} aria-hidden />}
            {busy ? 'Restoring…' : 'Restore'}
          </button>
          <button type="button" className="button bin-purge" disabled={count === 0 || busy} onClick={() => setConfirmPurge(true)}>
            <Trash2 size={14} aria-hidden />
            Delete permanently
          </button>
        </div>
        {restore.error && (
          <p className="field-error" role="alert">
            {toAppError(restore.error).message}
          </p>
        )}
        <table className="bin-table">
          <thead>
            <tr>
              <th className="bin-check">
                <input
                  ref={allBox}
                  type="checkbox"
                  aria-label="Select all"
                  checked={all}
                  onChange={(e) => setSelected(e.target.checked ? new Set(records.map((r) => r.id)) : new Set())}
                />
              </th>
              <th scope="col">Name</th>
              <th scope="col">Deleted</th>
              <th scope="col">Deleted permanently after</th>
            </tr>
          </thead>
          <tbody>
            {records.map((r) => {
              const name = r.displayName || `Unnamed ${object.singular.toLowerCase()}`;
              const deletedAt = r.deletedAt ?? '';
              const expires = deletedAt ? new Date(new Date(deletedAt).getTime() + retentionMs).toISOString() : '';
              const isSelected = selected.has(r.id);
              return (
                <tr key={r.id} className={isSelected ? 'is-selected' : undefined}>
                  <td className="bin-check">
                    <input type="checkbox" aria-label={`Select ${name}`} checked={isSelected} onChange={(e) => toggle(r.id, e.target.checked)} />
                  </td>
                  <td className="bin-name">
                    <RouteLink to={{ page: 'record', object: object.id, id: r.id }} navigate={navigate}>
                      {name}
                    </RouteLink>
                  </td>
                  <td>{deletedAt && <time dateTime={deletedAt}>{formatTimestamp(deletedAt)}</time>}</td>
                  <td className="muted">{expires && <time dateTime={expires}>{formatTimestamp(expires)}</time>}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </>
    );
  }

  return (
    <div className="page bin-page">
      <nav className="record-breadcrumb" aria-label="Breadcrumb">
        <RouteLink to={{ page: 'index', object: object.id }} navigate={navigate}>
          <ChevronLeft size={14} aria-hidden />
          {object.plural}
        </RouteLink>
      </nav>
      <header className="page-header bin-header">
        <h1>Recycle bin</h1>
        <span className="muted">{object.plural}</span>
      </header>
      <div className="page-body">
        <p className="muted">Deleted records are kept for 90 days, then deleted permanently. Restore them to bring them back with their values.</p>
        <p className="bin-notice" role="status">
          {notice}
        </p>
        {body}
      </div>
      <ConfirmDialog
        open={confirmPurge}
        onOpenChange={setConfirmPurge}
        title={`Delete ${plural(count, object)} permanently?`}
        confirmLabel="Delete permanently"
        busyLabel="Deleting…"
        danger
        role="dialog"
        onConfirm={purge}
      >
        <p>
          This cannot be undone: the selected {count === 1 ? object.singular.toLowerCase() : object.plural.toLowerCase()} and their values are erased for
          good.
        </p>
      </ConfirmDialog>
    </div>
  );
}
