import type { ObjectDef, Property } from '../../../api/backend';

// A contact's name is "first last", falling back to the email.
const contactNameProperties = ['firstname', 'lastname', 'email'];

// isNameProperty says whether a property makes up the record's name.
export function isNameProperty(object: ObjectDef, property: Property): boolean {
  if (object.id === 'contacts') return contactNameProperties.includes(property.name);
  return property.name === object.displayProperty;
}
