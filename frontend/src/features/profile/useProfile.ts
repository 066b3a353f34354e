import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { backend, type Profile } from '../../api/backend';
import type { AppError } from '../../api/errors';

export const profileKey = ['profile'];

// useProfile is the local user: the name shown on the changes they make.
export function useProfile() {
  return useQuery({ queryKey: profileKey, queryFn: backend.profile, staleTime: Infinity });
}

export function useSaveProfile() {
  const client = useQueryClient();
  return useMutation<Profile, AppError, string>({
    mutationFn: (name) => backend.saveProfile(name),
    onSuccess: (saved) => {
      client.setQueryData(profileKey, saved);
      void client.invalidateQueries({ queryKey: profileKey });
    },
  });
}
