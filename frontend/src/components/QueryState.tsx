import { LoaderCircle } from 'lucide-react';
import { toAppError } from '../api/errors';

// queryState is what a part of a page shows while its data loads (a
// spinner and what is loading) or once loading failed (the reason); null
// when there is data to show.
export function queryState(query: { isPending: boolean; error: unknown }, loading: string, className = '') {
  if (query.isPending) {
    return (
      <p className={`muted ${className}`.trim()} role="status">
        <LoaderCircle className="spin" size={14} aria-hidden /> {loading}
      </p>
    );
  }
  if (query.error) {
    return (
      <p className="field-error" role="alert">
        {toAppError(query.error).message}
      </p>
    );
  }
  return null;
}
