import { useQueries } from '@tanstack/react-query';
import { backend, type ObjectDef, type Property, type RecordData } from '../../../api/backend';
import type { FieldTexts } from '../fields/RecordFormFields';
import { useDebounced } from '../../../components/useDebounced';

// How long typing in a field must pause before it is checked.
export const duplicateDebounceMs = 300;

export interface DuplicateWarning {
  property: Property;
  records: RecordData[];
}

// useDuplicates checks a new record's email and web address fields, once
// typing pauses, for live records that already have the value. Which
// property identifies a record is the backend's rule (a contact's email, a
// company's domain): a field that identifies nothing finds nothing. One
// check per field, so a warning can name the field it is about.
export function useDuplicates(object: ObjectDef, texts: FieldTexts): DuplicateWarning[] {
  const watched = object.properties.filter((p) => p.type === 'email' || p.type === 'url');
  // One debounce over every watched value; JSON keeps them apart.
  const typed = useDebounced(JSON.stringify(watched.map((p) => (texts[p.name] ?? '').trim())), duplicateDebounceMs);
  const values = JSON.parse(typed) as string[];
  const results = useQueries({
    queries: watched.map((p, i) => {
      const value = values[i] ?? '';
      return {
        // Under 'records': creating a record refreshes the check.
        queryKey: ['records', object.id, 'duplicates', p.name, value],
        queryFn: () => backend.duplicates(object.id, { [p.name]: value }),
        enabled: value !== '',
      };
    }),
  });
  return watched.flatMap((property, i) => {
    const records = results[i]?.data ?? [];
    return records.length > 0 && (values[i] ?? '') !== '' ? [{ property, records }] : [];
  });
}
