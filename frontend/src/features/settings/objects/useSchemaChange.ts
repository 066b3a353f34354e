import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { AppError } from '../../../api/errors';
import { objectsKey } from '../../records/useObjects';

// useSchemaChange runs one schema write; afterwards the objects are read
// again, so the sidebar, index pages and this page all follow.
export function useSchemaChange<TIn, TOut>(fn: (input: TIn) => Promise<TOut>) {
  const client = useQueryClient();
  return useMutation<TOut, AppError, TIn>({
    mutationFn: fn,
    onSettled: () => client.invalidateQueries({ queryKey: objectsKey }),
  });
}

// fieldErrors splits an error into the message next to a named field and
// the one for the whole form.
export function fieldErrors(error: AppError | null, fields: string[]): { byField: Record<string, string>; general?: string } {
  if (!error) return { byField: {} };
  if (error.field && fields.includes(error.field)) return { byField: { [error.field]: error.message } };
  return { byField: {}, general: error.message };
}
