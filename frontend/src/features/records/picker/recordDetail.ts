import { BuiltInObject, type ObjectDef, type RecordData } from '../../../api/backend';
import { formatValue } from '../fields/format';

// recordDetail tells records of the same name apart, like the search's
// hits: the first email or URL, else the first other property set.
export function recordDetail(object: ObjectDef, r: RecordData): string {
  const other = object.properties.filter(
    (p) => p.name !== object.displayProperty && !(object.id === BuiltInObject.Contacts && (p.name === 'firstname' || p.name === 'lastname')),
  );
  const link = other.find((p) => (p.type === 'email' || p.type === 'url') && r.props[p.name] && r.props[p.name] !== r.displayName);
  if (link) return String(r.props[link.name]);
  for (const p of other) {
    const v = formatValue(p, r.props[p.name]);
    if (v && v !== r.displayName) return `${p.label}: ${v}`;
  }
  return '';
}
