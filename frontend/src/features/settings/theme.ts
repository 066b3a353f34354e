import { useEffect, useState } from 'react';
import type { Theme } from '../../api/backend';

export type AppliedTheme = 'light' | 'dark';

const darkQuery = '(prefers-color-scheme: dark)';

export function resolveTheme(preference: Theme, osPrefersDark: boolean): AppliedTheme {
  if (preference === 'system') return osPrefersDark ? 'dark' : 'light';
  return preference;
}

// useAppliedTheme sets <html data-theme> from the preference, following the
// OS live while the preference is "system".
export function useAppliedTheme(preference: Theme): AppliedTheme {
  const [osDark, setOsDark] = useState(() => window.matchMedia(darkQuery).matches);

  useEffect(() => {
    const media = window.matchMedia(darkQuery);
    const onChange = (e: MediaQueryListEvent) => setOsDark(e.matches);
    media.addEventListener('change', onChange);
    return () => media.removeEventListener('change', onChange);
  }, []);

  const applied = resolveTheme(preference, osDark);
  useEffect(() => {
    document.documentElement.dataset.theme = applied;
    try {
      localStorage.setItem(rememberedKey, applied);
    } catch {
      // no storage: the next start shows the OS theme until settings load
    }
  }, [applied]);
  return applied;
}

const rememberedKey = 'fieldbook.theme';

// applyRememberedTheme puts back the theme the window last showed, before
// the settings are read (with a large data folder, "Opening your data…"
// would otherwise flash in the OS theme).
export function applyRememberedTheme() {
  let theme: string | null;
  try {
    theme = localStorage.getItem(rememberedKey);
  } catch {
    return;
  }
  if (theme === 'light' || theme === 'dark') document.documentElement.dataset.theme = theme;
  else document.documentElement.dataset.theme = resolveTheme('system', window.matchMedia(darkQuery).matches);
}
