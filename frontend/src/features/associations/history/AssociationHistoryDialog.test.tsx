import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { AssociationChange, ChangeSource, type AssociationEvent, type ObjectDef, type RecordData } from '../../../api/backend';
import { AppError } from '../../../api/errors';
import { companiesObject, contactNameProperties, contactsObject } from '../../../test/fixtures';
import { renderWithClient } from '../../../test/render';

// The history dialog against a fake backend; the real history is covered
// in backend/associations and end to end in e2e/tests/history-merge.test.mjs.
const fake = vi.hoisted(() => ({
  objects: vi.fn(),
  associationHistory: vi.fn<(record: string, object: string, limit: number, before: string) => Promise<AssociationEvent[]>>(),
  pairHistory: vi.fn<(record: string, other: string) => Promise<AssociationEvent[]>>(),
}));
vi.mock('../../../api/backend', async (original) => ({ ...(await original<object>()), backend: fake }));

import { AssociationHistoryDialog } from './AssociationHistoryDialog';

const contacts = contactsObject(contactNameProperties());
const companies = companiesObject();
const deals: ObjectDef = { ...companies, id: 'deals', num: 3, singular: 'Deal', plural: 'Deals' };

const acme = '0190a1b2-c3d4-7e5f-8a9b-000000000001';
const beta = '0190a1b2-c3d4-7e5f-8a9b-000000000002';
const gone = '0190a1b2-c3d4-7e5f-8a9b-000000000003';

const ann: RecordData = {
  id: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b',
  object: 'contacts',
  displayName: 'Ann Lee',
  props: {},
  createdAt: '2025-01-01T00:00:00Z',
  updatedAt: '2025-01-01T00:00:00Z',
  createdBy: { id: 'u', name: 'U' },
  updatedBy: { id: 'u', name: 'U' },
};

const ev = (opId: string, over: Partial<AssociationEvent>): AssociationEvent => ({
  opId,
  time: '2025-03-01T10:00:00Z',
  actor: { id: 'u1', name: 'Ann Tester' },
  source: ChangeSource.User,
  change: AssociationChange.Created,
  record: acme,
  object: 'companies',
  name: 'Acme',
  ...over,
});

const events: AssociationEvent[] = [
  ev('o6', { change: AssociationChange.Created, source: ChangeSource.ObjectRestore, actor: { id: '', name: '' }, time: '2025-03-06T10:00:00Z' }),
  ev('o5', { change: AssociationChange.Removed, source: ChangeSource.ObjectDeletion, time: '2025-03-05T10:00:00Z' }),
  ev('o4', { change: AssociationChange.Removed, source: ChangeSource.ObjectMerge, record: gone, object: '', name: '', time: '2025-03-04T10:00:00Z' }),
  ev('o3', {
    change: AssociationChange.LabelAdded,
    label: 'Supplier',
    record: beta,
    name: 'Beta',
    actor: { id: 'u7', name: '' },
    time: '2025-03-03T10:00:00Z',
  }),
  ev('o2', { change: AssociationChange.PrimarySet, time: '2025-03-02T10:00:00Z' }),
  ev('o1', { change: AssociationChange.Created, time: '2025-03-01T10:00:00Z' }),
];

function renderDialog() {
  const navigate = vi.fn();
  const onClose = vi.fn();
  renderWithClient(<AssociationHistoryDialog object={contacts} record={ann} navigate={navigate} onClose={onClose} />);
  return { navigate, onClose };
}

const rows = async () => {
  const table = await screen.findByRole('table', { name: 'Association history' });
  return within(table).getAllByRole('row').slice(1);
};

beforeEach(() => {
  vi.clearAllMocks();
  fake.objects.mockResolvedValue([contacts, companies, deals]);
  fake.associationHistory.mockResolvedValue(events);
  fake.pairHistory.mockResolvedValue([events[0], events[1], events[4], events[5]]);
});

describe('AssociationHistoryDialog', () => {
  it('lists the changes with name, record ID, change, time and source in words', async () => {
    renderDialog();
    expect(screen.getByRole('dialog', { name: 'Association history' })).toBeInTheDocument();
    const all = await rows();
    expect(all).toHaveLength(6);
    expect(fake.associationHistory).toHaveBeenCalledWith(ann.id, '', 100, '');
    const cells = (r: HTMLElement) =>
      within(r)
        .getAllByRole('cell')
        .map((c) => c.textContent);
    expect(cells(all[0]).slice(0, 3)).toEqual(['AcmeCompany', acme, 'Created']);
    expect(cells(all[0])[4]).toBe('Object restore');
    expect(cells(all[1])[4]).toBe('Object deletion');
    expect(cells(all[2])[0]).toBe('Deleted record');
    expect(cells(all[2])[4]).toBe('Object merge');
    expect(cells(all[3])[2]).toBe('Label added “Supplier”');
    expect(cells(all[3])[4]).toBe('User u7'); // no name: the user's ID
    expect(cells(all[4])[2]).toBe('Primary set');
    expect(cells(all[5])[4]).toBe('User Ann Tester');
    expect(within(all[0]).getByRole('link', { name: 'Acme' })).toHaveAttribute('href', `#/companies/${acme}`);
    expect(within(all[0]).getByText('2025', { exact: false }).closest('time')).toHaveAttribute('dateTime', '2025-03-06T10:00:00Z');
  });

  it('shows why a rule chose the record, as text', async () => {
    fake.associationHistory.mockResolvedValue([
      ev('o9', { source: ChangeSource.AutoAssociationByDomain, note: 'Other companies share <b>acme.com</b>; the oldest was chosen.' }),
    ]);
    renderDialog();
    const [row] = await rows();
    const source = within(row).getAllByRole('cell')[4];
    expect(source.textContent).toBe('Auto association by domainOther companies share <b>acme.com</b>; the oldest was chosen.');
    expect(source.querySelector('b')).toBeNull();
  });

  it('chooses an object; an empty history says so', async () => {
    const user = userEvent.setup();
    renderDialog();
    await rows();
    fake.associationHistory.mockResolvedValue([]);
    await user.selectOptions(screen.getByRole('combobox', { name: 'Associated with' }), 'Deals');
    expect(await screen.findByText("No changes to Ann Lee's associations with deals yet.")).toBeInTheDocument();
    expect(fake.associationHistory).toHaveBeenLastCalledWith(ann.id, 'deals', 100, '');
  });

  it('offers the activity types in their own group, and filters by one', async () => {
    const user = userEvent.setup();
    const activity = (id: string, num: number, plural: string): ObjectDef => ({
      ...companies,
      id,
      num,
      singular: plural.slice(0, -1),
      plural,
      activityDate: 'at',
    });
    fake.objects.mockResolvedValue([
      contacts,
      companies,
      deals,
      activity('notes', 5, 'Notes'),
      activity('calls', 6, 'Calls'),
      activity('tasks', 9, 'Tasks'),
    ]);
    renderDialog();
    await rows();
    const select = screen.getByRole('combobox', { name: 'Associated with' });
    const group = within(select).getByRole('group', { name: 'Activities' });
    expect(
      within(group)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['Notes', 'Calls', 'Tasks']);
    expect(
      within(select)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['All objects', 'Contacts', 'Companies', 'Deals', 'Notes', 'Calls', 'Tasks']);
    await user.selectOptions(select, 'Calls');
    expect(fake.associationHistory).toHaveBeenLastCalledWith(ann.id, 'calls', 100, '');
  });

  it('a name opens the record and closes the dialog', async () => {
    const user = userEvent.setup();
    const { navigate, onClose } = renderDialog();
    const all = await rows();
    await user.click(within(all[3]).getByRole('link', { name: 'Beta' }));
    expect(onClose).toHaveBeenCalled();
    expect(navigate).toHaveBeenCalledWith({ page: 'record', object: 'companies', id: beta });
  });

  it('loads older changes with the last operation as the cursor', async () => {
    const user = userEvent.setup();
    const full = Array.from({ length: 100 }, (_, i) => ev(`p${String(i).padStart(3, '0')}`, { record: acme }));
    fake.associationHistory.mockImplementation(async (_r, _o, _l, before) => (before ? [ev('older', { name: 'Old Co' })] : full));
    renderDialog();
    expect(await rows()).toHaveLength(100);
    await user.click(screen.getByRole('button', { name: 'Load older' }));
    await screen.findByRole('link', { name: 'Old Co' });
    expect(fake.associationHistory).toHaveBeenLastCalledWith(ann.id, '', 100, 'p099');
    expect(screen.queryByRole('button', { name: 'Load older' })).toBeNull();
  });

  it('copies a link to the record and says so', async () => {
    const user = userEvent.setup();
    renderDialog();
    const all = await rows();
    await user.click(within(all[0]).getByRole('button', { name: 'Copy link to Acme' }));
    expect(await navigator.clipboard.readText()).toBe(`fieldbook://companies/${acme}`);
    expect(within(all[0]).getByRole('button', { name: 'Copied' })).toBeInTheDocument();
    expect(screen.getByText('Link copied')).toBeInTheDocument();
  });

  it('shows the link to copy by hand when the clipboard refuses', async () => {
    const user = userEvent.setup();
    renderDialog();
    const all = await rows();
    vi.spyOn(navigator.clipboard, 'writeText').mockRejectedValueOnce(new Error('denied'));
    await user.click(within(all[0]).getByRole('button', { name: 'Copy link to Acme' }));
    expect(await within(all[0]).findByRole('alert')).toHaveTextContent(`Could not copy. The link is fieldbook://companies/${acme}`);
  });

  it('View history shows one association newest first; Escape goes back to the list', async () => {
    const user = userEvent.setup();
    const { onClose } = renderDialog();
    const all = await rows();
    await user.click(within(all[0]).getByRole('button', { name: 'View history with Acme' }));
    const pair = await screen.findByRole('dialog', { name: 'Ann Lee and Acme' });
    expect(fake.pairHistory).toHaveBeenCalledWith(ann.id, acme);
    const table = await within(pair).findByRole('table', { name: 'Changes of this association' });
    const changes = within(table)
      .getAllByRole('row')
      .slice(1)
      .map((r) => within(r).getAllByRole('cell')[0].textContent);
    expect(changes).toEqual(['Created', 'Removed', 'Primary set', 'Created']);
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Ann Lee and Acme' })).toBeNull());
    expect(onClose).not.toHaveBeenCalled();
    expect(screen.getByRole('dialog', { name: 'Association history' })).toBeInTheDocument();
    await user.keyboard('{Escape}');
    expect(onClose).toHaveBeenCalled();
  });

  it('View history of a merged record asks the backend, which still finds its changes', async () => {
    const user = userEvent.setup();
    fake.pairHistory.mockResolvedValue([events[2]]);
    renderDialog();
    const all = await rows();
    await user.click(within(all[2]).getByRole('button', { name: 'View history with this record' }));
    const pair = await screen.findByRole('dialog', { name: 'Ann Lee and a deleted record' });
    const table = await within(pair).findByRole('table', { name: 'Changes of this association' });
    expect(within(table).getAllByRole('row')).toHaveLength(2);
    expect(table).toHaveTextContent('Object merge');
    expect(fake.pairHistory).toHaveBeenCalledWith(ann.id, gone);
  });

  it('shows a failure in words', async () => {
    fake.associationHistory.mockRejectedValue(new AppError('not_found', 'No record has this ID. It may have been deleted permanently.'));
    renderDialog();
    expect(await screen.findByRole('alert')).toHaveTextContent('No record has this ID. It may have been deleted permanently.');
  });

  it('shows names as text, never as HTML', async () => {
    fake.associationHistory.mockResolvedValue([ev('o1', { name: '<img src=x onerror=alert(1)>' })]);
    renderDialog();
    expect(await screen.findByRole('link', { name: '<img src=x onerror=alert(1)>' })).toBeInTheDocument();
    expect(document.querySelector('img')).toBeNull();
  });
});
