import { useQuery } from '@tanstack/react-query';
import { LoaderCircle } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import { backend, BuiltInObject, onMenu, type AppInfo, type ObjectDef } from '../../api/backend';
import { toAppError } from '../../api/errors';
import { TasksPage } from '../activities/TasksPage';
import { CurrentView, type ExportView } from '../export/currentView';
import { ExportDialog } from '../export/ExportDialog';
import { ImportWizard } from '../import/ImportWizard';
import { isOpenLinkKey, OpenLinkDialog, useOpenLink } from '../links/OpenLinkDialog';
import { ProfileGate } from '../profile/ProfileGate';
import { RecycleBinPage } from '../records/bin/RecycleBinPage';
import { DuplicatesPage } from '../duplicates/DuplicatesPage';
import { IndexPage } from '../records/index/IndexPage';
import { hasIndexPage } from '../records/objects';
import { RecordPage } from '../records/record/RecordPage';
import { findObject, useObjects } from '../records/useObjects';
import { SearchBox } from '../search/SearchBox';
import { SettingsPage } from '../settings/SettingsPage';
import { useAppliedTheme } from '../settings/theme';
import { useSettings } from '../settings/useSettings';
import { routeHash, useRoute, type Route } from './navigation';
import { useLastRoute } from './useLastRoute';
import { ProblemScreen } from './ProblemScreen';
import { Sidebar } from './Sidebar';

export function App() {
  const info = useQuery({ queryKey: ['info'], queryFn: backend.info, staleTime: Infinity });

  if (info.isPending) return <Opening />;
  if (info.error) return <ProblemScreen problem={toAppError(info.error)} onQuit={() => void backend.quit()} />;
  if (info.data.problem) return <ProblemScreen problem={info.data.problem} onQuit={() => void backend.quit()} />;
  return <Workspace info={info.data} />;
}

// Opening is the window while the backend reads the data folder (seconds
// with a large one): after a moment it says so, so the window never just
// stays blank.
function Opening() {
  const [slow, setSlow] = useState(false);
  useEffect(() => {
    const t = setTimeout(() => setSlow(true), 300);
    return () => clearTimeout(t);
  }, []);
  return (
    <div className="loading" aria-busy="true">
      {slow && (
        <p className="muted loading-text" role="status">
          <LoaderCircle className="spin" size={16} aria-hidden /> Opening your data…
        </p>
      )}
    </div>
  );
}

function Workspace({ info }: { info: AppInfo }) {
  const settings = useSettings();
  useAppliedTheme(settings.data?.theme ?? 'system');
  const objects = useObjects();
  const [route, navigate] = useRoute();
  useLastRoute(route, navigate);
  const search = useRef<HTMLInputElement>(null);
  // Open link (Ctrl/Cmd+L, File → Open Link…), and links Fieldbook is
  // launched with or handed by a second launch.
  const openLink = useOpenLink(navigate);
  const showOpenLink = openLink.show;
  // File → Import… and File → Export… act on the index page shown, if any:
  // it keeps its object and view in currentView.
  const currentView = useRef<ExportView | null>(null);
  const [fileDialog, setFileDialog] = useState<{ kind: 'import' | 'export'; view: ExportView | null } | null>(null);
  const closeFileDialog = (open: boolean) => !open && setFileDialog(null);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'k') {
        e.preventDefault();
        search.current?.focus();
        search.current?.select();
      }
      if (isOpenLinkKey(e)) {
        e.preventDefault();
        showOpenLink();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [showOpenLink]);

  useEffect(
    () =>
      onMenu((command) => {
        if (command === 'search') search.current?.focus();
        if (command === 'settings') navigate({ page: 'settings', section: 'general' });
        if (command === 'open-link') showOpenLink();
        if (command === 'import' || command === 'export') setFileDialog({ kind: command, view: currentView.current });
      }),
    [navigate, showOpenLink],
  );

  if (objects.isPending) return <Opening />;
  if (objects.error) return <ProblemScreen problem={toAppError(objects.error)} onQuit={() => void backend.quit()} />;

  return (
    <ProfileGate>
      <div className="app">
        <Sidebar objects={objects.data} route={route} navigate={navigate} />
        <div className="main">
          <div className="topbar">
            <SearchBox ref={search} navigate={navigate} />
          </div>
          <main className="content">
            <CurrentView.Provider value={currentView}>
              <Page route={route} objects={objects.data} info={info} navigate={navigate} />
            </CurrentView.Provider>
          </main>
        </div>
        <OpenLinkDialog prompt={openLink.prompt} onClose={openLink.close} navigate={navigate} />
        {/* Always there: closed during an import, it shows the import's progress when opened again. */}
        <ImportWizard open={fileDialog?.kind === 'import'} onOpenChange={closeFileDialog} object={fileDialog?.view?.object.id} navigate={navigate} />
        {fileDialog?.kind === 'export' && <ExportDialog open onOpenChange={closeFileDialog} view={fileDialog.view ?? undefined} />}
      </div>
    </ProfileGate>
  );
}

function Page({ route, objects, info, navigate }: { route: Route; objects: ObjectDef[]; info: AppInfo; navigate: (r: Route) => void }) {
  if (route.page === 'settings') return <SettingsPage info={info} section={route.section} navigate={navigate} />;
  const object = findObject(objects, route.object);
  if (!object) {
    return (
      <div className="page">
        <div className="empty-state" role="status">
          <h2>This object does not exist</h2>
          <p>It may have been deleted. Choose an object on the left.</p>
        </div>
      </div>
    );
  }
  switch (route.page) {
    case 'record':
      return <RecordPage key={route.id} object={object} id={route.id} navigate={navigate} />;
    case 'bin':
      return <RecycleBinPage object={object} navigate={navigate} />;
    case 'duplicates':
      return <DuplicatesPage key={object.id} object={object} navigate={navigate} />;
    default: {
      if (!hasIndexPage(object)) {
        return (
          <div className="page">
            <div className="empty-state" role="status">
              <h2>{object.plural} have no list of their own</h2>
              <p>They are on the timelines of the records they are logged on. Open a contact, company, deal or ticket to see them.</p>
            </div>
          </div>
        );
      }
      const ListPage = object.id === BuiltInObject.Tasks ? TasksPage : IndexPage;
      return (
        <ListPage
          key={routeHash(route)} // a new search or filter starts afresh
          object={object}
          withRecord={route.with}
          initialSearch={route.search}
          navigate={navigate}
        />
      );
    }
  }
}
