import * as Popover from '@radix-ui/react-popover';
import { useQuery } from '@tanstack/react-query';
import { ArrowRight } from 'lucide-react';
import { associationsKey, backend, type AssociationCell, type RecordData } from '../../../api/backend';
import { toAppError } from '../../../api/errors';
import type { IndexColumn } from '../../records/index/useColumns';
import { RouteLink } from '../../records/record/RecordPage';
import type { Route } from '../../shell/navigation';

// AssocCell is one association column's cell on an index page: "[n]
// records", opening a popover with their names and "View associated …";
// or, for the primary company, its name.
export function AssocCell({
  record,
  column,
  cell,
  navigate,
}: {
  record: RecordData;
  column: IndexColumn;
  cell: AssociationCell | undefined;
  navigate: (r: Route) => void;
}) {
  const other = column.assoc!.object;
  if (!cell) return <span className="idx-skeleton" style={{ width: '50%' }} />;
  if (column.assoc!.primary) {
    if (!cell.id) return <span className="muted">—</span>;
    return (
      <RouteLink to={{ page: 'record', object: other.id, id: cell.id }} navigate={navigate} className="idx-assoc-link">
        {cell.name || `Unnamed ${other.singular.toLowerCase()}`}
      </RouteLink>
    );
  }
  if (cell.count === 0) return <span className="muted">—</span>;
  const text = `${cell.count.toLocaleString()} ${cell.count === 1 ? 'record' : 'records'}`;
  return (
    <Popover.Root>
      <Popover.Trigger asChild>
        <button type="button" className="idx-assoc-count" aria-label={`${text}: ${other.plural} of ${record.displayName || 'this record'}`}>
          {text}
        </button>
      </Popover.Trigger>
      <Popover.Portal>
        <Popover.Content className="idx-popover idx-assoc-popover" align="start" sideOffset={4} aria-label={`Associated ${other.plural.toLowerCase()}`}>
          <AssociatedList record={record} other={column.assoc!.object.id} plural={other.plural} count={cell.count} navigate={navigate} />
        </Popover.Content>
      </Popover.Portal>
    </Popover.Root>
  );
}

const shownInPopover = 10;

function AssociatedList({
  record,
  other,
  plural,
  count,
  navigate,
}: {
  record: RecordData;
  other: string;
  plural: string;
  count: number;
  navigate: (r: Route) => void;
}) {
  const page = useQuery({
    queryKey: [...associationsKey, 'summary', record.id, other, 'popover'],
    queryFn: () => backend.associationPage(record.id, other, 0, shownInPopover),
  });
  return (
    <div className="idx-assoc-list">
      <h2 className="idx-popover-title">
        {plural} of {record.displayName || 'this record'}
      </h2>
      {page.isPending && <p className="muted">Loading…</p>}
      {page.error && (
        <p className="field-error" role="alert">
          {toAppError(page.error).message}
        </p>
      )}
      {page.data && (
        <ul>
          {page.data.items.map((a) => (
            <li key={a.id}>
              <RouteLink to={{ page: 'record', object: other, id: a.id }} navigate={navigate}>
                {a.name || 'Unnamed record'}
              </RouteLink>
              {a.primary && <span className="assoc-primary">Primary</span>}
            </li>
          ))}
        </ul>
      )}
      {count > shownInPopover && <p className="muted">and {(count - shownInPopover).toLocaleString()} more</p>}
      <button type="button" className="button idx-tool" onClick={() => navigate({ page: 'index', object: other, with: record.id })}>
        View associated {plural.toLowerCase()} <ArrowRight size={13} aria-hidden />
      </button>
    </div>
  );
}
