import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { activitiesKey, backend } from '../../api/backend';

export interface TimelineFilters {
  types: string[]; // activity object IDs; none: every type
  authors: string[]; // actor IDs; none: everyone's
  search: string; // debounced words
  changes: boolean; // also property and association changes
}

export const noFilters: TimelineFilters = { types: [], authors: [], search: '', changes: false };

export const timelinePageSize = 50;

// useTimeline reads a record's timeline page by page, each page asked for
// with the cursor the one before it returned. The filters are part of the
// key: changing one starts again from the first page (the old list stays
// on screen until it arrives).
export function useTimeline(record: string, f: TimelineFilters) {
  return useInfiniteQuery({
    queryKey: [...activitiesKey, 'timeline', record, f],
    queryFn: ({ pageParam }) =>
      backend.timeline({
        record,
        types: f.types.length ? f.types : undefined,
        authors: f.authors.length ? f.authors : undefined,
        search: f.search || undefined,
        changes: f.changes || undefined,
        cursor: pageParam || undefined,
        limit: timelinePageSize,
      }),
    initialPageParam: '',
    getNextPageParam: (last) => last.next || undefined,
    placeholderData: keepPreviousData,
  });
}

// useTimelineOverview is what the whole timeline holds, for the count and
// the filters: a call of its own, as it reads every item (a page reads 50).
export function useTimelineOverview(record: string) {
  return useQuery({ queryKey: [...activitiesKey, 'overview', record], queryFn: () => backend.activityOverview(record) });
}
