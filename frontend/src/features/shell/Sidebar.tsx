import { Settings } from 'lucide-react';
import type { ReactNode } from 'react';
import { BuiltInObject, type ObjectDef } from '../../api/backend';
import { TasksBadge } from '../activities/TasksBadge';
import { hasIndexPage, objectIcon } from '../records/objects';
import { routeHash, type Route } from './navigation';

export function Sidebar({ objects, route, navigate }: { objects: ObjectDef[]; route: Route; navigate: (r: Route) => void }) {
  const current = route.page === 'settings' ? 'settings' : route.object;
  const link = (to: Route, key: string, label: string, Icon: ReturnType<typeof objectIcon>, badge?: ReactNode) => (
    <li key={key}>
      <a
        href={routeHash(to)}
        className="nav-item"
        aria-current={current === key ? 'page' : undefined}
        onClick={(e) => {
          e.preventDefault();
          navigate(to);
        }}
      >
        <Icon size={16} aria-hidden />
        <span className="nav-label">{label}</span>
        {badge}
      </a>
    </li>
  );
  return (
    <nav className="sidebar" aria-label="Main">
      <div className="brand">
        <span className="brand-mark" aria-hidden>
          F
        </span>
        Fieldbook
      </div>
      <ul className="nav-list">
        {objects
          .filter(hasIndexPage)
          .map((o) => link({ page: 'index', object: o.id }, o.id, o.plural, objectIcon(o.id), o.id === BuiltInObject.Tasks && <TasksBadge />))}
      </ul>
      <ul className="nav-list nav-bottom">{link({ page: 'settings', section: 'general' }, 'settings', 'Settings', Settings)}</ul>
    </nav>
  );
}
