import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { FilterOp, type ListQuery, type ObjectDef, type PropValue, type RecordData } from '../../api/backend';
import { AppError } from '../../api/errors';
import { contactsObject, objectDef, property } from '../../test/fixtures';
import { withLayout } from '../../test/layout';
import { renderWithClient } from '../../test/render';

// The Tasks page against a fake backend; Records.List's filters are covered
// in backend/records and the page end to end in the real app.
const fake = vi.hoisted(() => ({
  tasks: [] as RecordData[],
  listRecords: vi.fn(),
  updateRecord: vi.fn(),
  preference: vi.fn(async () => null),
  savePreference: vi.fn(async () => {}),
  objects: vi.fn(),
  pairs: vi.fn(async () => []),
  associationColumns: vi.fn(async () => []),
}));
vi.mock('../../api/backend', async (importOriginal) => ({ ...(await importOriginal<typeof import('../../api/backend')>()), backend: fake }));

import { dayBounds, dueOrOverdue, rfc3339, taskQuickFilters } from './TasksFilters';
import { TasksPage } from './TasksPage';

const tasks: ObjectDef = objectDef({
  id: 'tasks',
  num: 9,
  singular: 'Task',
  plural: 'Tasks',
  builtIn: true,
  displayProperty: 'title',
  activityDate: 'due',
  properties: [property('title', 'Title'), property('due', 'Due', 'datetime'), { ...property('status', 'Status', 'dropdown'), options: [] }],
});

const task = (id: string, title: string, props: Record<string, PropValue> = {}): RecordData => ({
  id,
  object: 'tasks',
  displayName: title,
  props: { title, ...props },
  createdAt: '2026-03-01T00:00:00Z',
  updatedAt: '2026-03-01T00:00:00Z',
  createdBy: { id: 'u1', name: 'Ann Tester' },
  updatedBy: { id: 'u1', name: 'Ann Tester' },
});

// New York, so a local midnight is not a UTC one (EDT: UTC−4 in March 2026).
beforeAll(() => {
  vi.stubEnv('TZ', 'America/New_York');
});
afterAll(() => {
  vi.unstubAllEnvs();
});
withLayout();

beforeEach(() => {
  fake.tasks = [task('t1', 'Call Ann', { status: 'not_started' }), task('t2', 'Send offer', { status: 'completed' })];
  fake.objects.mockResolvedValue([contactsObject(), tasks]);
  // Only "Completed" narrows the fake list: enough to see a filter come and go.
  fake.listRecords.mockReset().mockImplementation(async (q: ListQuery) => {
    const completed = q.filters.some((f) => f.op === FilterOp.Is && f.value === 'completed');
    const records = fake.tasks.filter((t) => !completed || t.props.status === 'completed');
    return { total: records.length, offset: 0, records };
  });
  fake.updateRecord.mockReset().mockImplementation(async (id: string, props: Record<string, PropValue>) => {
    const t = fake.tasks.find((x) => x.id === id)!;
    t.props = { ...t.props, ...props };
    return t;
  });
});
afterEach(() => vi.useRealTimers());

describe('task filters', () => {
  it('takes the local day, written in UTC to the second', () => {
    const { start, end } = dayBounds(new Date('2026-03-14T19:30:00Z')); // 15:30 in New York
    expect([rfc3339(start), rfc3339(end)]).toEqual(['2026-03-14T04:00:00Z', '2026-03-15T04:00:00Z']);
    // Late in the evening in New York is already tomorrow in UTC.
    expect(rfc3339(dayBounds(new Date('2026-03-15T02:00:00Z')).start)).toBe('2026-03-14T04:00:00Z');
  });

  it('counts open tasks due before tomorrow for the sidebar', () => {
    expect(dueOrOverdue(new Date('2026-03-14T19:30:00Z'))).toEqual([
      { property: 'status', op: FilterOp.IsNot, value: 'completed' },
      { property: 'due', op: FilterOp.Lt, value: '2026-03-15T04:00:00Z' },
    ]);
  });
});

describe('Tasks page', () => {
  const lastQuery = (): ListQuery => fake.listRecords.mock.calls.at(-1)![0];

  it('sends each quick filter’s filters, and none once it is pressed again', async () => {
    const user = userEvent.setup();
    const now = new Date('2026-03-14T19:30:00Z');
    renderWithClient(<TasksPage object={tasks} navigate={vi.fn()} />);
    await screen.findByRole('table', { name: 'Tasks' });
    // The page builds its buttons with the real clock; the same filters for a fixed day:
    const made = Object.fromEntries(taskQuickFilters(() => now).map((q) => [q.label, q.make()]));
    const open = { property: 'status', op: FilterOp.IsNot, value: 'completed' };
    expect(made['Due today']).toEqual([
      open,
      { property: 'due', op: FilterOp.Gt, value: '2026-03-14T03:59:59Z' },
      { property: 'due', op: FilterOp.Lt, value: '2026-03-15T04:00:00Z' },
    ]);
    expect(made['Overdue']).toEqual([open, { property: 'due', op: FilterOp.Lt, value: '2026-03-14T04:00:00Z' }]);
    expect(made['Upcoming']).toEqual([open, { property: 'due', op: FilterOp.Gt, value: '2026-03-15T03:59:59Z' }]);
    expect(made['Completed']).toEqual([{ property: 'status', op: FilterOp.Is, value: 'completed' }]);

    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(now);
    const quick = screen.getByRole('group', { name: 'Quick filters' });
    for (const label of ['Due today', 'Overdue', 'Upcoming', 'Completed']) {
      await user.click(within(quick).getByRole('button', { name: label }));
      await waitFor(() => expect(lastQuery().filters).toEqual(made[label]));
      expect(within(quick).getByRole('button', { name: label })).toHaveAttribute('aria-pressed', 'true');
    }
    expect(await screen.findByTestId('record-count')).toHaveTextContent('1 task');
    await user.click(within(quick).getByRole('button', { name: 'Completed' }));
    expect(within(quick).getByRole('button', { name: 'Completed' })).toHaveAttribute('aria-pressed', 'false');
    await waitFor(() => expect(screen.getByTestId('record-count')).toHaveTextContent('2 tasks'));
  });

  it('completes and reopens a task in place', async () => {
    const user = userEvent.setup();
    renderWithClient(<TasksPage object={tasks} navigate={vi.fn()} />);
    const ann = await screen.findByRole('checkbox', { name: 'Completed: Call Ann' });
    expect(ann).not.toBeChecked();
    expect(screen.getByRole('checkbox', { name: 'Completed: Send offer' })).toBeChecked();
    // No "Create task": a task is logged on a record's timeline.
    expect(screen.queryByRole('button', { name: 'Create task' })).not.toBeInTheDocument();

    await user.click(ann);
    expect(fake.updateRecord).toHaveBeenCalledWith('t1', { status: 'completed' });
    await waitFor(() => expect(screen.getByRole('checkbox', { name: 'Completed: Call Ann' })).toBeChecked());
    await user.click(screen.getByRole('checkbox', { name: 'Completed: Send offer' }));
    expect(fake.updateRecord).toHaveBeenLastCalledWith('t2', { status: 'not_started' });
    await waitFor(() => expect(screen.getByRole('checkbox', { name: 'Completed: Send offer' })).not.toBeChecked());
  });

  it('puts the box back and says why when saving fails', async () => {
    const user = userEvent.setup();
    fake.updateRecord.mockRejectedValueOnce(new AppError('not_found', 'This task was deleted.'));
    renderWithClient(<TasksPage object={tasks} navigate={vi.fn()} />);
    await user.click(await screen.findByRole('checkbox', { name: 'Completed: Call Ann' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Could not complete “Call Ann”: This task was deleted.');
    expect(screen.getByRole('checkbox', { name: 'Completed: Call Ann' })).not.toBeChecked();
    await user.click(screen.getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });
});
