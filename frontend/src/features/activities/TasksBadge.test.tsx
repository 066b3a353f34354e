import { screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { FilterOp, type ListQuery, type ObjectDef } from '../../api/backend';
import { companiesObject, contactsObject, objectDef, property } from '../../test/fixtures';
import { renderWithClient } from '../../test/render';

const fake = vi.hoisted(() => ({ listRecords: vi.fn() }));
vi.mock('../../api/backend', async (importOriginal) => ({ ...(await importOriginal<typeof import('../../api/backend')>()), backend: fake }));

import { Sidebar } from '../shell/Sidebar';

const activity = (id: string, num: number, plural: string, activityDate: string): ObjectDef =>
  objectDef({
    id,
    num,
    singular: plural.slice(0, -1),
    plural,
    builtIn: true,
    displayProperty: 'title',
    activityDate,
    properties: [property('title', 'Title')],
  });

const objects: ObjectDef[] = [
  contactsObject(),
  companiesObject(),
  activity('notes', 5, 'Notes', 'at'),
  activity('calls', 6, 'Calls', 'at'),
  activity('emails', 7, 'Emails', 'at'),
  activity('meetings', 8, 'Meetings', 'start'),
  activity('tasks', 9, 'Tasks', 'due'),
  objectDef({ id: 'projects', num: 100, singular: 'Project', plural: 'Projects', builtIn: false, displayProperty: 'name', properties: [] }),
];

// "Tasks, 3 due today or overdue" (jsdom puts a space between the spans).
const dueName = (n: number) => new RegExp(`^Tasks ?, ${n} due today or overdue$`);

const renderSidebar = () => renderWithClient(<Sidebar objects={objects} route={{ page: 'index', object: 'contacts' }} navigate={vi.fn()} />);

beforeEach(() => {
  fake.listRecords.mockReset().mockResolvedValue({ total: 3, offset: 0, records: [] });
});

describe('Sidebar with activities', () => {
  it('lists tasks with their count of due today or overdue, not notes, calls, emails or meetings', async () => {
    renderSidebar();
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(await within(nav).findByRole('link', { name: dueName(3) })).toHaveAttribute('href', '#/tasks');
    expect(
      within(nav)
        .getAllByRole('link')
        .map((l) => l.querySelector('.nav-label')?.textContent),
    ).toEqual(['Contacts', 'Companies', 'Tasks', 'Projects', 'Settings']);
    const q: ListQuery = fake.listRecords.mock.calls[0][0];
    expect(q).toMatchObject({ object: 'tasks', limit: 1 });
    expect(q.filters).toEqual([
      { property: 'status', op: FilterOp.IsNot, value: 'completed' },
      { property: 'due', op: FilterOp.Lt, value: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:00Z$/) },
    ]);
  });

  it('shows no count when nothing is due, and counts again when tasks change', async () => {
    fake.listRecords.mockResolvedValue({ total: 0, offset: 0, records: [] });
    const { client } = renderSidebar();
    await waitFor(() => expect(fake.listRecords).toHaveBeenCalled());
    expect(screen.getByRole('link', { name: 'Tasks' })).toBeInTheDocument();
    expect(screen.queryByTestId('tasks-due')).not.toBeInTheDocument();

    fake.listRecords.mockResolvedValue({ total: 1, offset: 0, records: [] });
    await client.invalidateQueries({ queryKey: ['records', 'tasks'] }); // as the Tasks page and record pages do
    expect(await screen.findByRole('link', { name: dueName(1) })).toBeInTheDocument();
  });

  it('counts again when the window gets the focus', async () => {
    renderSidebar();
    await screen.findByTestId('tasks-due');
    fake.listRecords.mockResolvedValue({ total: 4, offset: 0, records: [] });
    window.dispatchEvent(new Event('focus'));
    expect(await screen.findByRole('link', { name: dueName(4) })).toBeInTheDocument();
  });
});
