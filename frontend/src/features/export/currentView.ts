import { createContext, useContext, useEffect, type RefObject } from 'react';
import type { AssociationColumn, ListQuery, ObjectDef } from '../../api/backend';
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

// indexView is the view of an index page. Columns a page loads itself (the
// Tasks page's "Associated with") are not the object's data and stay out.
export function indexView(object: ObjectDef, params: ListParams, columns: IndexColumn[], total?: number): ExportView {
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
    columns: columns.flatMap((c) => (c.property ? [c.property.name] : [])),
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
