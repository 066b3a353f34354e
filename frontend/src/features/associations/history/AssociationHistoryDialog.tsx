import * as Dialog from '@radix-ui/react-dialog';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { Check, History, Link2, LoaderCircle, X } from 'lucide-react';
import { useEffect, useId, useRef, useState } from 'react';
import { associationsKey, backend, BuiltInObject, type AssociationEvent, type ObjectDef, type RecordData } from '../../../api/backend';
import { toAppError } from '../../../api/errors';
import { queryState } from '../../../components/QueryState';
import { isActivity } from '../../records/objects';
import { RouteLink } from '../../records/record/RecordPage';
import { useObjects } from '../../records/useObjects';
import { recordLink } from '../../links/links';
import type { Route } from '../../shell/navigation';
import { describeChange, eventKey, fetchHistoryPage, sourceOf } from './describe';
import './history.css';

export const associationHistoryKey = (record: string, object: string) => [...associationsKey, 'history', record, object];
export const pairHistoryKey = (record: string, other: string) => [...associationsKey, 'pair-history', record, other];

// The objects whose records offer "View association history": the four
// built-in ones, not custom objects.
export const historyObjects: string[] = [BuiltInObject.Contacts, BuiltInObject.Companies, BuiltInObject.Deals, BuiltInObject.Tickets];

// AssociationHistoryDialog is "Actions → View association history": a
// record's association changes with one object (or all), newest first,
// with where each came from; "View history" on a row shows every change of
// that one association.
export function AssociationHistoryDialog({
  object,
  record,
  navigate,
  onClose,
}: {
  object: ObjectDef;
  record: RecordData;
  navigate: (r: Route) => void;
  onClose: () => void;
}) {
  const objects = useObjects();
  const [filter, setFilter] = useState('');
  const [pair, setPair] = useState<AssociationEvent | null>(null);
  const pairOpener = useRef<HTMLElement | null>(null); // focused again when the pair's history closes
  const selectId = useId();
  const recordName = record.displayName || `Unnamed ${object.singular.toLowerCase()}`;
  const chosen = objects.data?.find((o) => o.id === filter);
  // A record's notes, calls, emails, meetings and tasks are associations too.
  const activities = (objects.data ?? []).filter(isActivity);

  const history = useInfiniteQuery({
    queryKey: associationHistoryKey(record.id, filter),
    queryFn: ({ pageParam }) => fetchHistoryPage((limit, before) => backend.associationHistory(record.id, filter, limit, before), pageParam),
    initialPageParam: '',
    getNextPageParam: (last) => last.next ?? undefined,
  });
  const events = history.data?.pages.flatMap((p) => p.events) ?? [];
  const olderError = history.isFetchNextPageError ? toAppError(history.error).message : '';

  // Following a name leaves the dialog for that record.
  const go = (r: Route) => {
    onClose();
    navigate(r);
  };
  const objectOf = (id: string) => objects.data?.find((o) => o.id === id);

  let body = queryState(history, 'Loading history…', 'ah-status');
  if (!body && events.length === 0) {
    body = (
      <div className="ah-empty" role="status">
        <History className="empty-icon" size={32} strokeWidth={1.5} aria-hidden />
        <p>
          {chosen
            ? `No changes to ${recordName}'s associations with ${chosen.plural.toLowerCase()} yet.`
            : `No changes to ${recordName}'s associations yet.`}
        </p>
        <p className="muted">Associating, labelling, setting a primary, deleting, restoring and merging records all show here.</p>
      </div>
    );
  } else if (!body) {
    body = (
      <>
        <div className="ah-table-wrap">
          <table className="ah-table" aria-label="Association history">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Record ID</th>
                <th scope="col">Change</th>
                <th scope="col">Date and time</th>
                <th scope="col">Source</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {events.map((e, i) => {
                const other = objectOf(e.object || filter);
                return (
                  <tr key={eventKey(e, i)}>
                    <td className="ah-name">
                      <EventName event={e} object={other} showObject={!filter} navigate={go} />
                    </td>
                    <td className="ah-id mono">{e.record}</td>
                    <td className="ah-change">{describeChange(e)}</td>
                    <td className="ah-time">
                      <EventTime time={e.time} />
                    </td>
                    <td className="ah-source">
                      <Source event={e} />
                    </td>
                    <td className="ah-actions">
                      <CopyLink object={other?.id ?? ''} id={e.record} name={e.name || 'this record'} />
                      <button
                        type="button"
                        className="button small"
                        aria-label={`View history with ${e.name || 'this record'}`}
                        onClick={(ev) => {
                          pairOpener.current = ev.currentTarget;
                          setPair(e);
                        }}
                      >
                        View history
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        {history.hasNextPage && (
          <div className="ah-more">
            <button type="button" className="button small" onClick={() => void history.fetchNextPage()} disabled={history.isFetchingNextPage}>
              {history.isFetchingNextPage && <LoaderCircle className="spin" size={12} aria-hidden />}
              {history.isFetchingNextPage ? 'Loading…' : 'Load older'}
            </button>
          </div>
        )}
        {olderError && (
          <p className="field-error" role="alert">
            {olderError}
          </p>
        )}
      </>
    );
  }

  return (
    <Dialog.Root open onOpenChange={(open) => !open && onClose()}>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content
          className="dialog ah-dialog"
          onOpenAutoFocus={(e) => {
            // The object choice, not the Close button, even when a menu opened us.
            e.preventDefault();
            document.getElementById(selectId)?.focus();
          }}
        >
          <header className="ah-head">
            <div>
              <Dialog.Title className="ah-title">Association history</Dialog.Title>
              <Dialog.Description className="muted ah-subtitle">Every change to {recordName}'s associations, newest first.</Dialog.Description>
            </div>
            <Dialog.Close asChild>
              <button type="button" className="icon-button" aria-label="Close">
                <X size={16} aria-hidden />
              </button>
            </Dialog.Close>
          </header>
          <div className="ah-toolbar">
            <label htmlFor={selectId}>Associated with</label>
            <select id={selectId} className="field-input ah-select" value={filter} onChange={(e) => setFilter(e.target.value)}>
              <option value="">All objects</option>
              {(objects.data ?? []).filter((o) => !isActivity(o)).map(option)}
              {activities.length > 0 && <optgroup label="Activities">{activities.map(option)}</optgroup>}
            </select>
            {history.isFetching && !history.isPending && !history.isFetchingNextPage && (
              <LoaderCircle className="spin muted" size={14} aria-label="Refreshing" />
            )}
          </div>
          {body}
          {pair && (
            <PairHistoryDialog
              record={record}
              recordName={recordName}
              event={pair}
              other={objectOf(pair.object || filter)}
              onClose={() => {
                setPair(null);
                requestAnimationFrame(() => pairOpener.current?.focus());
              }}
            />
          )}
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

// PairHistoryDialog shows every change of one association, newest first.
function PairHistoryDialog({
  record,
  recordName,
  event,
  other,
  onClose,
}: {
  record: RecordData;
  recordName: string;
  event: AssociationEvent;
  other: ObjectDef | undefined;
  onClose: () => void;
}) {
  const history = useQuery({
    queryKey: pairHistoryKey(record.id, event.record),
    // The backend finds the changes even when the other record is gone.
    queryFn: async () => (await backend.pairHistory(record.id, event.record)) ?? [],
  });
  const otherName = event.name || (other ? `a deleted ${other.singular.toLowerCase()}` : 'a deleted record');
  const changes = history.data ?? [];
  let body = queryState(history, 'Loading history…', 'ah-status');
  if (!body && changes.length === 0) {
    body = <p className="muted">No changes recorded for this association.</p>;
  } else if (!body) {
    body = (
      <div className="ah-table-wrap">
        <table className="ah-table" aria-label="Changes of this association">
          <thead>
            <tr>
              <th scope="col">Change</th>
              <th scope="col">Date and time</th>
              <th scope="col">Source</th>
            </tr>
          </thead>
          <tbody>
            {changes.map((e, i) => (
              <tr key={eventKey(e, i)}>
                <td className="ah-change">{describeChange(e)}</td>
                <td className="ah-time">
                  <EventTime time={e.time} />
                </td>
                <td className="ah-source">
                  <Source event={e} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    );
  }
  return (
    <Dialog.Root open onOpenChange={(open) => !open && onClose()}>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay ah-pair-overlay" />
        <Dialog.Content className="dialog ah-pair-dialog">
          <header className="ah-head">
            <div>
              <Dialog.Title className="ah-title">
                {recordName} and {otherName}
              </Dialog.Title>
              <Dialog.Description className="muted ah-subtitle">Every change of this association, newest first.</Dialog.Description>
            </div>
            <Dialog.Close asChild>
              <button type="button" className="icon-button" aria-label="Close">
                <X size={16} aria-hidden />
              </button>
            </Dialog.Close>
          </header>
          <p className="muted ah-pair-id">
            Record ID <span className="mono">{event.record}</span>
          </p>
          {body}
          <div className="form-actions">
            <Dialog.Close asChild>
              <button type="button" className="button">
                Back to all changes
              </button>
            </Dialog.Close>
          </div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

function EventName({
  event,
  object,
  showObject,
  navigate,
}: {
  event: AssociationEvent;
  object: ObjectDef | undefined;
  showObject: boolean;
  navigate: (r: Route) => void;
}) {
  const kind = showObject && object ? <span className="muted ah-kind">{object.singular}</span> : null;
  if (!event.name || !object) {
    return (
      <>
        <span className="muted ah-deleted">Deleted record</span>
        {kind}
      </>
    );
  }
  return (
    <>
      <RouteLink to={{ page: 'record', object: object.id, id: event.record }} navigate={navigate} className="ah-link">
        {event.name}
      </RouteLink>
      {kind}
    </>
  );
}

const option = (o: ObjectDef) => (
  <option key={o.id} value={o.id}>
    {o.plural}
  </option>
);

// Changes often come seconds apart: the time shows the seconds.
const timeFmt = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

function EventTime({ time }: { time: string }) {
  const d = new Date(time);
  return <time dateTime={time}>{Number.isNaN(d.getTime()) ? time : timeFmt.format(d)}</time>;
}

function Source({ event }: { event: AssociationEvent }) {
  const { source, who } = sourceOf(event);
  return (
    <>
      <span className={`ah-source-kind${source === 'User' ? ' user' : ''}`}>{source}</span>
      {who && (
        <>
          {' '}
          <span className="ah-who">{who}</span>
        </>
      )}
      {event.note && <span className="ah-note">{event.note}</span>}
    </>
  );
}

// CopyLink puts a fieldbook:// link to the record on the clipboard, says
// so, and shows the link to copy by hand when the clipboard refuses.
function CopyLink({ object, id, name }: { object: string; id: string; name: string }) {
  const [copied, setCopied] = useState<'ok' | 'failed' | null>(null);
  useEffect(() => {
    if (copied !== 'ok') return;
    const t = setTimeout(() => setCopied(null), 2000);
    return () => clearTimeout(t);
  }, [copied]);
  if (!object) return null; // an erased record of an unknown object has no link
  const link = recordLink(object, id);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(link);
      setCopied('ok');
    } catch {
      setCopied('failed');
    }
  };
  return (
    <span className="ah-copy">
      <button type="button" className="button small" aria-label={copied === 'ok' ? 'Copied' : `Copy link to ${name}`} onClick={() => void copy()}>
        {copied === 'ok' ? <Check size={12} aria-hidden /> : <Link2 size={12} aria-hidden />}
        {copied === 'ok' ? 'Copied' : 'Copy link'}
      </button>
      <span className="visually-hidden" role="status">
        {copied === 'ok' ? 'Link copied' : ''}
      </span>
      {copied === 'failed' && (
        <span className="field-error ah-copy-failed" role="alert">
          Could not copy. The link is <span className="mono">{link}</span>
        </span>
      )}
    </span>
  );
}
