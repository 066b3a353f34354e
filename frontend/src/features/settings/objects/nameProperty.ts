import type { ObjectDef, Property } from '../../../api/backend';

// A contact's name is "first last", falling back to the email.
const contactNameProperties = ['firstname', 'lastname', 'email'];

// isNameProperty says whether a property makes up the record's name.
export function isNameProperty(object: ObjectDef, property: Property): boolean {
  if (object.id === 'contacts') return contactNameProperties.includes(property.name);
  return property.name === object.displayProperty;
}

// The property types a custom object's records can be named by (the Go
// schema's nameTypes).
const nameTypes = ['text', 'email', 'phone', 'url'];

// canNameBy says whether a custom object's records could be named by a
// property they are not named by yet.
export function canNameBy(object: ObjectDef, property: Property): boolean {
  return !object.builtIn && property.name !== object.displayProperty && nameTypes.includes(property.type);
}
