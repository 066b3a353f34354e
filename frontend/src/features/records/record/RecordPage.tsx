import type { ObjectDef } from '../../../api/backend';
import type { Route } from '../../shell/navigation';

// The record page (placeholder).
export function RecordPage({ object, id }: { object: ObjectDef; id: string; navigate: (r: Route) => void }) {
  return (
    <div className="page">
      <header className="page-header">
        <h1>
          {object.singular} {id}
        </h1>
      </header>
    </div>
  );
}
