import { describe, expect, it } from 'vitest';
import { defaultView, parseView } from './navigation';

describe('parseView', () => {
  it('reads the view from the hash', () => {
    expect(parseView('#/companies')).toBe('companies');
    expect(parseView('#/settings')).toBe('settings');
    expect(parseView('#/deals/0190a0b2-0000-7000-8000-000000000001')).toBe('deals');
  });
  it('falls back to the default for anything unknown', () => {
    expect(parseView('')).toBe(defaultView);
    expect(parseView('#/<script>')).toBe(defaultView);
    expect(parseView('#/constructor')).toBe(defaultView);
  });
});
