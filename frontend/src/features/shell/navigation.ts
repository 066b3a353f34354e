import { useCallback, useEffect, useState } from 'react';

// A view is one page of the app, kept in the URL hash (#/contacts) so the
// WebView's back/forward and later record links work the same way.
export type View = 'contacts' | 'companies' | 'deals' | 'tickets' | 'settings';

const views: View[] = ['contacts', 'companies', 'deals', 'tickets', 'settings'];
export const defaultView: View = 'contacts';

export function parseView(hash: string): View {
  const name = hash.replace(/^#\/?/, '').split('/')[0];
  return (views as string[]).includes(name) ? (name as View) : defaultView;
}

export function useView(): [View, (v: View) => void] {
  const [view, setView] = useState<View>(() => parseView(window.location.hash));
  useEffect(() => {
    const onHash = () => setView(parseView(window.location.hash));
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  const navigate = useCallback((v: View) => {
    window.location.hash = `/${v}`;
    setView(v);
  }, []);
  return [view, navigate];
}
