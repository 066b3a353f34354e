import { useCallback, useEffect, useState } from 'react';

// A route is one page of the app, kept in the URL hash so the WebView's
// back/forward and record links work the same way:
//   #/contacts            index page of an object
//   #/contacts?with=<id>  …showing only the records associated with <id>
//   #/contacts?search=ann …searched for "ann" (Ctrl+K's "Show all")
//   #/contacts/<id>       record page
//   #/contacts/bin        the object's recycle bin
//   #/contacts/duplicates the object's likely duplicates (contacts, companies)
//   #/settings            settings (general)
//   #/settings/objects    settings → objects and properties
//   #/settings/associations settings → associations
//   #/settings/activities  settings → activities (association rules)
//   #/settings/imports     settings → imports (the imports made, undo)
//   #/settings/companies   settings → companies (companies by domain)
//   #/settings/data-quality settings → data quality (duplicates)
export type Route =
  | { page: 'index'; object: string; with?: string; search?: string }
  | { page: 'record'; object: string; id: string }
  | { page: 'bin'; object: string }
  | { page: 'duplicates'; object: string }
  | { page: 'settings'; section: SettingsSection };

export type SettingsSection = 'general' | 'objects' | 'associations' | 'activities' | 'imports' | 'companies' | 'data-quality';

const settingsSections: SettingsSection[] = ['general', 'objects', 'associations', 'activities', 'imports', 'companies', 'data-quality'];

export const defaultRoute: Route = { page: 'index', object: 'contacts' };

const objectPattern = /^[a-z][a-z0-9_]{0,63}$/;
const idPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function parseRoute(hash: string): Route {
  const [path, query = ''] = hash.replace(/^#\/?/, '').split('?');
  const [first = '', second = ''] = path.split('/');
  if (first === 'settings') {
    const section = settingsSections.find((s) => s === second) ?? 'general';
    return { page: 'settings', section };
  }
  if (!objectPattern.test(first)) return defaultRoute;
  if (second === 'bin') return { page: 'bin', object: first };
  if (second === 'duplicates') return { page: 'duplicates', object: first };
  if (idPattern.test(second)) return { page: 'record', object: first, id: second.toLowerCase() };
  const params = new URLSearchParams(query);
  const withID = params.get('with');
  const search = params.get('search')?.trim();
  return {
    page: 'index',
    object: first,
    ...(withID && idPattern.test(withID) ? { with: withID.toLowerCase() } : {}),
    ...(search ? { search } : {}),
  };
}

export function routeHash(route: Route): string {
  switch (route.page) {
    case 'index': {
      const params = new URLSearchParams();
      if (route.with) params.set('with', route.with);
      if (route.search) params.set('search', route.search);
      const query = params.toString();
      return query ? `#/${route.object}?${query}` : `#/${route.object}`;
    }
    case 'record':
      return `#/${route.object}/${route.id}`;
    case 'bin':
      return `#/${route.object}/bin`;
    case 'duplicates':
      return `#/${route.object}/duplicates`;
    case 'settings':
      return route.section === 'general' ? '#/settings' : `#/settings/${route.section}`;
  }
}

export function useRoute(): [Route, (r: Route) => void] {
  const [route, setRoute] = useState<Route>(() => parseRoute(window.location.hash));
  useEffect(() => {
    const onHash = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  const navigate = useCallback((r: Route) => {
    window.location.hash = routeHash(r);
    setRoute(r);
  }, []);
  return [route, navigate];
}
