import { useMutation, useQueryClient } from '@tanstack/react-query';
import { X } from 'lucide-react';
import { useMemo, useState, type ComponentProps } from 'react';
import { backend, BuiltInObject, type RecordData } from '../../api/backend';
import { toAppError } from '../../api/errors';
import { IndexPage } from '../records/index/IndexPage';
import { displayName, type LeadingColumn } from '../records/index/RecordTable';
import { recordsKey } from '../records/index/useRecordBlocks';
import { taskCompleted, taskNotStarted, taskQuickFilters } from './TasksFilters';
import './Tasks.css';

const quickFilters = taskQuickFilters();

// TasksPage is the tasks' index page: the usual table, filters and bulk
// actions, plus quick filters by due date and a checkbox that completes or
// reopens a task in place.
export function TasksPage(props: Omit<ComponentProps<typeof IndexPage>, 'quickFilters' | 'leadingColumn'>) {
  const [error, setError] = useState('');
  const leadingColumn = useMemo<LeadingColumn>(
    () => ({ id: '_completed', label: 'Completed', render: (r) => <TaskCheck key={r.id} task={r} setError={setError} /> }),
    [],
  );
  return (
    <>
      <IndexPage {...props} quickFilters={quickFilters} leadingColumn={leadingColumn} />
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
