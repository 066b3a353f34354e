import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { FilterOp, type LinkedRecord, type ListQuery, type ObjectDef, type PropValue, type RecordData } from '../../api/backend';
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
  preference: vi.fn(async (_key: string): Promise<unknown> => null),
  savePreference: vi.fn(async () => {}),
  objects: vi.fn(),
  pairs: vi.fn(async () => []),
  associationColumns: vi.fn(async () => []),
  activityRecordsOf: vi.fn(),
}));
vi.mock('../../api/backend', async (importOriginal) => ({ ...(await importOriginal<typeof import('../../api/backend')>()), backend: fake }));

import { dayBounds, dueOrOverdue, formatDue, rfc3339, taskQuickFilters } from './TasksFilters';
import { associatedColumnId, TasksPage } from './TasksPage';

const tasks: ObjectDef = objectDef({
  id: 'tasks',
  num: 9,
  singular: 'Task',
  plural: 'Tasks',
  builtIn: true,
  displayProperty: 'title',
  activityDate: 'due',
  properties: [
    property('title', 'Title'),
    property('body', 'Notes', 'long_text'),
    property('due', 'Due', 'datetime'),
    { ...property('status', 'Status', 'dropdown'), options: [] },
    { ...property('priority', 'Priority', 'dropdown'), options: [{ value: 'high', label: 'High' }] },
    { ...property('type', 'Type', 'dropdown'), options: [{ value: 'call', label: 'Call' }] },
  ],
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
  fake.preference.mockReset().mockResolvedValue(null);
  fake.activityRecordsOf.mockReset().mockImplementation(async (ids: string[]) => ids.map(() => []));
});
afterEach(() => vi.useRealTimers());

describe('task filters', () => {
  it('takes the local day, written in UTC to the second', () => {
    const { start, end } = dayBounds(new Date('2026-03-14T19:30:00Z')); // 15:30 in New York
    expect([rfc3339(start), rfc3339(end)]).toEqual(['2026-03-14T04:00:00Z', '2026-03-15T04:00:00Z']);
    // Late in the evening in New York is already tomorrow in UTC.
    expect(rfc3339(dayBounds(new Date('2026-03-15T02:00:00Z')).start)).toBe('2026-03-14T04:00:00Z');
  });

  it('writes due dates by day name near today, without this year', () => {
    const now = new Date('2026-03-14T19:30:00Z');
    const day = (iso: string) => formatDue(iso, now).replace(/, [^,]*$/, ''); // the time is the formatter's
    expect(['2026-03-14T04:00:00Z', '2026-03-15T03:59:00Z', '2026-03-15T04:00:00Z', '2026-03-14T03:59:00Z'].map(day)).toEqual([
      'Today',
      'Today',
      'Tomorrow',
      'Yesterday',
    ]);
    expect(day('2026-03-20T15:00:00Z')).toMatch(/^Mar 20$/);
    expect(day('2027-01-05T15:00:00Z')).toMatch(/^Jan 5, 2027$/);
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
    // It opens on the open tasks.
    const openOnly = [{ property: 'status', op: FilterOp.IsNot, value: 'completed' }];
    expect(fake.listRecords.mock.calls[0][0].filters).toEqual(openOnly);
    expect(screen.getByRole('button', { name: 'Open' })).toHaveAttribute('aria-pressed', 'true');
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

describe('Tasks page columns and order', () => {
  const linked = (id: string, object: string, name: string): LinkedRecord => ({ id, object, name });
  const cellsOf = (title: string) => within(screen.getByRole('link', { name: title }).closest<HTMLElement>('[role=row]')!).getAllByRole('cell');
  const column = (name: string) => screen.getAllByRole('columnheader').findIndex((h) => h.getAttribute('aria-label') === name);

  it('shows title, due, status, priority, type and the records each task is on, soonest due first', async () => {
    fake.activityRecordsOf.mockImplementation(async (ids: string[]) =>
      ids.map((id) =>
        id === 't1'
          ? [
              linked('c1', 'contacts', 'Ann Lee'),
              linked('co1', 'companies', 'Acme'),
              linked('d1', 'deals', 'Big deal'),
              linked('d2', 'deals', 'Small deal'),
            ]
          : [linked('c2', 'contacts', '')],
      ),
    );
    renderWithClient(<TasksPage object={tasks} navigate={vi.fn()} />);
    await screen.findByRole('table', { name: 'Tasks' });
    expect(fake.listRecords.mock.calls[0][0]).toMatchObject({ sort: 'due', desc: false });
    expect(screen.getByRole('columnheader', { name: 'Due' })).toHaveAttribute('aria-sort', 'ascending');
    expect(
      screen
        .getAllByRole('columnheader')
        .map((h) => h.getAttribute('aria-label'))
        .slice(2),
    ).toEqual(['Title', 'Due', 'Status', 'Priority', 'Type', 'Associated with', 'Created', 'Updated']);

    await screen.findByRole('link', { name: 'Ann Lee' });
    const ann = cellsOf('Call Ann')[column('Associated with')];
    expect(within(ann).getByRole('link', { name: 'Ann Lee' })).toHaveAttribute('href', '#/contacts/c1');
    expect(within(ann).getByRole('link', { name: 'Acme' })).toHaveAttribute('href', '#/companies/co1');
    expect(within(ann).queryByRole('link', { name: 'Big deal' })).not.toBeInTheDocument();
    await userEvent.click(within(ann).getByRole('button', { name: '2 more records of Call Ann' }));
    const all = await screen.findByRole('dialog', { name: 'Records of Call Ann' });
    expect(
      within(all)
        .getAllByRole('link')
        .map((a) => a.textContent),
    ).toEqual(['Ann Lee', 'Acme', 'Big deal', 'Small deal']);
    expect(within(cellsOf('Send offer')[column('Associated with')]).getByRole('link')).toHaveTextContent('Unnamed contact');
    // One call for the rows in view, not one per row.
    expect(fake.activityRecordsOf.mock.calls).toEqual([[['t1', 't2']]]);
  });

  it('reads the records of a block of rows at a time', async () => {
    fake.tasks = Array.from({ length: 250 }, (_, i) => task(`t${i}`, `Task ${i}`));
    fake.listRecords.mockImplementation(async (q: ListQuery) => ({
      total: fake.tasks.length,
      offset: q.offset,
      records: fake.tasks.slice(q.offset, q.offset + q.limit),
    }));
    renderWithClient(<TasksPage object={tasks} navigate={vi.fn()} />);
    await screen.findByRole('link', { name: 'Task 0' });
    await waitFor(() => expect(fake.activityRecordsOf).toHaveBeenCalled());
    // The first block of 100 rows covers the ones in view: one call, for all of them.
    expect(fake.activityRecordsOf).toHaveBeenCalledTimes(1);
    expect(fake.activityRecordsOf.mock.calls[0][0]).toEqual(fake.tasks.slice(0, 100).map((t) => t.id));
  });

  it("keeps the user's own columns and order", async () => {
    const saved: Record<string, unknown> = { 'columns:tasks': ['priority', associatedColumnId], 'sort:tasks': { sort: 'title', desc: true } };
    fake.preference.mockImplementation(async (k: string) => saved[k] ?? null);
    renderWithClient(<TasksPage object={tasks} navigate={vi.fn()} />);
    await screen.findByRole('table', { name: 'Tasks' });
    expect(fake.listRecords.mock.calls[0][0]).toMatchObject({ sort: 'title', desc: true });
    expect(
      screen
        .getAllByRole('columnheader')
        .map((h) => h.getAttribute('aria-label'))
        .slice(2, -2),
    ).toEqual(['Title', 'Priority', 'Associated with']);
  });

  it('marks open tasks due before today as overdue', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-03-14T19:30:00Z')); // 15:30 in New York
    fake.tasks = [
      task('t1', 'Late', { due: '2026-03-13T15:00:00Z', status: 'not_started' }),
      task('t2', 'Done late', { due: '2026-03-13T15:00:00Z', status: 'completed' }),
      task('t3', 'This morning', { due: '2026-03-14T13:00:00Z', status: 'not_started' }),
      task('t4', 'No status', { due: '2026-03-01T15:00:00Z' }),
    ];
    renderWithClient(<TasksPage object={tasks} navigate={vi.fn()} />);
    await screen.findByRole('table', { name: 'Tasks' });
    const due = (title: string) => cellsOf(title)[column('Due')];
    expect(due('Late')).toHaveTextContent(/^Overdue: Yesterday, /);
    expect(due('Late').firstElementChild).toHaveClass('task-overdue');
    expect(due('No status')).toHaveTextContent(/^Overdue: Mar 1, /);
    expect(due('Done late')).toHaveTextContent(/^Yesterday, /);
    expect(due('This morning')).toHaveTextContent(/^Today, /); // under Due today, not overdue
  });

  it('says what a quick filter found nothing of, and shows all again', async () => {
    const user = userEvent.setup();
    renderWithClient(<TasksPage object={tasks} navigate={vi.fn()} />);
    await screen.findByRole('table', { name: 'Tasks' });
    fake.listRecords.mockImplementation(async (q: ListQuery) =>
      q.filters.length > 0 ? { total: 0, offset: 0, records: [] } : { total: fake.tasks.length, offset: 0, records: fake.tasks },
    );
    const quick = screen.getByRole('group', { name: 'Quick filters' });
    await user.click(within(quick).getByRole('button', { name: 'Due today' }));
    expect(await screen.findByRole('heading', { name: 'Nothing due today.' })).toBeInTheDocument();
    await user.click(within(quick).getByRole('button', { name: 'Overdue' }));
    expect(await screen.findByRole('heading', { name: 'Nothing overdue.' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Show all tasks' }));
    expect(await screen.findByRole('link', { name: 'Call Ann' })).toBeInTheDocument();
    expect(within(quick).getByRole('button', { name: 'Overdue' })).toHaveAttribute('aria-pressed', 'false');
  });
});
