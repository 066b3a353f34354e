import { ChevronLeft } from 'lucide-react';
import type { ObjectDef } from '../../api/backend';
import { RouteLink } from '../records/record/RecordPage';
import type { Route } from '../shell/navigation';
import { DuplicatesView } from './DuplicatesView';
import { findsDuplicates } from './keys';
import '../records/record/record.css';

// DuplicatesPage is an index page's "Find duplicates": the object's likely
// duplicate pairs, with a way back to its list.
export function DuplicatesPage({ object, navigate }: { object: ObjectDef; navigate: (r: Route) => void }) {
  return (
    <div className="page">
      <nav className="record-breadcrumb" aria-label="Breadcrumb">
        <RouteLink to={{ page: 'index', object: object.id }} navigate={navigate}>
          <ChevronLeft size={14} aria-hidden />
          {object.plural}
        </RouteLink>
      </nav>
      <header className="page-header">
        <h1>Duplicate {object.plural.toLowerCase()}</h1>
      </header>
      <div className="page-body">
        {findsDuplicates(object.id) ? (
          <DuplicatesView key={object.id} object={object} navigate={navigate} />
        ) : (
          <div className="empty-state" role="status">
            <h2>Duplicates are found among contacts and companies</h2>
            <p>{object.plural} are not checked for duplicates.</p>
          </div>
        )}
      </div>
    </div>
  );
}
