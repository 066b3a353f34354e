import type { ObjectDef } from '../../../api/backend';
import type { Route } from '../../shell/navigation';

// An object's recycle bin (placeholder).
export function RecycleBinPage({ object }: { object: ObjectDef; navigate: (r: Route) => void }) {
  return (
    <div className="page">
      <header className="page-header">
        <h1>Recycle bin: {object.plural}</h1>
      </header>
    </div>
  );
}
