import { describe, expect, it } from 'vitest';
import { relativeTime } from './relativeTime';

describe('relativeTime', () => {
  const now = Date.parse('2025-03-10T12:00:00Z');
  it('says how long ago in the largest whole unit', () => {
    expect(relativeTime('2025-03-10T11:59:30Z', now)).toBe('just now');
    expect(relativeTime('2025-03-10T11:59:00Z', now)).toBe('1 minute ago');
    expect(relativeTime('2025-03-10T11:15:00Z', now)).toBe('45 minutes ago');
    expect(relativeTime('2025-03-10T09:00:00Z', now)).toBe('3 hours ago');
    expect(relativeTime('2025-03-09T12:00:00Z', now)).toBe('yesterday');
    expect(relativeTime('2025-02-24T12:00:00Z', now)).toBe('2 weeks ago');
    expect(relativeTime('2024-03-01T12:00:00Z', now)).toBe('last year');
  });
  it('gives back what it cannot read', () => {
    expect(relativeTime('soon', now)).toBe('soon');
  });
});
