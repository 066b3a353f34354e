import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ChangeKind, type HistoryEntry, type PropValue, type RecordData } from '../../../api/backend';
import { AppError } from '../../../api/errors';
import { contactNameProperties, contactsObject, objectDef, property } from '../../../test/fixtures';
import { renderWithClient } from '../../../test/render';

// The record page against a fake backend module; the real bindings are
// covered end to end in e2e/tests/record-page.test.mjs.
const fake = vi.hoisted(() => ({
  getRecord: vi.fn<(id: string) => Promise<RecordData>>(),
  updateRecord: vi.fn<(id: string, props: Record<string, PropValue>) => Promise<RecordData>>(),
  deleteRecords: vi.fn<(ids: string[]) => Promise<number>>(),
  restoreRecords: vi.fn<(ids: string[]) => Promise<number>>(),
  recordHistory: vi.fn<(id: string) => Promise<HistoryEntry[]>>(),
  // Actions → View association history and Merge… (their dialogs are tested
  // in features/associations/history and features/records/merge).
  associationHistory: vi.fn(async () => []),
  listRecords: vi.fn(async () => ({ total: 0, offset: 0, records: [] })),
  // The association cards (tested in features/associations) see no pairs.
  objects: vi.fn(async () => [contacts]),
  pairs: vi.fn(async () => []),
  associationSummary: vi.fn(async () => []),
  preference: vi.fn(async () => null),
  savePreference: vi.fn(async () => undefined),
  // The activities tab (tested in features/activities) shows an empty timeline.
  timeline: vi.fn(async () => ({ items: [], next: '' })),
  activityOverview: vi.fn(async () => ({ total: 0, types: {}, authors: [] })),
  // A task's own page lists the records it is on instead of association cards.
  getActivity: vi.fn(),
}));
vi.mock('../../../api/backend', async (original) => ({ ...(await original<object>()), backend: fake }));

import { RecordPage } from './RecordPage';

const id = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';

const contacts = contactsObject([...contactNameProperties(), property('notes', 'Notes', 'long_text', false)]);

function record(over: Partial<RecordData> = {}): RecordData {
  return {
    id,
    object: 'contacts',
    displayName: 'Ann Lee',
    props: { firstname: 'Ann', lastname: 'Lee', email: 'ann@example.com' },
    createdAt: '2025-03-01T10:00:00Z',
    updatedAt: '2025-03-02T11:00:00Z',
    createdBy: { id: 'u1', name: 'Ann Tester' },
    updatedBy: { id: 'u2', name: '' },
    ...over,
  };
}

function renderPage(navigate = vi.fn()) {
  const { client } = renderWithClient(<RecordPage object={contacts} id={id} navigate={navigate} />);
  return { navigate, client };
}

let current: RecordData;

beforeEach(() => {
  vi.clearAllMocks();
  current = record();
  fake.getRecord.mockImplementation(async () => current);
  fake.updateRecord.mockImplementation(async (_id, props) => {
    if (typeof props.email === 'string' && !props.email.includes('@')) {
      throw new AppError('invalid', `Email must be an email address like ann@example.com, not "${props.email}".`, 'email');
    }
    current = { ...current, props: { ...current.props, ...props } };
    return current;
  });
  fake.recordHistory.mockResolvedValue([]);
  fake.deleteRecords.mockResolvedValue(1);
  fake.restoreRecords.mockResolvedValue(1);
});

describe('RecordPage', () => {
  it('shows the record in three columns', async () => {
    renderPage();
    expect(await screen.findByRole('heading', { level: 1, name: 'Ann Lee' })).toBeInTheDocument();
    expect(screen.getByTestId('record-id')).toHaveTextContent(id);
    expect(screen.getByRole('button', { name: 'Copy ID' })).toBeInTheDocument();
    const props = screen.getByRole('group', { name: 'Properties' });
    expect(within(props).getByRole('button', { name: 'Email ann@example.com' })).toBeInTheDocument();
    expect(within(props).getByRole('button', { name: 'Notes —' })).toBeInTheDocument();
    expect(screen.getByRole('tab', { name: 'Activities' })).toHaveAttribute('aria-selected', 'true');
    expect(await screen.findByText(/No activities yet/)).toBeInTheDocument();
    await userEvent.click(screen.getByRole('tab', { name: 'Overview' }));
    const panel = screen.getByRole('tabpanel');
    expect(panel).toHaveTextContent('Ann Tester');
    expect(panel).toHaveTextContent('u2'); // no name: the actor's ID
    expect(await screen.findByRole('heading', { name: 'Associations' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Contacts' })).toHaveAttribute('href', '#/contacts');
  });

  it('copies the record ID', async () => {
    const user = userEvent.setup();
    renderPage();
    await user.click(await screen.findByRole('button', { name: 'Copy ID' }));
    expect(await navigator.clipboard.readText()).toBe(id);
    expect(screen.getByRole('button', { name: 'Copied' })).toBeInTheDocument();
  });

  it('edits a property in place, keeping the typed text when the backend refuses it', async () => {
    const user = userEvent.setup();
    renderPage();
    await user.click(await screen.findByRole('button', { name: 'Email ann@example.com' }));
    const input = screen.getByRole('textbox', { name: 'Email' });
    expect(input).toHaveFocus();
    await user.clear(input);
    await user.type(input, 'not-an-email{Enter}');
    expect(await screen.findByRole('alert')).toHaveTextContent('Email must be an email address like ann@example.com, not "not-an-email".');
    expect(screen.getByRole('textbox', { name: 'Email' })).toHaveValue('not-an-email');
    expect(screen.getByRole('textbox', { name: 'Email' })).toHaveAttribute('aria-invalid', 'true');

    await user.clear(screen.getByRole('textbox', { name: 'Email' }));
    await user.type(screen.getByRole('textbox', { name: 'Email' }), 'ann.lee@example.com{Enter}');
    expect(await screen.findByRole('button', { name: 'Email ann.lee@example.com' })).toHaveFocus();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(fake.updateRecord).toHaveBeenLastCalledWith(id, { email: 'ann.lee@example.com' });
  });

  it("refreshes a contact's association cards after a save: a new email may bring a company", async () => {
    const user = userEvent.setup();
    renderPage();
    await user.click(await screen.findByRole('button', { name: 'Email ann@example.com' }));
    await waitFor(() => expect(fake.associationSummary).toHaveBeenCalled());
    const before = fake.associationSummary.mock.calls.length;
    const input = screen.getByRole('textbox', { name: 'Email' });
    await user.clear(input);
    await user.type(input, 'ann@acme.example{Enter}');
    await screen.findByRole('button', { name: 'Email ann@acme.example' });
    await waitFor(() => expect(fake.associationSummary.mock.calls.length).toBeGreaterThan(before));
  });

  it('shows the new value with a spinner while saving', async () => {
    const user = userEvent.setup();
    let finish: (r: RecordData) => void = () => {};
    fake.updateRecord.mockImplementationOnce(
      (_id, props) =>
        new Promise((resolve) => {
          finish = resolve;
          current = { ...current, props: { ...current.props, ...props } };
        }),
    );
    renderPage();
    await user.click(await screen.findByRole('button', { name: 'First name Ann' }));
    await user.clear(screen.getByRole('textbox', { name: 'First name' }));
    await user.type(screen.getByRole('textbox', { name: 'First name' }), 'Anna{Enter}');
    expect(screen.getByText('Saving…')).toBeInTheDocument();
    expect(screen.getByText('Anna')).toBeInTheDocument();
    finish(current);
    expect(await screen.findByRole('button', { name: 'First name Anna' })).toBeInTheDocument();
    expect(screen.queryByText('Saving…')).toBeNull();
  });

  it('saves on blur, cancels with Escape and does not save unchanged values', async () => {
    const user = userEvent.setup();
    renderPage();
    await user.click(await screen.findByRole('button', { name: 'Last name Lee' }));
    await user.type(screen.getByRole('textbox', { name: 'Last name' }), '-Smith{Escape}');
    expect(screen.getByRole('button', { name: 'Last name Lee' })).toBeInTheDocument();
    expect(fake.updateRecord).not.toHaveBeenCalled();

    await user.click(screen.getByRole('button', { name: 'Last name Lee' }));
    await user.keyboard('{Enter}');
    expect(fake.updateRecord).not.toHaveBeenCalled();

    await user.click(screen.getByRole('button', { name: 'Last name Lee' }));
    await user.type(screen.getByRole('textbox', { name: 'Last name' }), '-Smith');
    await user.click(screen.getByRole('heading', { level: 1 }));
    expect(await screen.findByRole('button', { name: 'Last name Lee-Smith' })).toBeInTheDocument();
    expect(fake.updateRecord).toHaveBeenCalledTimes(1);
    expect(fake.updateRecord).toHaveBeenCalledWith(id, { lastname: 'Lee-Smith' });
  });

  it('pressing another property saves the one being edited and opens the other at once', async () => {
    const user = userEvent.setup();
    renderPage();
    await user.click(await screen.findByRole('button', { name: 'Last name Lee' }));
    await user.type(screen.getByRole('textbox', { name: 'Last name' }), '-Smith');
    // Only the press: the row it lands on moves once the first editor closes.
    await user.pointer({ keys: '[MouseLeft>]', target: screen.getByRole('button', { name: /^First name/ }) });
    expect(await screen.findByRole('textbox', { name: 'First name' })).toHaveFocus();
    await user.pointer({ keys: '[/MouseLeft]' });
    await waitFor(() => expect(fake.updateRecord).toHaveBeenCalledWith(id, { lastname: 'Lee-Smith' }));
    expect(screen.getByRole('textbox', { name: 'First name' })).toBeInTheDocument();
  });

  it('opens the editor from the keyboard; long text takes newlines and saves with Ctrl+Enter', async () => {
    const user = userEvent.setup();
    renderPage();
    const notes = await screen.findByRole('button', { name: 'Notes —' });
    notes.focus();
    await user.keyboard('{Enter}');
    const area = screen.getByRole('textbox', { name: 'Notes' });
    expect(area).toHaveFocus();
    await user.type(area, 'line one{Enter}line two');
    expect(area).toHaveValue('line one\nline two');
    expect(fake.updateRecord).not.toHaveBeenCalled();
    await user.keyboard('{Control>}{Enter}{/Control}');
    await waitFor(() => expect(fake.updateRecord).toHaveBeenCalledWith(id, { notes: 'line one\nline two' }));
  });

  it('shows history newest first in words, and refreshes it after a save', async () => {
    const user = userEvent.setup();
    fake.recordHistory.mockResolvedValue([
      {
        opId: 'o3',
        time: '2025-03-03T09:00:00Z',
        actor: { id: '', name: '' },
        source: 'Import',
        changes: [{ kind: ChangeKind.RecordRestored }],
      },
      {
        opId: 'o2',
        time: '2025-03-02T09:00:00Z',
        actor: { id: 'u1', name: 'Ann Tester' },
        source: 'User',
        changes: [
          { kind: ChangeKind.RecordUpdated, property: 'email', before: 'a@x.com', after: 'b@x.com' },
          { kind: ChangeKind.RecordUpdated, property: 'lastname', after: 'Lee' },
          { kind: ChangeKind.RecordDeleted },
        ],
      },
      { opId: 'o1', time: '2025-03-01T09:00:00Z', actor: { id: 'u9', name: '' }, source: 'User', changes: [{ kind: ChangeKind.RecordCreated }] },
    ]);
    renderPage();
    await user.click(await screen.findByRole('tab', { name: 'History' }));
    const list = await screen.findByRole('list', { name: 'History' });
    const entries = within(list)
      .getAllByRole('listitem')
      .filter((li) => li.classList.contains('history-entry'));
    expect(entries).toHaveLength(3);
    expect(entries[0]).toHaveTextContent('Import');
    expect(entries[0]).toHaveTextContent('Restored');
    expect(entries[1]).toHaveTextContent('Ann Tester');
    expect(entries[1]).toHaveTextContent('Email changed from a@x.com to b@x.com');
    expect(entries[1]).toHaveTextContent('Last name set to Lee');
    expect(entries[1]).toHaveTextContent('Moved to the recycle bin');
    expect(entries[2]).toHaveTextContent('u9');
    expect(entries[2]).toHaveTextContent('Created');

    const before = fake.recordHistory.mock.calls.length;
    await user.click(screen.getByRole('button', { name: 'First name Ann' }));
    await user.type(screen.getByRole('textbox', { name: 'First name' }), 'a{Enter}');
    await waitFor(() => expect(fake.recordHistory.mock.calls.length).toBeGreaterThan(before));
  });

  it('deletes through Actions after confirming, then opens the index', async () => {
    const user = userEvent.setup();
    const { navigate } = renderPage();
    await user.click(await screen.findByRole('button', { name: 'Actions' }));
    await user.click(await screen.findByRole('menuitem', { name: 'Delete' }));
    const dialog = await screen.findByRole('dialog', { name: 'Delete Ann Lee?' });
    expect(dialog).toHaveTextContent('recycle bin');
    expect(dialog).toHaveTextContent('90 days');
    await user.click(within(dialog).getByRole('button', { name: 'Delete' }));
    await waitFor(() => expect(navigate).toHaveBeenCalledWith({ page: 'index', object: 'contacts' }));
    expect(fake.deleteRecords).toHaveBeenCalledWith([id]);
  });

  it('opens association history and merge from Actions; Escape brings the focus back to Actions', async () => {
    const user = userEvent.setup();
    renderPage();
    const actions = await screen.findByRole('button', { name: 'Actions' });
    await user.click(actions);
    expect(await screen.findByRole('menuitem', { name: 'Merge…' })).toBeInTheDocument();
    await user.click(screen.getByRole('menuitem', { name: 'View association history' }));
    expect(await screen.findByRole('dialog', { name: 'Association history' })).toBeInTheDocument();
    expect(await screen.findByText("No changes to Ann Lee's associations yet.")).toBeInTheDocument();
    expect(fake.associationHistory).toHaveBeenCalledWith(id, '', 100, '');
    await waitFor(() => expect(screen.getByRole('combobox', { name: 'Associated with' })).toHaveFocus());
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    await waitFor(() => expect(actions).toHaveFocus());

    await user.click(actions);
    await user.click(await screen.findByRole('menuitem', { name: 'Merge…' }));
    expect(await screen.findByRole('dialog', { name: 'Merge Ann Lee with another contact' })).toBeInTheDocument();
    expect(await screen.findByText('There is no other contact to merge with.')).toBeInTheDocument();
    await waitFor(() => expect(screen.getByRole('combobox', { name: 'Search contacts' })).toHaveFocus());
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  it('cancelling the delete dialog deletes nothing', async () => {
    const user = userEvent.setup();
    renderPage();
    await user.click(await screen.findByRole('button', { name: 'Actions' }));
    await user.click(await screen.findByRole('menuitem', { name: 'Delete' }));
    await user.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(fake.deleteRecords).not.toHaveBeenCalled();
  });

  it('shows a deleted record read-only with a banner to restore it', async () => {
    const user = userEvent.setup();
    current = record({ deletedAt: '2025-03-04T10:00:00Z' });
    fake.restoreRecords.mockImplementation(async () => {
      current = { ...current, deletedAt: undefined };
      return 1;
    });
    renderPage();
    expect(await screen.findByText('This contact is in the recycle bin')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /^Email/ })).toBeNull();
    expect(screen.getByText('ann@example.com')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Actions' })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Restore' }));
    expect(await screen.findByRole('button', { name: 'Email ann@example.com' })).toBeInTheDocument();
    expect(screen.queryByText('This contact is in the recycle bin')).toBeNull();
    expect(fake.restoreRecords).toHaveBeenCalledWith([id]);
  });

  it('explains an unknown ID and links back to the index', async () => {
    fake.getRecord.mockRejectedValue(new AppError('not_found', `No record has the ID ${id}. It may have been deleted permanently.`));
    renderPage();
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(`No record has the ID ${id}. It may have been deleted permanently.`);
    expect(within(alert).getByRole('link', { name: 'Back to Contacts' })).toHaveAttribute('href', '#/contacts');
  });

  it('shows names and values as text, never as HTML', async () => {
    current = record({ displayName: '<img src=x onerror=alert(1)> Lee', props: { firstname: '<img src=x onerror=alert(1)>', lastname: 'Lee' } });
    renderPage();
    expect(await screen.findByRole('heading', { level: 1, name: '<img src=x onerror=alert(1)> Lee' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'First name <img src=x onerror=alert(1)>' })).toBeInTheDocument();
    expect(document.querySelector('img')).toBeNull();
  });

  it("shows an activity's records instead of association cards, and no merge", async () => {
    const tasks = objectDef({
      id: 'tasks',
      num: 9,
      singular: 'Task',
      plural: 'Tasks',
      builtIn: true,
      displayProperty: 'title',
      activityDate: 'due',
      properties: [property('title', 'Title')],
    });
    current = record({ object: 'tasks', displayName: 'Call back', props: { title: 'Call back' } });
    fake.getActivity.mockResolvedValue({ ...current, at: '2026-12-08T09:00:00Z', records: [{ id: 'c1', object: 'contacts', name: 'Ann Lee' }] });
    renderWithClient(<RecordPage object={tasks} id={id} navigate={vi.fn()} />);
    const right = await screen.findByRole('complementary', { name: 'Associated with' });
    expect(await within(right).findByRole('link', { name: 'Ann Lee' })).toBeInTheDocument();
    expect(within(right).getByRole('button', { name: /Associated with 1 record/ })).toBeInTheDocument();
    expect(fake.pairs).not.toHaveBeenCalled();
    await userEvent.click(screen.getByRole('button', { name: /Actions/ }));
    expect(await screen.findByRole('menuitem', { name: /Delete/ })).toBeInTheDocument();
    expect(screen.queryByRole('menuitem', { name: /Merge/ })).not.toBeInTheDocument();
  });
});
