import * as DropdownMenu from '@radix-ui/react-dropdown-menu';
import { useQueryClient } from '@tanstack/react-query';
import { ChevronDown, LoaderCircle, Search, X } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import { activitiesKey, backend, ItemKind, type Activity, type ObjectDef, type RecordData } from '../../api/backend';
import { toAppError } from '../../api/errors';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { queryState } from '../../components/QueryState';
import { useDebounced } from '../../components/useDebounced';
import { isActivity, ObjectIcon } from '../records/objects';
import { useObjects } from '../records/useObjects';
import { ActivityItem, EventLine } from './ActivityItem';
import { Composer } from './Composer';
import { groupByMonth, logTitle } from './timeline';
import { useTimeline, useTimelineOverview, type TimelineFilters } from './useTimeline';
import './activities.css';

export const searchDebounceMs = 300;

// Timeline is the middle column of a record's page: buttons that open the
// composer for each activity type, filters, and the record's activities
// newest first by activity date, grouped by month, loaded page by page as
// the list's end scrolls into view.
export function Timeline({ object, record }: { object: ObjectDef; record: RecordData }) {
  const objects = useObjects();
  const client = useQueryClient();
  const [types, setTypes] = useState<string[]>([]);
  const [authors, setAuthors] = useState<string[]>([]);
  const [searchText, setSearchText] = useState('');
  const [changes, setChanges] = useState(false);
  const search = useDebounced(searchText.trim(), searchDebounceMs);
  const filters: TimelineFilters = { types, authors, search, changes };
  const timeline = useTimeline(record.id, filters);
  const overview = useTimelineOverview(record.id).data;
  const [composing, setComposing] = useState<ObjectDef | null>(null);
  const [confirming, setConfirming] = useState<Activity | null>(null);
  const [deleted, setDeleted] = useState<Activity | null>(null);
  const [undoError, setUndoError] = useState<string | null>(null);
  const openers = useRef<Record<string, HTMLButtonElement | null>>({});
  const readOnly = !!record.deletedAt;

  const activityTypes = (objects.data ?? []).filter(isActivity);
  const typeOf = (id: string) => activityTypes.find((t) => t.id === id);
  // An activity is on several timelines, and a task on the tasks page.
  const refresh = (type?: string) =>
    Promise.all([client.invalidateQueries({ queryKey: activitiesKey }), type ? client.invalidateQueries({ queryKey: ['records', type] }) : null]);

  const closeComposer = (type: ObjectDef) => {
    setComposing(null);
    requestAnimationFrame(() => openers.current[type.id]?.focus());
  };
  const remove = async (a: Activity) => {
    await backend.deleteActivity(a.id);
    setDeleted(a);
    setUndoError(null);
    await refresh(a.object);
  };
  const undo = async (a: Activity) => {
    try {
      await backend.restoreActivity(a.id);
      setDeleted(null);
      await refresh(a.object);
    } catch (err) {
      setUndoError(toAppError(err).message);
    }
  };

  const pages = timeline.data?.pages ?? [];
  const items = pages.flatMap((p) => p.items);
  const filtered = types.length > 0 || authors.length > 0 || search !== '' || changes;
  const singular = object.singular.toLowerCase();

  return (
    <div className="timeline">
      {!readOnly && (
        <div className="tl-log" role="group" aria-label="Log an activity">
          {activityTypes.map((t) => (
            <button
              key={t.id}
              ref={(el) => {
                openers.current[t.id] = el;
              }}
              type="button"
              className="button small tl-log-button"
              aria-pressed={composing?.id === t.id}
              title={logTitle(t)}
              onClick={() => setComposing(t)}
            >
              <ObjectIcon id={t.id} size={13} aria-hidden /> {t.singular}
            </button>
          ))}
        </div>
      )}
      {composing && (
        <Composer
          key={composing.id}
          type={composing}
          record={record}
          onCancel={() => closeComposer(composing)}
          onDone={() => {
            void refresh(composing.id);
            closeComposer(composing);
          }}
        />
      )}
      <div className="tl-filters">
        <CheckMenu
          label="Type"
          options={activityTypes.map((t) => ({ id: t.id, name: t.plural, count: overview?.types[t.id] ?? 0 }))}
          chosen={types}
          onChange={setTypes}
        />
        <CheckMenu
          label="User"
          options={(overview?.authors ?? []).map((a) => ({ id: a.id, name: a.name || a.id }))}
          chosen={authors}
          onChange={setAuthors}
        />
        <div className="tl-search">
          <Search size={13} aria-hidden />
          <input
            type="search"
            className="field-input"
            aria-label="Search activities"
            placeholder="Search activities"
            value={searchText}
            onChange={(e) => setSearchText(e.target.value)}
          />
        </div>
        <label className="tl-changes">
          <input type="checkbox" checked={changes} onChange={(e) => setChanges(e.target.checked)} />
          Show property and association changes
        </label>
      </div>
      {deleted && (
        <div className="tl-notice" role="status">
          <span>Activity deleted.</span>
          <button type="button" className="link-button" onClick={() => void undo(deleted)}>
            Undo
          </button>
          <button type="button" className="icon-button" aria-label="Dismiss" onClick={() => setDeleted(null)}>
            <X size={12} aria-hidden />
          </button>
          {undoError && (
            <span className="field-error" role="alert">
              {undoError}
            </span>
          )}
        </div>
      )}
      {queryState({ isPending: timeline.isPending || objects.isPending, error: timeline.error ?? objects.error }, 'Loading activities…', 'tl-status') ?? (
        <>
          {overview && (
            <p className="muted tl-count" aria-live="polite">
              {timeline.isPlaceholderData ? 'Updating…' : overview.total === 1 ? '1 activity' : `${overview.total} activities`}
            </p>
          )}
          {items.length === 0 ? (
            <p className="tl-empty muted">
              {filtered
                ? 'No activities match these filters.'
                : `No activities yet. Log a call, note or email to keep track of the work done with this ${singular}.`}
            </p>
          ) : (
            groupByMonth(items).map((g) => (
              <section key={g.key} className="tl-month" aria-label={g.label}>
                <h3 className="tl-month-head">{g.label}</h3>
                <ol className="tl-list">
                  {g.items.map((item, i) => {
                    const type = item.activity && typeOf(item.activity.object);
                    return (
                      <li key={item.activity?.id ?? `${item.kind}-${item.at}-${i}`}>
                        {item.kind === ItemKind.Activity && item.activity && type ? (
                          <ActivityItem
                            activity={item.activity}
                            type={type}
                            readOnly={readOnly}
                            onChanged={() => refresh(type.id)}
                            onDelete={setConfirming}
                          />
                        ) : (
                          <EventLine item={item} />
                        )}
                      </li>
                    );
                  })}
                </ol>
              </section>
            ))
          )}
          <MoreOnScroll
            more={timeline.hasNextPage}
            loading={timeline.isFetchingNextPage}
            pages={pages.length}
            onMore={() => void timeline.fetchNextPage({ cancelRefetch: false })}
          />
          {timeline.isFetchNextPageError && (
            <p className="field-error" role="alert">
              {toAppError(timeline.error).message}
            </p>
          )}
        </>
      )}
      <ConfirmDialog
        open={!!confirming}
        onOpenChange={(open) => !open && setConfirming(null)}
        title={`Delete this ${confirming ? (typeOf(confirming.object)?.singular.toLowerCase() ?? 'activity') : 'activity'}?`}
        confirmLabel="Delete"
        busyLabel="Deleting…"
        danger
        onConfirm={() => remove(confirming!)}
      >
        <p>It goes to the recycle bin and off every record's timeline. You can undo this right after, or restore it from the recycle bin for 90 days.</p>
      </ConfirmDialog>
    </div>
  );
}

// CheckMenu is a filter chosen from a menu of checkboxes; none ticked: all.
function CheckMenu({
  label,
  options,
  chosen,
  onChange,
}: {
  label: string;
  options: { id: string; name: string; count?: number }[];
  chosen: string[];
  onChange: (ids: string[]) => void;
}) {
  const summary = chosen.length === 0 ? 'All' : chosen.length === 1 ? (options.find((o) => o.id === chosen[0])?.name ?? '1') : `${chosen.length}`;
  return (
    <DropdownMenu.Root>
      <DropdownMenu.Trigger asChild>
        <button type="button" className="button small tl-filter">
          {label}: {summary} <ChevronDown size={12} aria-hidden />
        </button>
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content className="rec-menu" align="start" sideOffset={4} aria-label={`Filter by ${label.toLowerCase()}`}>
          {options.length === 0 && <p className="muted tl-menu-empty">Nobody has logged an activity here yet.</p>}
          {options.map((o) => (
            <DropdownMenu.CheckboxItem
              key={o.id}
              className="rec-menu-item tl-menu-check"
              checked={chosen.includes(o.id)}
              // Stays open: several can be ticked in a row.
              onSelect={(e) => e.preventDefault()}
              onCheckedChange={(on) => onChange(on ? [...chosen, o.id] : chosen.filter((c) => c !== o.id))}
            >
              <span className="tl-menu-box" aria-hidden>
                <DropdownMenu.ItemIndicator>✓</DropdownMenu.ItemIndicator>
              </span>
              {o.name}
              {o.count !== undefined && <span className="muted tl-menu-count">{o.count}</span>}
            </DropdownMenu.CheckboxItem>
          ))}
          {chosen.length > 0 && (
            <>
              <DropdownMenu.Separator className="tl-menu-sep" />
              <DropdownMenu.Item className="rec-menu-item" onSelect={() => onChange([])}>
                Show all
              </DropdownMenu.Item>
            </>
          )}
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}

// MoreOnScroll asks for the next page when the end of the list comes within
// a screen of the view. It watches only while there is a next page and none
// is loading, so one page is never asked for twice; a new observer after
// each page notices an end still in view (a short page) and asks again.
function MoreOnScroll({ more, loading, pages, onMore }: { more: boolean; loading: boolean; pages: number; onMore: () => void }) {
  const end = useRef<HTMLDivElement>(null);
  const onMoreRef = useRef(onMore);
  useEffect(() => {
    onMoreRef.current = onMore;
  });
  useEffect(() => {
    const el = end.current;
    if (!el || !more || loading || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) {
          observer.disconnect();
          onMoreRef.current();
        }
      },
      { rootMargin: '600px 0px' },
    );
    observer.observe(el);
    return () => observer.disconnect();
  }, [more, loading, pages]);
  return (
    <div ref={end} className="tl-end">
      {loading && (
        <p className="muted tl-status" role="status">
          <LoaderCircle className="spin" size={14} aria-hidden /> Loading more…
        </p>
      )}
    </div>
  );
}
