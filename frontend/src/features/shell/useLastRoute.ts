import { useEffect, useRef } from 'react';
import { backend } from '../../api/backend';
import { parseRoute, routeHash, type Route } from './navigation';

const key = 'lastRoute';

// useLastRoute reopens the page the user was on when Fieldbook last closed
// (when it starts without a link of its own), and remembers each page.
export function useLastRoute(route: Route, navigate: (r: Route) => void) {
  const restored = useRef(false);

  useEffect(() => {
    if (restored.current) return;
    restored.current = true;
    if (window.location.hash !== '') return;
    backend
      .preference<string>(key)
      .then((saved) => {
        if (saved && window.location.hash === '') navigate(parseRoute(saved));
      })
      .catch(() => {}); // a missing preference only means the default page
  }, [navigate]);

  const hash = routeHash(route);
  useEffect(() => {
    const timer = window.setTimeout(() => void backend.savePreference(key, hash).catch(() => {}), 400);
    return () => window.clearTimeout(timer);
  }, [hash]);
}
