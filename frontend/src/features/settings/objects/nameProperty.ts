import { BuiltInObject, type ObjectDef, type Property } from '../../../api/backend';

// A contact's name is "first last", falling back to the email.
const contactNameProperties = ['firstname', 'lastname', 'email'];

// isNameProperty says whether a property makes up the record's name.
export function isNameProperty(object: ObjectDef, property: Property): boolean {
  if (object.id === BuiltInObject.Contacts) return contactNameProperties.includes(property.name);
  return property.name === object.displayProperty;
}

// canNameBy says whether an object's records could be named by a property
// they are not named by yet (the backend lists the properties that can).
export function canNameBy(object: ObjectDef, property: Property): boolean {
  return property.name !== object.displayProperty && object.nameCandidates.includes(property.name);
}
