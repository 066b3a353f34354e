import type { LabelRef } from '../../api/backend';

// A label chosen in a form (a checkbox, a select's value, a set of choices)
// is keyed by its ID and the side it is read from, "12:true"; this is the
// one place that writes and reads that key.
export const labelKey = ({ id, inverse }: LabelRef): string => `${id}:${inverse}`;

export function parseLabelKey(key: string): LabelRef {
  const [id, inverse] = key.split(':');
  return { id: Number(id), inverse: inverse === 'true' };
}

// noLabelKey is label 0: no label, that is every association.
export const noLabelKey = labelKey({ id: 0, inverse: false });
