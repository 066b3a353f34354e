import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { backend, type Settings } from '../../api/backend';
import type { AppError } from '../../api/errors';

const key = ['settings'];

export function useSettings() {
  return useQuery({ queryKey: key, queryFn: backend.getSettings });
}

export function useSaveSettings() {
  const client = useQueryClient();
  return useMutation<Settings, AppError, Settings, { previous?: Settings }>({
    mutationFn: backend.saveSettings,
    // Optimistic: the theme changes the moment the user picks it.
    onMutate: async (next) => {
      await client.cancelQueries({ queryKey: key });
      const previous = client.getQueryData<Settings>(key);
      client.setQueryData(key, next);
      return { previous };
    },
    onError: (_err, _next, context) => {
      if (context?.previous) client.setQueryData(key, context.previous);
    },
    onSuccess: (saved) => client.setQueryData(key, saved),
  });
}
