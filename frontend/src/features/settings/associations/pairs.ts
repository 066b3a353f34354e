import { LabelKind, type Label, type Limit, type ObjectDef, type Pair } from '../../../api/backend';

// Names and wording shared by the Associations settings (rules in
// docs/associations.md).

// An object as this page names it; an ID the schema no longer knows still
// gets a name.
export interface Named {
  id: string;
  singular: string;
  plural: string;
}

export function named(objects: ObjectDef[], id: string): Named {
  return objects.find((o) => o.id === id) ?? { id, singular: id, plural: id };
}

// lower puts a name in the middle of a sentence: "Deals" → "deals", but
// "NGOs" stays "NGOs".
export function lower(name: string): string {
  if (name.length > 1 && name[1] !== name[1].toLowerCase()) return name;
  return name.charAt(0).toLowerCase() + name.slice(1);
}

// count says "1 company" or "3 companies".
export function count(n: number, o: Named): string {
  return `${n.toLocaleString()} ${lower(n === 1 ? o.singular : o.plural)}`;
}

// otherOf is the pair's other object, seen from one of its two.
export function otherOf(pair: Pair, object: string): string {
  return pair.a === object ? pair.b : pair.a;
}

export const kindLabels: Record<LabelKind, string> = {
  single: 'Single',
  paired: 'Paired',
  primary: 'Primary (one per record)',
};

// labelTitle is a label's name as the list shows it: "Advisor", or
// "Manager ↔ Employee" when it reads differently each way.
export function labelTitle(l: Label): string {
  return l.kind === LabelKind.Single || l.inverse === l.name ? l.name : `${l.name} ↔ ${l.inverse}`;
}

// A label as read from one side of a pair.
export interface SideLabel {
  id: number;
  inverse: boolean;
  name: string;
}

// labelsFrom lists the labels a record of from reads on its associations
// with the pair's other object, as the backend's Options does: a paired or
// primary label of a pair of one object is offered once per direction.
export function labelsFrom(pair: Pair, from: string): SideLabel[] {
  const out: SideLabel[] = [];
  for (const l of pair.labels) {
    if (l.from === from) out.push({ id: l.id, inverse: false, name: l.name });
    if (l.to === from && (l.from !== l.to || l.kind !== LabelKind.Single)) out.push({ id: l.id, inverse: true, name: l.inverse });
  }
  return out;
}

// limitLabel is the name of a limit's label read from the limit's side ("" for
// a limit on all associations; the ID when the label is gone).
export function limitLabel(pair: Pair, limit: Limit): string {
  if (limit.label === 0) return '';
  const l = pair.labels.find((x) => x.id === limit.label);
  if (!l) return `#${limit.label}`;
  return limit.inverse ? l.inverse : l.name;
}

// limitSentence says what a limit allows: "Each deal can have at most 1
// company" (labelled “Buyer”).
export function limitSentence(pair: Pair, limit: Limit, from: Named, to: Named): string {
  const name = limitLabel(pair, limit);
  return `Each ${lower(from.singular)} can have at most ${count(limit.max, to)}${name ? ` labelled “${name}”` : ''}`;
}

// exceedingSentence says how many records are already over a limit.
export function exceedingSentence(n: number, from: Named): string {
  return n === 1
    ? `1 ${lower(from.singular)} already has more; it keeps its associations`
    : `${n.toLocaleString()} ${lower(from.plural)} already have more; they keep their associations`;
}

// usageSentence says how many associations carry a label, before deleting it.
export function usageSentence(title: string, n: number): string {
  if (n === 0) return `“${title}” is not used by any association.`;
  if (n === 1) return `“${title}” is on 1 association. Deleting it removes it from that association. The association stays.`;
  return `“${title}” is on ${n.toLocaleString()} associations. Deleting it removes it from all of them. The associations stay.`;
}
