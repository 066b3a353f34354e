import { useQuery, useQueryClient } from '@tanstack/react-query';
import { associationsKey, backend, BuiltInObject, LabelKind, type Associated, type AssociationGroup, type ObjectDef, type Pair } from '../../api/backend';
import { isActivity } from '../records/objects';

// Cards show this many records before "Show more".
export const firstPage = 5;

export const summaryKey = (record: string) => [...associationsKey, 'summary', record];
export const pairsKey = (object: string) => [...associationsKey, 'pairs', object];
export const optionsKey = (from: string, to: string) => [...associationsKey, 'options', from, to];

// useSummary is a record's cards: its associations grouped by object.
export function useSummary(record: string) {
  return useQuery({ queryKey: summaryKey(record), queryFn: () => backend.associationSummary(record, firstPage) });
}

// usePairs tells which objects a record of object can be associated with.
export function usePairs(object: string) {
  return useQuery({ queryKey: pairsKey(object), queryFn: () => backend.pairs(object) });
}

export function useLabelOptions(from: string, to: string, enabled = true) {
  return useQuery({ queryKey: optionsKey(from, to), queryFn: () => backend.labelOptions(from, to), enabled });
}

// useRefreshAssociations refreshes every association query: a change shows
// on both records at once.
export function useRefreshAssociations() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: associationsKey });
}

// associable lists the objects whose pair with object is defined, in the
// schema's order (built-in objects first). Activities are left out: they are
// associated from their timeline items, not from cards, columns or bulk actions.
export function associable(objects: ObjectDef[], pairs: Pair[] | undefined, object: string): ObjectDef[] {
  if (!pairs) return [];
  return objects.filter((o) => !isActivity(o) && pairs.some((p) => p.defined && ((p.a === object && p.b === o.id) || (p.b === object && p.a === o.id))));
}

export function groupOf(groups: AssociationGroup[] | undefined, object: string): AssociationGroup {
  return groups?.find((g) => g.object === object) ?? { object, total: 0, items: [] };
}

// Which record of an association holds the primary mark, and whether it
// does now. The backend says whose records have a primary company.
export function primaryOwner(record: ObjectDef, item: Associated): 'record' | 'item' | null {
  if (record.primaryCompany && item.object === BuiltInObject.Companies) return 'record';
  if (record.id === BuiltInObject.Companies && item.object !== BuiltInObject.Companies) return 'item';
  return null;
}

export function isPrimary(record: ObjectDef, item: Associated): boolean {
  const owner = primaryOwner(record, item);
  if (owner === 'record') return item.primary;
  if (owner === 'item') return item.labels.some((l) => l.builtIn && l.kind === LabelKind.Primary);
  return false;
}

// The preference that remembers a record page's cards: their order, and
// the ones hidden.
export interface CardLayout {
  order: string[];
  hidden: string[];
}

export const layoutKey = (object: string) => `cards:${object}`;

// arrange applies a layout to the objects a record can be associated with:
// remembered ones in their order, new ones after them.
export function arrange(available: ObjectDef[], layout: CardLayout | null): { object: ObjectDef; hidden: boolean }[] {
  const order = layout?.order ?? [];
  const rank = (o: ObjectDef) => {
    const i = order.indexOf(o.id);
    return i < 0 ? order.length + available.indexOf(o) : i;
  };
  return [...available].sort((a, b) => rank(a) - rank(b)).map((object) => ({ object, hidden: layout?.hidden.includes(object.id) ?? false }));
}
