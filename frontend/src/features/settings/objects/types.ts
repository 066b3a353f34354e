import type { ObjectDef, Property, PropertyType } from '../../../api/backend';

// The property types a user can choose, in the order the menu offers them.
export const propertyTypes: { value: PropertyType; label: string }[] = [
  { value: 'text', label: 'Single-line text' },
  { value: 'long_text', label: 'Multi-line text' },
  { value: 'number', label: 'Number' },
  { value: 'currency', label: 'Currency' },
  { value: 'date', label: 'Date' },
  { value: 'datetime', label: 'Date and time' },
  { value: 'bool', label: 'Yes/no' },
  { value: 'dropdown', label: 'Dropdown' },
  { value: 'email', label: 'Email' },
  { value: 'phone', label: 'Phone' },
  { value: 'url', label: 'URL / domain' },
];

export function typeLabel(type: PropertyType): string {
  return propertyTypes.find((t) => t.value === type)?.label ?? type;
}

// A contact's name is "first last", falling back to the email.
const contactNameProperties = ['firstname', 'lastname', 'email'];

// isNameProperty says whether a property makes up the record's name.
export function isNameProperty(object: ObjectDef, property: Property): boolean {
  if (object.id === 'contacts') return contactNameProperties.includes(property.name);
  return property.name === object.displayProperty;
}
