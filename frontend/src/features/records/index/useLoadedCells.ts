import { useQueries } from '@tanstack/react-query';
import type { RecordData } from '../../../api/backend';
import type { IndexColumn } from './useColumns';

export interface LoadedCell {
  value: unknown; // undefined while loading or failed
  error: unknown;
}

// useLoadedCells loads the page's own columns (IndexColumn.loaded) for the
// rows in view: one call per column and block of rows, not one per row.
export function useLoadedCells(
  columns: IndexColumn[],
  rows: (RecordData | undefined)[][], // the blocks of rows in view
): (record: string, column: string) => LoadedCell {
  const loaded = columns.filter((c) => c.loaded);
  const blocks = rows.map((block) => block.filter((r): r is RecordData => !!r).map((r) => r.id));
  const jobs = loaded.flatMap((c) => blocks.map((ids) => ({ c, ids })));
  const results = useQueries({
    queries: jobs.map(({ c, ids }) => ({
      queryKey: [...c.loaded!.queryKey, ids],
      queryFn: () => c.loaded!.load(ids),
      enabled: ids.length > 0,
      staleTime: 10_000,
    })),
  });
  const cells = new Map<string, LoadedCell>();
  results.forEach((res, j) => {
    const { c, ids } = jobs[j];
    ids.forEach((id, i) => cells.set(`${id}|${c.id}`, { value: res.data?.[i], error: res.error }));
  });
  return (record, column) => cells.get(`${record}|${column}`) ?? { value: undefined, error: null };
}
