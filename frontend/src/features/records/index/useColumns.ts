import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { backend, type ObjectDef, type Property } from '../../../api/backend';

export const defaultColumnCount = 4;

export function columnsPreferenceKey(objectId: string) {
  return 'columns:' + objectId;
}

// Properties that make up the name already show in the Name column.
function isNamePart(object: ObjectDef, p: Property): boolean {
  return object.id === 'contacts' ? p.name === 'firstname' || p.name === 'lastname' : p.name === object.displayProperty;
}

// visibleColumns turns the saved names into properties that still exist,
// falling back to the object's first properties besides its name.
export function visibleColumns(object: ObjectDef, saved: string[] | null | undefined): Property[] {
  if (!saved) return object.properties.filter((p) => !isNamePart(object, p)).slice(0, defaultColumnCount);
  const byName = new Map(object.properties.map((p) => [p.name, p]));
  const out: Property[] = [];
  for (const name of saved) {
    const p = byName.get(name);
    if (p && !out.includes(p)) out.push(p);
  }
  return out;
}

// useColumns is the remembered choice of property columns for one object.
export function useColumns(object: ObjectDef) {
  const client = useQueryClient();
  const key = ['preference', columnsPreferenceKey(object.id)];
  const saved = useQuery({
    queryKey: key,
    queryFn: () => backend.preference<string[]>(columnsPreferenceKey(object.id)),
    staleTime: Infinity,
  });
  // The choice shows at once (a controlled checkbox must not flip back
  // while the save is on its way); a failed save puts the old one back.
  const [local, setLocal] = useState<string[] | null>(null);
  const save = useMutation({
    mutationFn: (names: string[]) => backend.savePreference(columnsPreferenceKey(object.id), names),
    onSuccess: (_v, names) => client.setQueryData(key, names),
    onError: () => setLocal(null),
  });
  const current = local ?? saved.data;
  const columns = useMemo(() => visibleColumns(object, current), [object, current]);
  return {
    columns,
    ready: !saved.isPending,
    setColumns: (names: string[]) => {
      setLocal(names);
      save.mutate(names);
    },
    saveError: save.error,
  };
}
