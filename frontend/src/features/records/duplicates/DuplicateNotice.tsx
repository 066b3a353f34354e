import type { ObjectDef } from '../../../api/backend';
import { routeHash } from '../../shell/navigation';
import type { DuplicateWarning } from './useDuplicates';
import './duplicates.css';

// DuplicateNotice says that a record with the same email or domain already
// exists and links to it; the form still creates a new one if asked.
// onOpen runs as a link is followed (a dialog closes itself).
export function DuplicateNotice({ object, warnings, onOpen }: { object: ObjectDef; warnings: DuplicateWarning[]; onOpen?: () => void }) {
  if (warnings.length === 0) return null;
  return (
    <div className="dup-notice" role="status">
      {warnings.map(({ property, records }) => (
        <p key={property.name}>
          A {object.singular.toLowerCase()} with this {property.label.toLowerCase()} already exists:{' '}
          {records.map((r, i) => {
            const name = r.displayName || object.singular;
            return (
              <span key={r.id}>
                {i > 0 && ', '}
                {name} —{' '}
                <a href={routeHash({ page: 'record', object: object.id, id: r.id })} onClick={onOpen} aria-label={`Open ${name}`}>
                  Open
                </a>
              </span>
            );
          })}
        </p>
      ))}
    </div>
  );
}
