import type { ObjectDef, PropValue, RecordData } from '../../../api/backend';

export type Side = 'keep' | 'other';

const isEmpty = (v: PropValue | undefined) => v === null || v === undefined || v === '';

// same: two stored values are the same value (both empty counts).
export function same(a: PropValue | undefined, b: PropValue | undefined): boolean {
  if (isEmpty(a) && isEmpty(b)) return true;
  return a === b;
}

// defaultChoices takes the kept record's value of each property, or the
// other's where the kept one is empty.
export function defaultChoices(object: ObjectDef, keep: RecordData, other: RecordData): Record<string, Side> {
  const out: Record<string, Side> = {};
  for (const p of object.properties) {
    out[p.name] = isEmpty(keep.props[p.name]) && !isEmpty(other.props[p.name]) ? 'other' : 'keep';
  }
  return out;
}

// mergeProps is what the merge sends: the chosen values that differ from
// the kept record's (null clears a property).
export function mergeProps(object: ObjectDef, keep: RecordData, other: RecordData, choices: Record<string, Side>): Record<string, PropValue> {
  const out: Record<string, PropValue> = {};
  for (const p of object.properties) {
    if (choices[p.name] !== 'other') continue;
    const v = other.props[p.name];
    if (same(v, keep.props[p.name])) continue;
    out[p.name] = isEmpty(v) ? null : (v as PropValue);
  }
  return out;
}
