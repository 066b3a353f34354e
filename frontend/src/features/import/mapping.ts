import { BuiltInObject, ColumnKind, ImportMode, MatchBy, type ImportColumn, type ImportSetup, type ObjectDef } from '../../api/backend';
import { hasIndexPage, isActivity } from '../records/objects';

// The choices of the wizard's "Import as" selects, and the checks on them.
// A column's choice is one string key (a select's value); the column it
// stands for is kept beside it.

export interface ImportAs {
  key: string;
  label: string;
  column: Omit<ImportColumn, 'header'>;
}

export const skipKey = 'skip';

export const modeLabels: Record<ImportMode, string> = {
  [ImportMode.CreateUpdate]: 'Create and update',
  [ImportMode.Create]: 'Create only',
  [ImportMode.Update]: 'Update only',
};

const matchLabels: Record<MatchBy, string> = {
  [MatchBy.Id]: 'ID',
  [MatchBy.Email]: 'email',
  [MatchBy.Domain]: 'domain',
  [MatchBy.Name]: 'name',
};

// columnKey is the select value of a column's choice.
export function columnKey(c: Omit<ImportColumn, 'header'>): string {
  switch (c.kind) {
    case ColumnKind.Property:
      return `property:${c.object}:${c.property ?? ''}`;
    case ColumnKind.Id:
      return `id:${c.object}`;
    case ColumnKind.Association:
      return `association:${c.object}:${c.target ?? ''}:${c.match ?? ''}${c.primary ? ':primary' : ''}${c.label ? `:label:${c.label}` : ''}`;
    case ColumnKind.Labels:
      return `labels:${c.object}:${c.target ?? ''}`;
    default:
      return skipKey;
  }
}

// rowObjects are the objects a row may hold: records with an index page
// (not notes, calls, emails or meetings; tasks are).
export function rowObjects(objects: ObjectDef[]): ObjectDef[] {
  return objects.filter(hasIndexPage);
}

// matchesFor are the ways a cell can name records of target: email only
// names contacts, domain only companies.
export function matchesFor(target: string): MatchBy[] {
  const out: MatchBy[] = [MatchBy.Id];
  if (target === BuiltInObject.Contacts) out.push(MatchBy.Email);
  if (target === BuiltInObject.Companies) out.push(MatchBy.Domain);
  out.push(MatchBy.Name);
  return out;
}

// describeColumn names a column's choice as the select shows it.
export function describeColumn(c: Omit<ImportColumn, 'header'>, objects: ObjectDef[]): string {
  if (c.kind === ColumnKind.Skip) return "Don't import";
  const find = (id: string | undefined) => objects.find((o) => o.id === id);
  const object = find(c.object);
  const owner = object?.singular ?? c.object;
  const target = find(c.target)?.plural ?? c.target ?? '';
  const match = c.match ? matchLabels[c.match] : '';
  switch (c.kind) {
    case ColumnKind.Property:
      return `${owner} · ${object?.properties.find((p) => p.name === c.property)?.label ?? c.property}`;
    case ColumnKind.Id:
      return `${owner} · Record ID`;
    case ColumnKind.Association:
      if (c.primary) return `${owner} · Primary company by ${match}`;
      // An export's "Associated Company IDs (Billing contact)": those carry the label.
      return c.label ? `${owner} · Associated ${target} by ${match}, labelled “${c.label}”` : `${owner} · Associated ${target} by ${match}`;
    case ColumnKind.Labels:
      return `${owner} · Association labels with ${target}`;
  }
  return owner;
}

export interface ImportAsGroup {
  object: ObjectDef;
  options: ImportAs[];
}

// importAsGroups are the choices for a column, one group per object the
// rows hold: its properties, its Record ID, its associations with every
// object it can be associated with (by the matches that make sense), its
// primary company and its association labels.
export function importAsGroups(setup: ImportSetup, objects: ObjectDef[]): ImportAsGroup[] {
  const targets = objects.filter((o) => !isActivity(o));
  const groups: ImportAsGroup[] = [];
  for (const { object: id } of setup.objects) {
    const object = objects.find((o) => o.id === id);
    if (!object) continue;
    const columns: Omit<ImportColumn, 'header'>[] = object.properties.map((p) => ({ kind: ColumnKind.Property, object: id, property: p.name }));
    columns.push({ kind: ColumnKind.Id, object: id });
    for (const t of targets) {
      for (const match of matchesFor(t.id)) columns.push({ kind: ColumnKind.Association, object: id, target: t.id, match });
    }
    if (object.primaryCompany) {
      for (const match of matchesFor(BuiltInObject.Companies)) {
        columns.push({ kind: ColumnKind.Association, object: id, target: BuiltInObject.Companies, match, primary: true });
      }
    }
    // Activities' associations carry no labels.
    if (!isActivity(object)) for (const t of targets) columns.push({ kind: ColumnKind.Labels, object: id, target: t.id });
    groups.push({ object, options: columns.map((column) => ({ key: columnKey(column), label: describeColumn(column, objects), column })) });
  }
  return groups;
}

// withChoice adds a column's current choice to its group when the groups
// do not offer it (a suggestion the lists above leave out), so the select
// shows what the column really holds.
export function withChoice(groups: ImportAsGroup[], c: ImportColumn, objects: ObjectDef[]): ImportAsGroup[] {
  const key = columnKey(c);
  if (key === skipKey || groups.some((g) => g.options.some((o) => o.key === key))) return groups;
  const { header: _, ...column } = c;
  const option = { key, label: describeColumn(column, objects), column };
  return groups.map((g) => (g.object.id === c.object ? { ...g, options: [...g.options, option] } : g));
}

// duplicateKey is what two columns may not both be: the same property of
// the same object, its Record ID, or its primary company.
function duplicateKey(c: ImportColumn): string | null {
  if (c.kind === ColumnKind.Property || c.kind === ColumnKind.Id) return columnKey(c);
  if (c.kind === ColumnKind.Association && c.primary) return `primary:${c.object}`;
  return null;
}

// duplicates maps the index of each column that repeats another column's
// choice to the headers of the other columns with that choice.
export function duplicates(columns: ImportColumn[]): Map<number, string[]> {
  const byKey = new Map<string, number[]>();
  columns.forEach((c, i) => {
    const key = duplicateKey(c);
    if (key) byKey.set(key, [...(byKey.get(key) ?? []), i]);
  });
  const out = new Map<number, string[]>();
  for (const indexes of byKey.values()) {
    if (indexes.length < 2) continue;
    for (const i of indexes)
      out.set(
        i,
        indexes.filter((j) => j !== i).map((j) => columns[j].header),
      );
  }
  return out;
}
