import { useQueries } from '@tanstack/react-query';
import { associationsKey, backend, type AssociationCell, type RecordData } from '../../../api/backend';
import type { IndexColumn } from '../../records/index/useColumns';

// useAssociationCells loads the association columns of the rows in view, a
// block of rows per backend call, and returns a lookup by record and column.
export function useAssociationCells(
  columns: IndexColumn[],
  rows: (RecordData | undefined)[][], // the blocks of rows in view
): (record: string, column: string) => AssociationCell | undefined {
  const assoc = columns.filter((c) => c.assoc);
  const spec = assoc.map((c) => ({ object: c.assoc!.object.id, primary: c.assoc!.primary }));
  const blocks = rows.map((block) => block.filter((r): r is RecordData => !!r).map((r) => r.id));
  const results = useQueries({
    queries: blocks.map((ids, b) => ({
      queryKey: [...associationsKey, 'cells', assoc.map((c) => c.id).join(','), b, ids[0] ?? '', ids.length, ids[ids.length - 1] ?? ''],
      queryFn: () => backend.associationColumns(ids, spec),
      enabled: ids.length > 0 && assoc.length > 0,
      staleTime: 10_000,
    })),
  });
  const cells = new Map<string, AssociationCell>();
  results.forEach((res, b) => {
    res.data?.forEach((row, i) => row.forEach((cell, j) => cells.set(`${blocks[b][i]}|${assoc[j].id}`, cell)));
  });
  return (record, column) => cells.get(`${record}|${column}`);
}
