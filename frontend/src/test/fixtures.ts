import type { ObjectDef, Property, PropertyType } from '../api/backend';

// Fresh objects on every call, so a test may change what it gets.

export function property(name: string, label: string, type: PropertyType = 'text', builtIn = true): Property {
  return { name, label, type, options: null, builtIn };
}

// contactNameProperties are the built-in properties a contact's name is made of.
export function contactNameProperties(): Property[] {
  return [property('firstname', 'First name'), property('lastname', 'Last name'), property('email', 'Email', 'email')];
}

// contactsObject is the built-in Contacts object with the given properties.
export function contactsObject(properties: Property[] = []): ObjectDef {
  return { id: 'contacts', num: 1, singular: 'Contact', plural: 'Contacts', builtIn: true, displayProperty: '', properties };
}

// companiesObject is the built-in Companies object (named by "name") with the
// given properties.
export function companiesObject(properties: Property[] = [property('name', 'Company name')]): ObjectDef {
  return { id: 'companies', num: 2, singular: 'Company', plural: 'Companies', builtIn: true, displayProperty: 'name', properties };
}
