import type { ObjectMeta } from './objects';

// The index page of one object. Until records exist it is the empty state
// that tells a newcomer what the object is for.
export function ObjectIndexPage({ object }: { object: ObjectMeta }) {
  const Icon = object.icon;
  return (
    <div className="page">
      <header className="page-header">
        <h1>{object.plural}</h1>
      </header>
      <div className="page-body">
        <div className="empty-state" role="status">
          <Icon className="empty-icon" aria-hidden size={40} strokeWidth={1.5} />
          <h2>No {object.plural.toLowerCase()} yet</h2>
          <p>{object.about}</p>
          <p className="muted">
            Your {object.plural.toLowerCase()} will be listed here, with the records they are associated with.
          </p>
        </div>
      </div>
    </div>
  );
}
