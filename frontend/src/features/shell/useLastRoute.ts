import { useEffect, useRef, useState } from 'react';
import { backend } from '../../api/backend';
import { parseRoute, routeHash, type Route } from './navigation';

const key = 'lastRoute';

// useLastRoute reopens the page the user was on when Fieldbook last closed
// (when it starts without a link of its own), and remembers each page the
// user goes to afterwards. The page a window starts on is never saved: a
// window that only opened (a second window, a slow start) must not
// overwrite the page another one remembered.
export function useLastRoute(route: Route, navigate: (r: Route) => void) {
  const restored = useRef(false);
  const moved = useRef(false); // the user left the start page at least once
  // A window opened on a link starts there; otherwise it is known once the
  // remembered page is read.
  const [startHash, setStartHash] = useState<string | null>(() => window.location.hash || null);

  useEffect(() => {
    if (restored.current || startHash !== null) return;
    restored.current = true;
    backend
      .preference<string>(key)
      .then((saved) => {
        if (saved && window.location.hash === '') {
          navigate(parseRoute(saved));
          setStartHash(routeHash(parseRoute(saved)));
        } else {
          setStartHash(window.location.hash || routeHash(parseRoute('')));
        }
      })
      .catch(() => setStartHash(routeHash(parseRoute('')))); // a missing preference only means the default page
  }, [navigate, startHash]);

  const hash = routeHash(route);
  useEffect(() => {
    if (startHash === null || (!moved.current && hash === startHash)) return;
    moved.current = true;
    const timer = window.setTimeout(() => void backend.savePreference(key, hash).catch(() => {}), 400);
    return () => window.clearTimeout(timer);
  }, [hash, startHash]);
}
