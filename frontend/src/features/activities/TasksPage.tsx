import * as Popover from '@radix-ui/react-popover';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { CircleAlert, X } from 'lucide-react';
import { useMemo, useState, type ComponentProps, type ReactNode } from 'react';
import { activitiesKey, backend, BuiltInObject, type LinkedRecord, type ObjectDef, type Property, type RecordData } from '../../api/backend';
import { toAppError } from '../../api/errors';
import { formatValue } from '../records/fields/format';
import { IndexPage } from '../records/index/IndexPage';
import { displayName, type LeadingColumn, type Sort } from '../records/index/RecordTable';
import type { IndexColumn, LoadedColumn } from '../records/index/useColumns';
import { recordsKey } from '../records/index/useRecordBlocks';
import { ObjectIcon } from '../records/objects';
import { RouteLink } from '../records/record/RecordPage';
import { findObject, useObjects } from '../records/useObjects';
import type { Route } from '../shell/navigation';
import { formatDue, isOverdue, taskCompleted, taskNotStarted, taskQuickFilters } from './TasksFilters';
import './Tasks.css';

const quickFilters = taskQuickFilters();

// Soonest first (tasks without a due date come last) until the user sorts.
export const dueFirst: Sort = { sort: 'due', desc: false };

// The "Associated with" column's id in the columns preference: no property
// is named with a "~".
export const associatedColumnId = '~associated';
const defaultColumns = ['due', 'status', 'priority', 'type', associatedColumnId];

// How many of a task's records its cell names before "+N more".
export const namedRecords = 2;

type PageProps = Omit<
  ComponentProps<typeof IndexPage>,
  'quickFilters' | 'leadingColumn' | 'extraColumns' | 'defaultColumns' | 'defaultSort' | 'propertyCells'
>;

// TasksPage is the tasks' index page: the usual table, filters and bulk
// actions, plus quick filters by due date, a checkbox that completes or
// reopens a task in place, the records each task is on, and overdue tasks
// marked. Until the user chooses, it shows the soonest due first.
export function TasksPage(props: PageProps) {
  const { object, navigate } = props;
  const [error, setError] = useState('');
  const objects = useObjects().data;
  const leadingColumn = useMemo<LeadingColumn>(
    () => ({ id: '_completed', label: 'Completed', render: (r) => <TaskCheck key={r.id} task={r} setError={setError} /> }),
    [],
  );
  const extraColumns = useMemo(() => [associatedColumn(objects, navigate)], [objects, navigate]);
  const propertyCells = useMemo(() => {
    const due = object.properties.find((p) => p.name === 'due');
    // Wide enough for "Yesterday, 12:30 PM" behind the overdue mark.
    return due && { due: { render: (r: RecordData) => <TaskDue task={r} property={due} />, width: { min: 160, fr: 1 } } };
  }, [object]);
  return (
    <>
      <IndexPage
        {...props}
        quickFilters={quickFilters}
        initialQuick="open"
        leadingColumn={leadingColumn}
        extraColumns={extraColumns}
        defaultColumns={defaultColumns}
        defaultSort={dueFirst}
        propertyCells={propertyCells}
      />
      {error && (
        <div className="tasks-error" role="alert">
          <span>{error}</span>
          <button type="button" className="icon-button" aria-label="Dismiss" onClick={() => setError('')}>
            <X size={14} aria-hidden />
          </button>
        </div>
      )}
    </>
  );
}

// TaskCheck shows the change at once; the list is read again once saved,
// and the box goes back if saving fails.
function TaskCheck({ task, setError }: { task: RecordData; setError: (message: string) => void }) {
  const client = useQueryClient();
  const complete = useMutation({
    mutationFn: (done: boolean) => backend.updateRecord(task.id, { status: done ? taskCompleted : taskNotStarted }),
    onMutate: () => setError(''),
    onSuccess: () => client.invalidateQueries({ queryKey: recordsKey(BuiltInObject.Tasks) }),
    onError: (err, done) => setError(`Could not ${done ? 'complete' : 'reopen'} “${displayName(task)}”: ${toAppError(err).message}`),
  });
  const checked = complete.isPending ? complete.variables : task.props.status === taskCompleted;
  return (
    <input
      type="checkbox"
      className="task-check"
      aria-label={`Completed: ${displayName(task)}`}
      title={checked ? 'Completed. Click to reopen' : 'Mark as completed'}
      checked={checked}
      aria-busy={complete.isPending || undefined}
      onChange={(e) => !complete.isPending && complete.mutate(e.target.checked)}
    />
  );
}

// TaskDue is the due date, short ("Today, 3:00 PM"; in full on hover), in
// the danger colour behind a mark read as "Overdue" when an open task was
// due before today. The mark comes first: a narrow column cuts the end.
function TaskDue({ task, property }: { task: RecordData; property: Property }) {
  const due = task.props.due;
  if (typeof due !== 'string' || !due) return null;
  const now = new Date();
  const text = formatDue(due, now);
  const full = formatValue(property, due);
  if (!isOverdue(task, now)) return <span title={full}>{text}</span>;
  return (
    <span className="task-overdue" title={`Overdue: ${full}`}>
      <CircleAlert size={13} aria-hidden className="task-overdue-icon" />
      <span className="visually-hidden">Overdue: </span>
      {text}
    </span>
  );
}

// associatedColumn lists the records each task is on, read for a block of
// rows at once: activity associations are not in the association graph the
// association columns read.
function associatedColumn(objects: ObjectDef[] | undefined, navigate: (r: Route) => void): IndexColumn {
  const loaded: LoadedColumn<LinkedRecord[]> = {
    queryKey: [...activitiesKey, 'records-of'],
    load: backend.activityRecordsOf,
    render: (r, records, error) => <TaskRecords task={r} records={records} error={error} objects={objects} navigate={navigate} />,
  };
  return { id: associatedColumnId, label: 'Associated with', loaded, width: { min: 260, fr: 1.6 } };
}

function TaskRecords({
  task,
  records,
  error,
  objects,
  navigate,
}: {
  task: RecordData;
  records: LinkedRecord[] | undefined;
  error: unknown;
  objects: ObjectDef[] | undefined;
  navigate: (r: Route) => void;
}) {
  if (error)
    return (
      <span className="muted" title={toAppError(error).message}>
        Could not load
      </span>
    );
  if (!records) return <span className="idx-skeleton" style={{ width: '50%' }} />;
  if (records.length === 0) return <span className="muted">—</span>;
  const link = (l: LinkedRecord): ReactNode => (
    <RouteLink key={l.id} to={{ page: 'record', object: l.object, id: l.id }} navigate={navigate} className="idx-assoc-link task-record">
      <ObjectIcon id={l.object} size={12} aria-hidden className="task-record-icon" />
      <span className="task-record-name">{l.name || `Unnamed ${findObject(objects, l.object)?.singular.toLowerCase() ?? 'record'}`}</span>
    </RouteLink>
  );
  const more = records.length - namedRecords;
  return (
    <span className="task-records">
      {records.slice(0, namedRecords).map(link)}
      {more > 0 && (
        <Popover.Root>
          <Popover.Trigger asChild>
            <button type="button" className="idx-assoc-count task-records-more" aria-label={`${more} more records of ${displayName(task)}`}>
              +{more} more
            </button>
          </Popover.Trigger>
          <Popover.Portal>
            <Popover.Content className="idx-popover idx-assoc-popover" align="start" sideOffset={4} aria-label={`Records of ${displayName(task)}`}>
              <div className="idx-assoc-list">
                <h2 className="idx-popover-title">{displayName(task)} is associated with</h2>
                <ul>
                  {records.map((l) => (
                    <li key={l.id}>{link(l)}</li>
                  ))}
                </ul>
              </div>
            </Popover.Content>
          </Popover.Portal>
        </Popover.Root>
      )}
    </span>
  );
}
