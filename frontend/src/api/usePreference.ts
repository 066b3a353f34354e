import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { backend } from './backend';

// usePreference is one remembered UI choice (columns, their widths, an
// order…), stored as JSON in the settings: saved is undefined while it
// loads and null when there is none. A successful save becomes what saved
// holds; callers keep what the user just chose on screen meanwhile.
export function usePreference<T>(key: string) {
  const client = useQueryClient();
  const queryKey = ['preference', key];
  const saved = useQuery({ queryKey, queryFn: () => backend.preference<T>(key), staleTime: Infinity });
  const save = useMutation({
    mutationFn: (value: T) => backend.savePreference(key, value),
    onSuccess: (_v, value) => client.setQueryData(queryKey, value),
  });
  return { saved: saved.data, ready: !saved.isPending, save: save.mutate, saveError: save.error };
}
