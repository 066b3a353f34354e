import type { ObjectDef } from '../../../api/backend';
import type { Route } from '../../shell/navigation';
import { objectAbout, objectIcon } from '../objects';

// The index page of one object (placeholder until the table lands).
export function IndexPage({ object }: { object: ObjectDef; navigate: (r: Route) => void }) {
  const Icon = objectIcon(object.id);
  return (
    <div className="page">
      <header className="page-header">
        <h1>{object.plural}</h1>
      </header>
      <div className="page-body">
        <div className="empty-state" role="status">
          <Icon className="empty-icon" aria-hidden size={40} strokeWidth={1.5} />
          <h2>No {object.plural.toLowerCase()} yet</h2>
          <p>{objectAbout(object)}</p>
        </div>
      </div>
    </div>
  );
}
