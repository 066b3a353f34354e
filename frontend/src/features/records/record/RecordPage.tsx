import * as DropdownMenu from '@radix-ui/react-dropdown-menu';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Check, ChevronDown, ChevronLeft, Copy, GitMerge, History as HistoryIcon, LoaderCircle, RotateCcw, Trash2, TriangleAlert } from 'lucide-react';
import { useEffect, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import { associationsKey, backend, BuiltInObject, ErrorCode, type ObjectDef, type PropValue, type RecordData } from '../../../api/backend';
import { toAppError } from '../../../api/errors';
import { queryState } from '../../../components/QueryState';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { ActivityRecordsCard } from '../../activities/ActivityRecordsCard';
import { Timeline } from '../../activities/Timeline';
import { AssociationCards } from '../../associations/AssociationCards';
import { AssociationHistoryDialog, historyObjects } from '../../associations/history/AssociationHistoryDialog';
import { routeHash, type Route } from '../../shell/navigation';
import { formatTimestamp } from '../fields/format';
import { MergeDialog } from '../merge/MergeDialog';
import { isActivity } from '../objects';
import { actorName, describeChanges } from './history';
import { PropertyRow } from './PropertyRow';
import './record.css';

export const recordKey = (object: string, id: string) => ['records', object, 'record', id];
export const historyKey = (object: string, id: string) => ['records', object, 'history', id];

// RecordPage shows one record in three columns: its properties (edited in
// place), its activities, overview and history, and its associations.
export function RecordPage({ object, id, navigate }: { object: ObjectDef; id: string; navigate: (r: Route) => void }) {
  const record = useQuery({ queryKey: recordKey(object.id, id), queryFn: () => backend.getRecord(id), retry: false });
  const indexRoute: Route = { page: 'index', object: object.id };

  if (record.isPending) {
    return (
      <div className="page record-page" aria-busy="true">
        <Breadcrumb object={object} navigate={navigate} />
        <p className="record-loading muted" role="status">
          <LoaderCircle className="spin" size={14} aria-hidden /> Loading…
        </p>
      </div>
    );
  }
  if (record.error) {
    const err = toAppError(record.error);
    return (
      <div className="page record-page">
        <Breadcrumb object={object} navigate={navigate} />
        <div className="empty-state" role="alert">
          <TriangleAlert className="record-problem-icon" size={36} strokeWidth={1.5} aria-hidden />
          <h2>
            {err.code === ErrorCode.NotFound
              ? `This ${object.singular.toLowerCase()} could not be found`
              : `This ${object.singular.toLowerCase()} could not be opened`}
          </h2>
          <p>{err.message}</p>
          <p>
            <RouteLink to={indexRoute} navigate={navigate}>
              Back to {object.plural}
            </RouteLink>
          </p>
        </div>
      </div>
    );
  }
  return <RecordView object={object} record={record.data} navigate={navigate} />;
}

function RecordView({ object, record, navigate }: { object: ObjectDef; record: RecordData; navigate: (r: Route) => void }) {
  const client = useQueryClient();
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [dialog, setDialog] = useState<'history' | 'merge' | null>(null);
  const actionsButton = useRef<HTMLButtonElement>(null);
  const deleted = !!record.deletedAt;
  const singular = object.singular.toLowerCase();
  const name = record.displayName || `Unnamed ${singular}`;

  const refresh = () => client.invalidateQueries({ queryKey: ['records', object.id] });
  const closeDialog = () => {
    setDialog(null);
    requestAnimationFrame(() => actionsButton.current?.focus());
  };

  const save = async (property: string, value: PropValue) => {
    const updated = await backend.updateRecord(record.id, { [property]: value });
    client.setQueryData(recordKey(object.id, record.id), updated);
    void refresh();
    // A contact's new email may get it a company (companies by domain) or
    // change the company suggested on its Companies card.
    if (object.id === BuiltInObject.Contacts) void client.invalidateQueries({ queryKey: associationsKey });
    return updated;
  };

  // Deleting and restoring change associations on other records too.
  const restore = useMutation({
    mutationFn: () => backend.restoreRecords([record.id]),
    onSuccess: () => Promise.all([refresh(), client.invalidateQueries({ queryKey: associationsKey })]),
  });

  const remove = async () => {
    await backend.deleteRecords([record.id]);
    await client.invalidateQueries({ queryKey: associationsKey });
    await client.invalidateQueries({ queryKey: ['records', object.id], refetchType: 'none' });
    navigate({ page: 'index', object: object.id });
  };

  return (
    <div className="page record-page">
      <Breadcrumb object={object} navigate={navigate} />
      {deleted && (
        <div className="record-banner" role="status">
          <Trash2 size={16} aria-hidden />
          <div className="record-banner-text">
            <strong>This {singular} is in the recycle bin</strong>
            <span className="muted">
              Deleted {formatTimestamp(record.deletedAt!)}. Restore it to edit it; otherwise it is deleted permanently after 90 days.{' '}
              <RouteLink to={{ page: 'bin', object: object.id }} navigate={navigate}>
                Open the recycle bin
              </RouteLink>
            </span>
            {restore.error && (
              <span className="field-error" role="alert">
                {toAppError(restore.error).message}
              </span>
            )}
          </div>
          <button type="button" className="button primary" onClick={() => restore.mutate()} disabled={restore.isPending}>
            {restore.isPending ? <LoaderCircle className="spin" size={14} aria-hidden /> : <RotateCcw size={14} aria-hidden />}
            {restore.isPending ? 'Restoring…' : 'Restore'}
          </button>
        </div>
      )}
      <div className="record-layout">
        <aside className="record-left" aria-label={`About this ${singular}`}>
          <div className="record-title">
            <h1>{name}</h1>
            {!deleted && (
              <DropdownMenu.Root>
                <DropdownMenu.Trigger asChild>
                  <button ref={actionsButton} type="button" className="button record-actions">
                    Actions <ChevronDown size={14} aria-hidden />
                  </button>
                </DropdownMenu.Trigger>
                <DropdownMenu.Portal>
                  <DropdownMenu.Content className="rec-menu" align="end" sideOffset={4}>
                    {historyObjects.includes(object.id) && (
                      <DropdownMenu.Item className="rec-menu-item" onSelect={() => setDialog('history')}>
                        <HistoryIcon size={14} aria-hidden /> View association history
                      </DropdownMenu.Item>
                    )}
                    {!isActivity(object) && (
                      <DropdownMenu.Item className="rec-menu-item" onSelect={() => setDialog('merge')}>
                        <GitMerge size={14} aria-hidden /> Merge…
                      </DropdownMenu.Item>
                    )}
                    <DropdownMenu.Item className="rec-menu-item danger" onSelect={() => setConfirmDelete(true)}>
                      <Trash2 size={14} aria-hidden /> Delete
                    </DropdownMenu.Item>
                  </DropdownMenu.Content>
                </DropdownMenu.Portal>
              </DropdownMenu.Root>
            )}
          </div>
          <RecordId id={record.id} />
          <div className="record-props" role="group" aria-label="Properties">
            {object.properties.map((p) => (
              <PropertyRow key={p.name} property={p} value={record.props[p.name]} readOnly={deleted} onSave={save} />
            ))}
            {object.properties.length === 0 && <p className="muted">This object has no properties yet.</p>}
          </div>
        </aside>
        <section className="record-middle" aria-label="Activities, overview and history">
          <RecordTabs object={object} record={record} />
        </section>
        <aside className="record-right" aria-labelledby="associations-heading">
          {isActivity(object) ? (
            <ActivityRecordsCard record={record} navigate={navigate} />
          ) : (
            <AssociationCards object={object} record={record} navigate={navigate} />
          )}
        </aside>
      </div>
      <ConfirmDialog
        open={confirmDelete}
        onOpenChange={(open) => {
          setConfirmDelete(open);
          if (!open) requestAnimationFrame(() => actionsButton.current?.focus());
        }}
        title={`Delete ${name}?`}
        confirmLabel="Delete"
        busyLabel="Deleting…"
        danger
        role="dialog"
        onConfirm={remove}
      >
        <p>This {singular} goes to the recycle bin. You can restore it from there for 90 days, after which it is deleted permanently.</p>
        <p>
          Its associations are removed, and restoring it brings them back.
          {object.id === BuiltInObject.Companies &&
            ' A contact whose primary company it is gets the other company it has been associated with longest as its primary, and keeps that one after a restore.'}
        </p>
      </ConfirmDialog>
      {dialog === 'history' && <AssociationHistoryDialog object={object} record={record} navigate={navigate} onClose={closeDialog} />}
      {dialog === 'merge' && <MergeDialog object={object} record={record} navigate={navigate} onClose={closeDialog} />}
    </div>
  );
}

function Breadcrumb({ object, navigate }: { object: ObjectDef; navigate: (r: Route) => void }) {
  return (
    <nav className="record-breadcrumb" aria-label="Breadcrumb">
      <RouteLink to={{ page: 'index', object: object.id }} navigate={navigate}>
        <ChevronLeft size={14} aria-hidden />
        {object.plural}
      </RouteLink>
    </nav>
  );
}

export function RouteLink({
  to,
  navigate,
  children,
  className,
}: {
  to: Route;
  navigate: (r: Route) => void;
  children: React.ReactNode;
  className?: string;
}) {
  const onClick = (e: MouseEvent<HTMLAnchorElement>) => {
    if (e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0) return;
    e.preventDefault();
    navigate(to);
  };
  return (
    <a href={routeHash(to)} onClick={onClick} className={className}>
      {children}
    </a>
  );
}

function RecordId({ id }: { id: string }) {
  const [copied, setCopied] = useState<'ok' | 'failed' | null>(null);
  useEffect(() => {
    if (!copied) return;
    const t = setTimeout(() => setCopied(null), 2000);
    return () => clearTimeout(t);
  }, [copied]);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(id);
      setCopied('ok');
    } catch {
      setCopied('failed');
    }
  };
  return (
    <div className="record-id">
      <span className="muted">Record ID</span>
      <span className="mono" data-testid="record-id">
        {id}
      </span>
      <button type="button" className="button small" onClick={() => void copy()}>
        {copied === 'ok' ? <Check size={12} aria-hidden /> : <Copy size={12} aria-hidden />}
        {copied === 'ok' ? 'Copied' : 'Copy ID'}
      </button>
      <span className="visually-hidden" role="status">
        {copied === 'ok' ? 'Record ID copied' : ''}
      </span>
      {copied === 'failed' && <span className="field-error">Could not copy. Select the ID and copy it by hand.</span>}
    </div>
  );
}

type Tab = 'activities' | 'overview' | 'history';
const allTabs: { id: Tab; label: string }[] = [
  { id: 'activities', label: 'Activities' },
  { id: 'overview', label: 'Overview' },
  { id: 'history', label: 'History' },
];

// An activity (a task's page) has no timeline of its own.
function RecordTabs({ object, record }: { object: ObjectDef; record: RecordData }) {
  const tabs = isActivity(object) ? allTabs.filter((t) => t.id !== 'activities') : allTabs;
  const [tab, setTab] = useState<Tab>(tabs[0].id);
  const refs = useRef<Record<Tab, HTMLButtonElement | null>>({ activities: null, overview: null, history: null });
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const i = tabs.findIndex((t) => t.id === tab);
    let next = -1;
    if (e.key === 'ArrowRight') next = (i + 1) % tabs.length;
    else if (e.key === 'ArrowLeft') next = (i - 1 + tabs.length) % tabs.length;
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = tabs.length - 1;
    if (next < 0) return;
    e.preventDefault();
    setTab(tabs[next].id);
    refs.current[tabs[next].id]?.focus();
  };
  return (
    <>
      <div className="tabs record-tabs" role="tablist" aria-label="Record sections" onKeyDown={onKeyDown}>
        {tabs.map((t) => (
          <button
            key={t.id}
            ref={(el) => {
              refs.current[t.id] = el;
            }}
            type="button"
            role="tab"
            id={`record-tab-${t.id}`}
            className="tab"
            aria-selected={tab === t.id}
            aria-controls={`record-panel-${t.id}`}
            tabIndex={tab === t.id ? 0 : -1}
            onClick={() => setTab(t.id)}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`record-panel-${tab}`} aria-labelledby={`record-tab-${tab}`} className="record-panel">
        {tab === 'activities' && <Timeline object={object} record={record} />}
        {tab === 'overview' && <Overview record={record} />}
        {tab === 'history' && <History object={object} id={record.id} />}
      </div>
    </>
  );
}

function who(actor: RecordData['createdBy']): string {
  return actor?.name || actor?.id || 'Unknown';
}

function Overview({ record }: { record: RecordData }) {
  return (
    <div className="record-card">
      <h2>Overview</h2>
      <dl className="facts">
        <dt>Created</dt>
        <dd>
          {formatTimestamp(record.createdAt)} <span className="muted">by</span> {who(record.createdBy)}
        </dd>
        <dt>Last updated</dt>
        <dd>
          {formatTimestamp(record.updatedAt)} <span className="muted">by</span> {who(record.updatedBy)}
        </dd>
        {record.deletedAt && (
          <>
            <dt>Deleted</dt>
            <dd>{formatTimestamp(record.deletedAt)}</dd>
          </>
        )}
      </dl>
    </div>
  );
}

function History({ object, id }: { object: ObjectDef; id: string }) {
  const history = useQuery({ queryKey: historyKey(object.id, id), queryFn: () => backend.recordHistory(id) });
  const state = queryState(history, 'Loading history…');
  if (state || !history.data) return state;
  if (history.data.length === 0) return <p className="muted">No changes recorded yet.</p>;
  return (
    <ol className="history" aria-label="History">
      {history.data.map((entry) => {
        const actor = actorName(entry);
        const showSource = !!entry.source && actor !== entry.source;
        return (
          <li key={entry.opId} className="history-entry">
            <div className="history-meta">
              <span className="history-actor">{actor}</span>
              {showSource && <span className="history-source">{entry.source}</span>}
              <time className="muted" dateTime={entry.time}>
                {formatTimestamp(entry.time)}
              </time>
            </div>
            <ul className="history-changes">
              {describeChanges(object, entry.changes).map((line, i) => (
                <li key={i}>{line}</li>
              ))}
            </ul>
          </li>
        );
      })}
    </ol>
  );
}
