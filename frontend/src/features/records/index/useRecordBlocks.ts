import { keepPreviousData, useQueries, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useCallback, useMemo } from 'react';
import { backend, type ListPage, type RecordData } from '../../../api/backend';
import type { Filters } from './FilterBar';

// Rows are fetched from the backend in blocks of this many, by offset.
export const blockSize = 100;

export interface ListParams extends Filters {
  sort: string;
  desc: boolean;
  search: string;
}

// Every list query of an object starts with ['records', objectId] so other
// features (record page, recycle bin, import) can invalidate them at once.
export function recordsKey(objectId: string) {
  return ['records', objectId] as const;
}

export function listKey(objectId: string, params: ListParams) {
  return [...recordsKey(objectId), 'list', params] as const;
}

export function blockKey(objectId: string, params: ListParams, block: number) {
  return [...listKey(objectId, params), block] as const;
}

function fetchBlock(objectId: string, params: ListParams, block: number): Promise<ListPage> {
  return backend.listRecords({
    object: objectId,
    sort: params.sort,
    desc: params.desc,
    search: params.search,
    filters: params.filters,
    associations: params.associations,
    offset: block * blockSize,
    limit: blockSize,
  });
}

// useRecordBlocks loads the first block (which also gives the total) and the
// blocks covering rows [first, last]. getRow returns undefined for a row
// whose block is still loading. Nothing loads until enabled.
export function useRecordBlocks(objectId: string, params: ListParams, first: number, last: number, enabled = true) {
  const head = useQuery({
    queryKey: blockKey(objectId, params, 0),
    queryFn: () => fetchBlock(objectId, params, 0),
    enabled,
    // Keep the old total and rows on screen while a new sort/search loads.
    placeholderData: keepPreviousData,
  });

  const wanted = useMemo(() => {
    const out: number[] = [];
    if (last < first) return out;
    for (let b = Math.floor(first / blockSize); b <= Math.floor(last / blockSize); b++) if (b > 0) out.push(b);
    return out;
  }, [first, last]);

  // combine's result keeps its identity while no block's rows or error
  // change, and so does getRow: the index page memoises on it.
  const blocks = useQueries({
    queries: wanted.map((b) => ({
      queryKey: blockKey(objectId, params, b),
      queryFn: () => fetchBlock(objectId, params, b),
      staleTime: 30_000,
      enabled,
    })),
    combine: (results) => results.map((r) => ({ records: r.data?.records, error: r.error })),
  });

  const headRecords = head.data && !head.isPlaceholderData ? head.data.records : undefined;
  const getRow = useMemo(() => {
    const loaded = new Map<number, RecordData[]>();
    if (headRecords) loaded.set(0, headRecords);
    wanted.forEach((b, i) => {
      const d = blocks[i]?.records;
      if (d) loaded.set(b, d);
    });
    return (index: number): RecordData | undefined => loaded.get(Math.floor(index / blockSize))?.[index % blockSize];
  }, [headRecords, wanted, blocks]);

  return {
    total: head.data?.total,
    isPending: head.isPending,
    isFetching: head.isFetching,
    isPlaceholder: head.isPlaceholderData,
    error: head.error ?? blocks.find((b) => b.error)?.error ?? null,
    getRow,
  };
}

// loadedRecords lists every record of the current list already in the cache
// ("Select all loaded").
export function loadedRecords(client: QueryClient, objectId: string, params: ListParams): RecordData[] {
  const out: RecordData[] = [];
  const seen = new Set<string>();
  for (const [, page] of client.getQueriesData<ListPage>({ queryKey: listKey(objectId, params) })) {
    for (const r of page?.records ?? []) {
      if (!seen.has(r.id)) {
        seen.add(r.id);
        out.push(r);
      }
    }
  }
  return out;
}

export function useInvalidateRecords(objectId: string) {
  const client = useQueryClient();
  return useCallback(() => client.invalidateQueries({ queryKey: recordsKey(objectId) }), [client, objectId]);
}
