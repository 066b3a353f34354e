import { useMemo, useState, type ReactNode } from 'react';
import { BuiltInObject, type ObjectDef, type Property, type RecordData } from '../../../api/backend';
import { usePreference } from '../../../api/usePreference';

export const defaultColumnCount = 4;

export function columnsPreferenceKey(objectId: string) {
  return 'columns:' + objectId;
}

// An index column besides Name, Created and Updated: a property, an
// association type ("Contact → Companies": how many; "Contact → Company
// (primary)": which), or a column a page adds (loaded). Its id is what the
// preference stores: the property name, "@companies" or "@companies:primary".
export interface IndexColumn {
  id: string;
  label: string;
  property?: Property;
  assoc?: { object: ObjectDef; primary: boolean };
  loaded?: LoadedColumn;
  width?: { min: number; fr: number }; // a column not a property's: its least px and share of spare width
}

// LoadedColumn is a column a page adds of its own (the Tasks page's
// "Associated with"): its cells are loaded by one call per block of rows in
// view. Methods, so that a LoadedColumn<T> is an IndexColumn's loaded.
export interface LoadedColumn<T = unknown> {
  queryKey: readonly unknown[]; // its queries' keys start with it
  load(ids: string[]): Promise<T[]>; // one value per record, in order
  render(r: RecordData, value: T | undefined, error: unknown): ReactNode; // value undefined while loading or failed
}

export const propertyColumn = (p: Property): IndexColumn => ({ id: p.name, label: p.label, property: p });

// associationColumns are the association types of object: one per object
// it can be associated with, and its primary company.
export function associationColumns(object: ObjectDef, others: ObjectDef[]): IndexColumn[] {
  const out: IndexColumn[] = [];
  for (const o of others) {
    out.push({ id: `@${o.id}`, label: `${object.singular} → ${o.plural}`, assoc: { object: o, primary: false } });
    if (o.id === BuiltInObject.Companies && object.primaryCompany) {
      out.push({ id: '@companies:primary', label: `${object.singular} → ${o.singular} (primary)`, assoc: { object: o, primary: true } });
    }
  }
  return out;
}

// Properties that make up the name already show in the Name column.
function isNamePart(object: ObjectDef, p: Property): boolean {
  return object.id === BuiltInObject.Contacts ? p.name === 'firstname' || p.name === 'lastname' : p.name === object.displayProperty;
}

// nameColumnLabel heads the column of record names: the label of the
// property that names them ("Subject" for tickets), "Name" for contacts.
export function nameColumnLabel(object: ObjectDef): string {
  return object.properties.find((p) => p.name === object.displayProperty)?.label ?? 'Name';
}

// columnProperties are the properties that may be chosen as columns: not
// the display property, which the Name column always shows. (A contact's
// name parts stay choosable: the name falls back to the email.)
export function columnProperties(object: ObjectDef): Property[] {
  return object.properties.filter((p) => !object.displayProperty || p.name !== object.displayProperty);
}

// visibleColumns turns the saved ids into columns that still exist,
// falling back to the page's defaults (ids), else to the object's first
// properties besides its name. assoc: the columns besides properties.
export function visibleColumns(object: ObjectDef, saved: string[] | null | undefined, assoc: IndexColumn[] = [], defaults?: string[]): IndexColumn[] {
  saved ??= defaults;
  if (!saved)
    return object.properties
      .filter((p) => !isNamePart(object, p))
      .slice(0, defaultColumnCount)
      .map(propertyColumn);
  const byId = new Map([...columnProperties(object).map(propertyColumn), ...assoc].map((c) => [c.id, c]));
  const out: IndexColumn[] = [];
  for (const id of saved) {
    const c = byId.get(id);
    if (c && !out.includes(c)) out.push(c);
  }
  return out;
}

// useColumns is the remembered choice of columns for one object; assoc are
// the columns besides properties it may show; defaults: the ids shown until
// the user chooses.
export function useColumns(object: ObjectDef, assoc: IndexColumn[] = [], defaults?: string[]) {
  const { saved, ready, save, saveError } = usePreference<string[]>(columnsPreferenceKey(object.id));
  // The choice shows at once (a controlled checkbox must not flip back
  // while the save is on its way); a failed save puts the old one back.
  const [local, setLocal] = useState<string[] | null>(null);
  const current = local ?? saved;
  const columns = useMemo(() => visibleColumns(object, current, assoc, defaults), [object, current, assoc, defaults]);
  return {
    columns,
    ready,
    setColumns: (ids: string[]) => {
      setLocal(ids);
      save(ids, { onError: () => setLocal(null) });
    },
    saveError,
  };
}
