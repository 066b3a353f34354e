import { useQuery, useQueryClient } from '@tanstack/react-query';
import { activitiesKey, backend, type RecordData } from '../../api/backend';
import { toAppError } from '../../api/errors';
import type { Route } from '../shell/navigation';
import { RouteLink } from '../records/record/RecordPage';
import { LinkedRecords } from './ActivityItem';

// ActivityRecordsCard is an activity's own page's right column (a task
// opened from the Tasks page): the records whose timelines show it, with
// the dropdown that changes them. Activities have no association cards:
// their associations are not pairs with labels.
export function ActivityRecordsCard({ record, navigate }: { record: RecordData; navigate: (r: Route) => void }) {
  const client = useQueryClient();
  const key = [...activitiesKey, 'activity', record.id];
  const activity = useQuery({ queryKey: key, queryFn: () => backend.getActivity(record.id) });
  const refresh = () => client.invalidateQueries({ queryKey: activitiesKey });
  return (
    <div className="activity-records-card">
      <h2 id="associations-heading">Associated with</h2>
      {activity.isPending && <p className="muted">Loading…</p>}
      {activity.isError && (
        <p className="field-error" role="alert">
          {toAppError(activity.error).message}
        </p>
      )}
      {activity.data && (
        <>
          <ul className="activity-records">
            {activity.data.records.map((r) => (
              <li key={r.id}>
                <RouteLink to={{ page: 'record', object: r.object, id: r.id }} navigate={navigate}>
                  {r.name || 'Unnamed record'}
                </RouteLink>
              </li>
            ))}
          </ul>
          <LinkedRecords activity={activity.data} readOnly={!!record.deletedAt} onChanged={refresh} />
        </>
      )}
    </div>
  );
}
