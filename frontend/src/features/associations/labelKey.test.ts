import { describe, expect, it } from 'vitest';
import { labelKey, noLabelKey, parseLabelKey } from './labelKey';

describe('labelKey', () => {
  it('keys a label by its ID and side, and reads the key back', () => {
    expect(labelKey({ id: 12, inverse: true })).toBe('12:true');
    expect(labelKey({ id: 12, inverse: false })).not.toBe(labelKey({ id: 12, inverse: true }));
    for (const ref of [
      { id: 12, inverse: true },
      { id: 3, inverse: false },
    ])
      expect(parseLabelKey(labelKey(ref))).toEqual(ref);
    expect(parseLabelKey(noLabelKey)).toEqual({ id: 0, inverse: false });
  });
});
