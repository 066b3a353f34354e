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
  }, [applied]);
  return applied;
}
