import type { Property, PropertyOption, PropertyType } from '../../../api/backend';

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
  { value: 'domains', label: 'Domains (several)' },
];

export function typeLabel(type: PropertyType): string {
  return propertyTypes.find((t) => t.value === type)?.label ?? type;
}

const yesNo: PropertyOption[] = [
  { value: 'true', label: 'Yes' },
  { value: 'false', label: 'No' },
];

// choiceOptions lists what a property is chosen from in a <select> (the
// values are input text, see toInputValue), or null when it is typed.
export function choiceOptions(property: Property | undefined): PropertyOption[] | null {
  if (property?.type === 'bool') return yesNo;
  if (property?.type === 'dropdown') return property.options ?? [];
  return null;
}
