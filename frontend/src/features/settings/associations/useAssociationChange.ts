import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { associationsKey, backend, type Limit, type Pair } from '../../../api/backend';
import { toAppError, type AppError } from '../../../api/errors';

// The queries of this page start with associationsKey, so a change here
// refreshes them together with every association card of the app.
export const pairsKey = (object: string) => [...associationsKey, 'pairs', object];

// usePairs lists an object's pairs with every object (itself included). Go
// sends an empty list as null: it becomes [] here.
export function usePairs(object: string) {
  return useQuery({
    queryKey: pairsKey(object),
    queryFn: async (): Promise<Pair[]> => (await backend.pairs(object)).map((p) => ({ ...p, labels: p.labels ?? [], limits: p.limits ?? [] })),
    enabled: object !== '',
  });
}

// useExceeding counts the records of from already over a limit.
export function useExceeding(from: string, to: string, limit: Limit) {
  return useQuery({
    queryKey: [...associationsKey, 'exceeding', from, to, limit.label, limit.inverse, limit.max],
    queryFn: () => backend.exceeding(from, to, limit),
  });
}

// useAssociationChange runs one change of a pair's definition; afterwards
// every association query is read again: the pairs and counts of this page
// (their keys start with associationsKey) and the record pages' cards.
export function useAssociationChange<TIn, TOut>(fn: (input: TIn) => Promise<TOut>) {
  const client = useQueryClient();
  return useMutation<TOut, AppError, TIn>({
    mutationFn: async (input) => {
      try {
        return await fn(input);
      } catch (err) {
        throw toAppError(err);
      }
    },
    onSettled: () => client.invalidateQueries({ queryKey: associationsKey }),
  });
}
