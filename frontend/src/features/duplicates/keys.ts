import { BuiltInObject } from '../../api/backend';

// The objects duplicates are found among, and the values that tell a
// pair's two records apart (besides the name and when each was created).
export const keyProperties: Record<string, string[]> = {
  [BuiltInObject.Contacts]: ['email', 'phone', 'jobtitle'],
  [BuiltInObject.Companies]: ['domain', 'city'],
};

export const findsDuplicates = (object: string) => Object.hasOwn(keyProperties, object);
