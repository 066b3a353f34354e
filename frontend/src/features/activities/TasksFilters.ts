import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { backend, BuiltInObject, FilterOp, sortCreated, type Filter, type RecordData } from '../../api/backend';
import type { QuickFilter } from '../records/index/IndexPage';
import { recordsKey } from '../records/index/useRecordBlocks';

// A task's status values (backend/schema/defaults.go).
export const taskCompleted = 'completed';
export const taskNotStarted = 'not_started';

// rfc3339 writes a moment as the backend stores datetimes: UTC, to the second.
export function rfc3339(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

// dayBounds are the local midnights that start the day of now and the next.
export function dayBounds(now: Date): { start: Date; end: Date } {
  return {
    start: new Date(now.getFullYear(), now.getMonth(), now.getDate()),
    end: new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1),
  };
}

// The backend's gt and lt are strict and datetimes are stored to the
// second: "due after a second before midnight" is "due from midnight on".
const due = (op: FilterOp, d: Date): Filter => ({ property: 'due', op, value: rfc3339(d) });
const from = (d: Date) => due(FilterOp.Gt, new Date(d.getTime() - 1000));
const before = (d: Date) => due(FilterOp.Lt, d);
// "is not" also matches a task without a status.
const open: Filter = { property: 'status', op: FilterOp.IsNot, value: taskCompleted };

// dueOrOverdue: open tasks due before tomorrow (the sidebar's count).
export function dueOrOverdue(now: Date): Filter[] {
  return [open, before(dayBounds(now).end)];
}

const timeFmt = new Intl.DateTimeFormat(undefined, { timeStyle: 'short' });
const dayFmt = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' });
const dayYearFmt = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

// formatDue writes a due date short enough for its column: "Today, 3:00 PM",
// "Tomorrow, …", "Yesterday, …", "Mar 9, …", and the year when not this one.
export function formatDue(iso: string, now: Date): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  // Local midnights are 23 to 25 hours apart: round to whole days.
  const days = Math.round((dayBounds(d).start.getTime() - dayBounds(now).start.getTime()) / 86_400_000);
  const day =
    days === 0
      ? 'Today'
      : days === 1
        ? 'Tomorrow'
        : days === -1
          ? 'Yesterday'
          : d.getFullYear() === now.getFullYear()
            ? dayFmt.format(d)
            : dayYearFmt.format(d);
  return `${day}, ${timeFmt.format(d)}`;
}

// isOverdue: an open task due before today, as the Overdue quick filter has
// it (one due earlier today is under Due today).
export function isOverdue(task: RecordData, now: Date): boolean {
  const due = task.props.due;
  if (typeof due !== 'string' || !due || task.props.status === taskCompleted) return false;
  return new Date(due).getTime() < dayBounds(now).start.getTime();
}

// taskQuickFilters are the Tasks page's buttons; Open is pressed when the
// page opens (a task list is for the work left). Overdue, Due today and
// Upcoming split the open tasks with a due date by local day.
export function taskQuickFilters(now: () => Date = () => new Date()): QuickFilter[] {
  return [
    {
      id: 'open',
      label: 'Open',
      make: () => [open],
      empty: { title: 'No open tasks.', hint: 'Add one from a record’s timeline with its Task button.' },
    },
    {
      id: 'today',
      label: 'Due today',
      make: () => {
        const { start, end } = dayBounds(now());
        return [open, from(start), before(end)];
      },
      empty: { title: 'Nothing due today.', hint: 'Open tasks due today show here; overdue ones are under Overdue.' },
    },
    {
      id: 'overdue',
      label: 'Overdue',
      make: () => [open, before(dayBounds(now()).start)],
      empty: { title: 'Nothing overdue.', hint: 'No open task was due before today.' },
    },
    {
      id: 'upcoming',
      label: 'Upcoming',
      make: () => [open, from(dayBounds(now()).end)],
      empty: { title: 'Nothing upcoming.', hint: 'Open tasks due after today show here. Add one from a record’s timeline with its Task button.' },
    },
    {
      id: 'completed',
      label: 'Completed',
      make: () => [{ property: 'status', op: FilterOp.Is, value: taskCompleted }],
      empty: { title: 'No completed tasks.', hint: 'Tick a task’s circle to complete it; it shows here.' },
    },
  ];
}

// Under the tasks' list keys, so whatever refreshes the tasks refreshes it.
export const tasksDueKey = [...recordsKey(BuiltInObject.Tasks), 'due-count'];

// useTasksDue counts the open tasks due today or overdue. It is read again
// when tasks change, when the window gets the focus, and every minute (a
// new day turns tomorrow's tasks into today's).
export function useTasksDue() {
  const count = useQuery({
    queryKey: tasksDueKey,
    queryFn: async () =>
      (
        await backend.listRecords({
          object: BuiltInObject.Tasks,
          sort: sortCreated,
          desc: false,
          search: '',
          filters: dueOrOverdue(new Date()),
          offset: 0,
          limit: 1,
        })
      ).total,
    refetchInterval: 60_000,
  });
  const { refetch } = count;
  useEffect(() => {
    const onFocus = () => void refetch();
    window.addEventListener('focus', onFocus);
    return () => window.removeEventListener('focus', onFocus);
  }, [refetch]);
  return count;
}
