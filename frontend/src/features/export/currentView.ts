import { createContext, useContext, useEffect, type RefObject } from 'react';
import { BuiltInObject, type AssociationColumn, type ListQuery, type ObjectDef } from '../../api/backend';
import type { IndexColumn } from '../records/index/useColumns';
import type { ListParams } from '../records/index/useRecordBlocks';

// ExportView is what an index page shows, as an export writes it: its
// query (sort, search, filters), its property columns and its association
// columns, in the page's order. total: the rows it matches, when known.
export interface ExportView {
  object: ObjectDef;
  query: ListQuery;
  columns: string[];
  associations: AssociationColumn[];
  total?: number;
}

// nameProperties are what the Name column shows: a contact's first and
// last name, another object's display property.
function nameProperties(object: ObjectDef): string[] {
  const names = object.id === BuiltInObject.Contacts ? ['firstname', 'lastname'] : [object.displayProperty];
  return names.filter((n) => object.properties.some((p) => p.name === n));
}

// indexView is the view of an index page: the name properties first, as
// the Name column comes first, then the chosen columns. Columns a page
// loads itself (the Tasks page's "Associated with") are not the object's
// data and stay out.
export function indexView(object: ObjectDef, params: ListParams, columns: IndexColumn[], total?: number): ExportView {
  const names = nameProperties(object);
  const chosen = columns.flatMap((c) => (c.property && !names.includes(c.property.name) ? [c.property.name] : []));
  return {
    object,
    query: {
      object: object.id,
      sort: params.sort,
      desc: params.desc,
      search: params.search,
      filters: params.filters,
      associations: params.associations,
      offset: 0,
      limit: 0,
    },
    columns: [...names, ...chosen],
    associations: columns.flatMap((c) => (c.assoc ? [{ object: c.assoc.object.id, primary: c.assoc.primary }] : [])),
    total,
  };
}

// The index page on screen keeps its view here, so File → Import… and
// File → Export… (handled by the shell) know which object and view to use.
// A ref, not state: the shell reads it only when the menu is used.
export const CurrentView = createContext<RefObject<ExportView | null> | null>(null);

// usePublishView holds view as the current one while the page is shown.
export function usePublishView(view: ExportView) {
  const viewRef = useContext(CurrentView);
  useEffect(() => {
    if (!viewRef) return;
    viewRef.current = view;
    return () => {
      if (viewRef.current === view) viewRef.current = null;
    };
  }, [viewRef, view]);
}
