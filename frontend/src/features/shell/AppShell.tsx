import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { backend, onMenu, type AppInfo } from '../../api/backend';
import { toAppError } from '../../api/errors';
import { ObjectIndexPage } from '../records/ObjectIndexPage';
import { builtInObjects } from '../records/objects';
import { SettingsPage } from '../settings/SettingsPage';
import { useAppliedTheme } from '../settings/theme';
import { useSettings } from '../settings/useSettings';
import { useView, type View } from './navigation';
import { ProblemScreen } from './ProblemScreen';
import { SearchBox } from './SearchBox';
import { Sidebar } from './Sidebar';

export function App() {
  const info = useQuery({ queryKey: ['info'], queryFn: backend.info, staleTime: Infinity });

  if (info.isPending) return <div className="loading" aria-busy="true" />;
  if (info.error) return <ProblemScreen problem={toAppError(info.error)} onQuit={() => void backend.quit()} />;
  if (info.data.problem) return <ProblemScreen problem={info.data.problem} onQuit={() => void backend.quit()} />;
  return <Workspace info={info.data} />;
}

function Workspace({ info }: { info: AppInfo }) {
  const settings = useSettings();
  useAppliedTheme(settings.data?.theme ?? 'system');
  const [view, navigate] = useView();
  const search = useRef<HTMLInputElement>(null);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'k') {
        e.preventDefault();
        search.current?.focus();
        search.current?.select();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  useEffect(
    () =>
      onMenu((command) => {
        if (command === 'search') search.current?.focus();
        if (command === 'settings') navigate('settings');
      }),
    [navigate],
  );

  return (
    <div className="app">
      <Sidebar view={view} onNavigate={navigate} />
      <div className="main">
        <div className="topbar">
          <SearchBox ref={search} />
        </div>
        <main className="content">
          <Page view={view} info={info} />
        </main>
      </div>
    </div>
  );
}

function Page({ view, info }: { view: View; info: AppInfo }) {
  if (view === 'settings') return <SettingsPage info={info} />;
  const object = builtInObjects.find((o) => o.id === view) ?? builtInObjects[0];
  return <ObjectIndexPage object={object} />;
}
