import { BuiltInObject, type ObjectDef, type Property, type PropertyType } from '../api/backend';

// Fresh objects on every call, so a test may change what it gets.

export function property(name: string, label: string, type: PropertyType = 'text', builtIn = true): Property {
  return { name, label, type, options: null, builtIn };
}

// contactNameProperties are the built-in properties a contact's name is made of.
export function contactNameProperties(): Property[] {
  return [property('firstname', 'First name'), property('lastname', 'Last name'), property('email', 'Email', 'email')];
}

// objectDef is an object as the backend sends it, with the rules it
// carries worked out again as Go does (schema.ObjectDef.View), so a fake
// backend that changed its properties answers what Go would.
export function objectDef(o: Omit<ObjectDef, 'retired' | 'primaryCompany' | 'nameCandidates'> & Partial<ObjectDef>): ObjectDef {
  const nameTypes: PropertyType[] = ['text', 'email', 'phone', 'url'];
  return {
    retired: [],
    ...o,
    primaryCompany: o.id !== BuiltInObject.Companies,
    nameCandidates: o.builtIn ? [] : o.properties.filter((p) => nameTypes.includes(p.type)).map((p) => p.name),
  };
}

// contactsObject is the built-in Contacts object with the given properties.
export function contactsObject(properties: Property[] = []): ObjectDef {
  return objectDef({ id: BuiltInObject.Contacts, num: 1, singular: 'Contact', plural: 'Contacts', builtIn: true, displayProperty: '', properties });
}

// companiesObject is the built-in Companies object (named by "name") with the
// given properties.
export function companiesObject(properties: Property[] = [property('name', 'Company name')]): ObjectDef {
  return objectDef({ id: BuiltInObject.Companies, num: 2, singular: 'Company', plural: 'Companies', builtIn: true, displayProperty: 'name', properties });
}
