import { useMemo, useState } from 'react';
import { sortCreated, sortName, sortUpdated, type ObjectDef } from '../../../api/backend';
import { usePreference } from '../../../api/usePreference';
import type { Sort } from './RecordTable';

export function sortPreferenceKey(objectId: string) {
  return 'sort:' + objectId;
}

export const defaultSort: Sort = { sort: sortCreated, desc: true };

// validSort is saved when the object can still be sorted that way (its
// property may have been removed since), else fallback (the page's default).
export function validSort(object: ObjectDef, saved: Sort | null | undefined, fallback: Sort = defaultSort): Sort {
  if (!saved || typeof saved.desc !== 'boolean') return fallback;
  const known = [sortName, sortCreated, sortUpdated].includes(saved.sort) || object.properties.some((p) => p.name === saved.sort);
  return known ? { sort: saved.sort, desc: saved.desc } : fallback;
}

// useSort is an object's index order, remembered across launches; fallback
// until the user picks one.
export function useSort(object: ObjectDef, fallback: Sort = defaultSort) {
  const { saved, ready, save } = usePreference<Sort>(sortPreferenceKey(object.id));
  const [local, setLocal] = useState<Sort | null>(null);
  // One object per order: the list's blocks are cached by it.
  const sort = useMemo(() => validSort(object, local ?? saved, fallback), [object, local, saved, fallback]);
  return {
    sort,
    ready,
    setSort: (s: Sort) => {
      setLocal(s);
      save(s);
    },
  };
}
