import { Settings } from 'lucide-react';
import { builtInObjects } from '../records/objects';
import type { View } from './navigation';

export function Sidebar({ view, onNavigate }: { view: View; onNavigate: (v: View) => void }) {
  return (
    <nav className="sidebar" aria-label="Main">
      <div className="brand">
        <span className="brand-mark" aria-hidden>
          F
        </span>
        Fieldbook
      </div>
      <ul className="nav-list">
        {builtInObjects.map(({ id, plural, icon: Icon }) => (
          <li key={id}>
            <a
              href={`#/${id}`}
              className="nav-item"
              aria-current={view === id ? 'page' : undefined}
              onClick={(e) => {
                e.preventDefault();
                onNavigate(id);
              }}
            >
              <Icon size={16} aria-hidden />
              {plural}
            </a>
          </li>
        ))}
      </ul>
      <ul className="nav-list nav-bottom">
        <li>
          <a
            href="#/settings"
            className="nav-item"
            aria-current={view === 'settings' ? 'page' : undefined}
            onClick={(e) => {
              e.preventDefault();
              onNavigate('settings');
            }}
          >
            <Settings size={16} aria-hidden />
            Settings
          </a>
        </li>
      </ul>
    </nav>
  );
}
