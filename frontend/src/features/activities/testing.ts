import { ItemKind, type Activity, type ActivityOverview, type ObjectDef, type RecordData, type TimelineItem, type TimelinePage } from '../../api/backend';
import { companiesObject, contactNameProperties, contactsObject, objectDef, property } from '../../test/fixtures';

// Objects, records and activities for the activities tests, shaped as the
// backend sends them (backend/schema/defaults.go).

const dropdown = (name: string, label: string, ...pairs: string[]) => ({
  ...property(name, label, 'dropdown'),
  options: pairs.flatMap((v, i) => (i % 2 === 0 ? [{ value: v, label: pairs[i + 1] }] : [])),
});

export function activityObjects(): ObjectDef[] {
  const activity = (
    id: string,
    num: number,
    singular: string,
    plural: string,
    displayProperty: string,
    activityDate: string,
    properties: ObjectDef['properties'],
  ) => objectDef({ id, num, singular, plural, builtIn: true, displayProperty, activityDate, properties });
  return [
    activity('notes', 5, 'Note', 'Notes', 'body', 'at', [property('body', 'Note', 'long_text'), property('at', 'Activity date', 'datetime')]),
    activity('calls', 6, 'Call', 'Calls', 'title', 'at', [
      property('title', 'Title'),
      property('body', 'Notes', 'long_text'),
      dropdown('direction', 'Direction', 'outbound', 'Outbound', 'inbound', 'Inbound'),
      dropdown('outcome', 'Outcome', 'connected', 'Connected', 'busy', 'Busy'),
      property('duration', 'Duration (minutes)', 'number'),
      property('at', 'Activity date', 'datetime'),
    ]),
    activity('meetings', 8, 'Meeting', 'Meetings', 'title', 'start', [
      property('title', 'Title'),
      property('start', 'Start', 'datetime'),
      property('end', 'End', 'datetime'),
      property('location', 'Location'),
      property('body', 'Notes', 'long_text'),
    ]),
    activity('tasks', 9, 'Task', 'Tasks', 'title', 'due', [
      property('title', 'Title'),
      property('body', 'Notes', 'long_text'),
      property('due', 'Due', 'datetime'),
      dropdown('status', 'Status', 'not_started', 'Not started', 'completed', 'Completed'),
      dropdown('type', 'Type', 'todo', 'To-do', 'call', 'Call'),
    ]),
  ];
}

export function allObjects(): ObjectDef[] {
  const deals = objectDef({
    id: 'deals',
    num: 3,
    singular: 'Deal',
    plural: 'Deals',
    builtIn: true,
    displayProperty: 'name',
    properties: [property('name', 'Deal name')],
  });
  return [contactsObject(contactNameProperties()), companiesObject(), deals, ...activityObjects()];
}

export function record(id: string, object: string, displayName: string): RecordData {
  return {
    id,
    object,
    displayName,
    props: {},
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-01T00:00:00Z',
    createdBy: { id: 'u1', name: 'Ann Tester' },
    updatedBy: { id: 'u1', name: 'Ann Tester' },
  };
}

export function activity(
  id: string,
  object: string,
  at: string,
  props: Activity['props'],
  records = [{ id: 'c1', object: 'contacts', name: 'Ann Lee' }],
): Activity {
  return { ...record(id, object, String(props.title ?? props.body ?? '')), props, at, records, createdBy: { id: 'u1', name: 'Ann Tester' } };
}

export function page(items: TimelineItem[], next = ''): TimelinePage {
  return { items, next };
}

export function overview(total: number, types: Record<string, number> = {}): ActivityOverview {
  return { total, types, authors: [{ id: 'u1', name: 'Ann Tester' }] };
}

export const item = (a: Activity): TimelineItem => ({ kind: ItemKind.Activity, at: a.at, activity: a });
