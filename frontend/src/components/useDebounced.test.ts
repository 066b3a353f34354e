import { act, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useDebounced } from './useDebounced';

describe('useDebounced', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('follows a value once it has stayed the same for the delay', () => {
    const { result, rerender } = renderHook(({ v }) => useDebounced(v, 100), { initialProps: { v: 'a' } });
    rerender({ v: 'ab' });
    act(() => vi.advanceTimersByTime(60));
    rerender({ v: 'abc' });
    act(() => vi.advanceTimersByTime(60));
    expect(result.current).toBe('a'); // still typing
    act(() => vi.advanceTimersByTime(40));
    expect(result.current).toBe('abc');
  });

  it('follows an empty text at once, so a cleared box shows nothing stale', () => {
    const { result, rerender } = renderHook(({ v }) => useDebounced(v, 100), { initialProps: { v: 'abc' } });
    rerender({ v: '' });
    expect(result.current).toBe('');
  });

  it('debounces any value, such as a scroll range', () => {
    const first = { start: 0, end: 10 };
    const { result, rerender } = renderHook(({ v }) => useDebounced(v, 40), { initialProps: { v: first } });
    const next = { start: 50, end: 60 };
    rerender({ v: next });
    expect(result.current).toBe(first);
    act(() => vi.advanceTimersByTime(40));
    expect(result.current).toBe(next);
  });
});
