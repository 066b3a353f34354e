import { GitMerge, Link2, Pencil, Trash2 } from 'lucide-react';
import { useId, useRef, useState } from 'react';
import { backend, ItemKind, type Activity, type LinkedRecord, type ObjectDef, type TimelineItem } from '../../api/backend';
import { toAppError } from '../../api/errors';
import { formatTimestamp } from '../records/fields/format';
import { ObjectIcon } from '../records/objects';
import { ActivityBody } from './ActivityBody';
import { AssociatedRecords } from './AssociatedRecords';
import { Composer } from './Composer';
import { bodyProperty, details, titleProperty, when } from './timeline';

// ActivityItem is one activity on a timeline: its type, title, author and
// date, its details and body, the records it is associated with, and Edit
// and Delete. Editing swaps it for the composer.
export function ActivityItem({
  activity,
  type,
  readOnly,
  onChanged,
  onDelete,
}: {
  activity: Activity;
  type: ObjectDef;
  readOnly: boolean;
  onChanged: () => Promise<unknown>; // refreshes the timelines
  onDelete: (a: Activity) => void;
}) {
  const [editing, setEditing] = useState(false);
  const editButton = useRef<HTMLButtonElement>(null);
  const headingId = useId();
  const singular = type.singular.toLowerCase();
  const title = titleProperty(type);
  const body = bodyProperty(type);
  const titleText = title ? String(activity.props[title.name] ?? '') : '';
  const bodyText = body ? String(activity.props[body.name] ?? '') : '';

  const stopEditing = () => {
    setEditing(false);
    requestAnimationFrame(() => editButton.current?.focus());
  };
  if (editing) {
    return (
      <Composer
        type={type}
        activity={activity}
        onCancel={stopEditing}
        onDone={(saved) => {
          if (saved) void onChanged();
          stopEditing();
        }}
      />
    );
  }
  return (
    <article className="tl-item" aria-labelledby={headingId}>
      <span className={`tl-icon tl-icon-${type.id}`} aria-hidden>
        <ObjectIcon id={type.id} size={14} />
      </span>
      <div className="tl-item-main">
        <div className="tl-item-head">
          <h4 id={headingId} className="tl-item-title">
            <span className="tl-type">{type.singular}</span>
            {titleText && <span className="tl-title-text">{titleText}</span>}
          </h4>
          <time className="muted tl-date" dateTime={activity.at}>
            {when(type, activity)}
          </time>
        </div>
        <p className="muted tl-by">by {activity.createdBy?.name || activity.createdBy?.id || 'Unknown'}</p>
        <Details type={type} activity={activity} />
        {bodyText && <ActivityBody text={bodyText} />}
        <div className="tl-item-foot">
          <LinkedRecords activity={activity} readOnly={readOnly} onChanged={onChanged} />
          {!readOnly && (
            <span className="tl-item-actions">
              <button ref={editButton} type="button" className="button small" aria-label={`Edit ${singular}`} onClick={() => setEditing(true)}>
                <Pencil size={12} aria-hidden /> Edit
              </button>
              <button type="button" className="button small" aria-label={`Delete ${singular}`} onClick={() => onDelete(activity)}>
                <Trash2 size={12} aria-hidden /> Delete
              </button>
            </span>
          )}
        </div>
      </div>
    </article>
  );
}

function Details({ type, activity }: { type: ObjectDef; activity: Activity }) {
  const list = details(type, activity);
  if (list.length === 0) return null;
  return (
    <dl className="tl-details">
      {list.map((d) => (
        <div key={d.label} className="tl-detail">
          <dt>{d.label}</dt>
          <dd>{d.value}</dd>
        </div>
      ))}
    </dl>
  );
}

// LinkedRecords changes an activity's associations through SetRecords, one
// tick at a time. The list keeps the records unticked or added here, so a
// slip can be ticked back.
export function LinkedRecords({ activity, readOnly, onChanged }: { activity: Activity; readOnly: boolean; onChanged: () => Promise<unknown> }) {
  const [extra, setExtra] = useState<LinkedRecord[]>([]);
  const [saving, setSaving] = useState<LinkedRecord[] | null>(null); // shown while SetRecords runs
  const [error, setError] = useState<string | null>(null);
  const linked = saving ?? activity.records;
  const records = [
    ...linked,
    ...[...activity.records, ...extra].filter((r, i, all) => !linked.some((l) => l.id === r.id) && all.findIndex((x) => x.id === r.id) === i),
  ];
  const ticked = new Set(linked.map((r) => r.id));

  const toggle = async (r: LinkedRecord, on: boolean) => {
    const next = on ? [...linked, r] : linked.filter((l) => l.id !== r.id);
    if (!extra.some((x) => x.id === r.id)) setExtra((e) => [...e, r]);
    setSaving(next);
    setError(null);
    try {
      await backend.setActivityRecords(
        activity.id,
        next.map((l) => l.id),
      );
      await onChanged();
    } catch (err) {
      setError(toAppError(err).message);
    } finally {
      setSaving(null);
    }
  };
  return (
    <AssociatedRecords
      records={records}
      ticked={ticked}
      onToggle={(r, on) => void toggle(r, on)}
      busy={saving !== null}
      disabled={readOnly}
      error={error}
    />
  );
}

const eventIcons = { [ItemKind.Merge]: GitMerge, [ItemKind.Property]: Pencil, [ItemKind.Association]: Link2 };

// EventLine is something that happened to the record itself (a merge, a
// property or association change), on one compact line.
export function EventLine({ item }: { item: TimelineItem }) {
  const Icon = eventIcons[item.kind as keyof typeof eventIcons] ?? Pencil;
  const actor = item.event?.actor;
  return (
    <div className="tl-event">
      <Icon className="tl-event-icon" size={12} aria-hidden />
      <span className="tl-event-text">{item.event?.text}</span>
      <span className="muted">{actor?.name || actor?.id || item.event?.source}</span>
      <time className="muted" dateTime={item.at}>
        {formatTimestamp(item.at)}
      </time>
    </div>
  );
}
