import { ChangeKind, type Change, type HistoryEntry, type ObjectDef, type PropValue } from '../../../api/backend';
import { formatValue } from '../fields/format';

const maxValueLength = 120;

// shown turns a value from the change log into short readable text.
function shown(object: ObjectDef, property: string | undefined, value: unknown): string {
  if (value === null || value === undefined || value === '') return '';
  const prop = object.properties.find((p) => p.name === property);
  let text: string;
  if (typeof value === 'object') text = JSON.stringify(value);
  else text = prop ? formatValue(prop, value as PropValue) : String(value);
  text = text.replace(/\s+/g, ' ').trim();
  return text.length > maxValueLength ? `${text.slice(0, maxValueLength - 1)}…` : text;
}

// describeChange says in words what one change did to a record.
export function describeChange(object: ObjectDef, change: Change): string {
  switch (change.kind) {
    case ChangeKind.RecordCreated:
      return 'Created';
    case ChangeKind.RecordDeleted:
      return 'Moved to the recycle bin';
    case ChangeKind.RecordRestored:
      return 'Restored';
    case ChangeKind.RecordPurged:
      return 'Deleted permanently';
    case ChangeKind.RecordUpdated: {
      const label = object.properties.find((p) => p.name === change.property)?.label ?? change.property ?? 'A property';
      const before = shown(object, change.property, change.before);
      const after = shown(object, change.property, change.after);
      if (!before && !after) return `${label} changed`;
      if (!before) return `${label} set to ${after}`;
      if (!after) return `${label} cleared (was ${before})`;
      return `${label} changed from ${before} to ${after}`;
    }
    default:
      return change.kind
        .replace(/^record\./, '')
        .replace(/[._]/g, ' ')
        .replace(/^./, (c) => c.toUpperCase());
  }
}

const associationVerbs: Partial<Record<ChangeKind, string>> = {
  [ChangeKind.AssociationCreated]: 'created',
  [ChangeKind.AssociationRemoved]: 'removed',
  [ChangeKind.AssociationLabelAdded]: 'labelled',
  [ChangeKind.AssociationLabelRemoved]: 'unlabelled',
  [ChangeKind.AssociationPrimarySet]: 'marked primary',
  [ChangeKind.AssociationPrimaryUnset]: 'unmarked as primary',
};

// describeChanges says in words what one operation did to a record. Its
// association changes (deleting a record removes them all) are counted in
// one line each: the association history tells them one by one.
export function describeChanges(object: ObjectDef, changes: Change[]): string[] {
  const lines: string[] = [];
  const counts = new Map<ChangeKind, number>();
  for (const c of changes) {
    if (c.kind.startsWith('association.')) counts.set(c.kind, (counts.get(c.kind) ?? 0) + 1);
    else lines.push(describeChange(object, c));
  }
  for (const [kind, n] of counts) {
    const verb = associationVerbs[kind] ?? kind.replace(/^association\./, '').replace(/_/g, ' ');
    lines.push(`${n} ${n === 1 ? 'association' : 'associations'} ${verb} (see the association history)`);
  }
  return lines;
}

// actorName is who made a change: the person's name, else their ID, else
// the source (an import, a job…) when no person was involved.
export function actorName(entry: Pick<HistoryEntry, 'actor' | 'source'>): string {
  return entry.actor?.name || entry.actor?.id || entry.source || 'Unknown';
}
