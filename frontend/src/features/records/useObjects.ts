import { useQuery } from '@tanstack/react-query';
import { backend, type ObjectDef } from '../../api/backend';

export const objectsKey = ['objects'];

// useObjects is the schema: every object and its properties.
export function useObjects() {
  return useQuery({ queryKey: objectsKey, queryFn: backend.objects, staleTime: Infinity });
}

export function findObject(objects: ObjectDef[] | undefined, id: string): ObjectDef | undefined {
  return objects?.find((o) => o.id === id);
}
