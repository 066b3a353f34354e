import { renderHook } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { applyRememberedTheme, resolveTheme, useAppliedTheme } from './theme';

describe('resolveTheme', () => {
  it('follows the OS for "system"', () => {
    expect(resolveTheme('system', true)).toBe('dark');
    expect(resolveTheme('system', false)).toBe('light');
  });
  it('lets an explicit choice win over the OS', () => {
    expect(resolveTheme('light', true)).toBe('light');
    expect(resolveTheme('dark', false)).toBe('dark');
  });
});

describe('the theme before the settings are read', () => {
  beforeEach(() => {
    localStorage.clear();
    delete document.documentElement.dataset.theme;
  });

  it('is the one the window last showed', () => {
    renderHook(() => useAppliedTheme('dark'));
    expect(document.documentElement.dataset.theme).toBe('dark');
    delete document.documentElement.dataset.theme; // a new start
    applyRememberedTheme();
    expect(document.documentElement.dataset.theme).toBe('dark');
  });

  it('follows the OS the first time', () => {
    applyRememberedTheme();
    expect(document.documentElement.dataset.theme).toBe('light'); // the test setup's OS is light
  });
});
