import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { backend, sortName, type RecordData, type SearchHit } from '../../../api/backend';
import { useDebounced } from '../../../components/useDebounced';

// How long typing must pause before a search goes to the backend.
export const searchDebounceMs = 100;

export interface RecordSearch<T> {
  query: string; // the trimmed text the results answer (debounced)
  results: T[];
  // The results on screen answer earlier text while the next search runs
  // (they stay to avoid flicker): Enter must not act on them.
  stale: boolean;
  pending: boolean; // no results yet at all
  fetching: boolean;
  error: Error | null;
}

// useRecordSearch is the search behind every record finder: the text is
// debounced, then sent to the backend through TanStack Query. With an
// object it lists that object's matching records by name (all of them for
// an empty text, limit at most); without, it is the typeahead across every
// object (nothing for an empty text).
export function useRecordSearch(text: string, scope: { object: string; limit?: number }): RecordSearch<RecordData>;
export function useRecordSearch(text: string, scope?: { limit?: number }): RecordSearch<SearchHit>;
export function useRecordSearch(text: string, scope: { object?: string; limit?: number } = {}): RecordSearch<RecordData | SearchHit> {
  const { object, limit = object ? 50 : 10 } = scope;
  const trimmed = text.trim();
  const query = useDebounced(trimmed, searchDebounceMs);
  const search = useQuery<(RecordData | SearchHit)[]>({
    // Under 'records': a changed record refreshes the lists it shows in.
    queryKey: object ? ['records', object, 'search', query, limit] : ['search', query, limit],
    queryFn: async () =>
      object
        ? (await backend.listRecords({ object, sort: sortName, desc: false, search: query, filters: [], offset: 0, limit })).records
        : backend.search(query, limit),
    enabled: object !== undefined || query !== '',
    placeholderData: keepPreviousData,
  });
  const idle = object === undefined && trimmed === '';
  return {
    query,
    results: idle ? [] : (search.data ?? []),
    stale: query !== trimmed || search.isPlaceholderData,
    pending: search.isPending && !idle,
    fetching: search.isFetching,
    error: search.error,
  };
}
