import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { AssociationOp, FilterOp, type ListPage, type ListQuery, type PropValue, type RecordData } from '../../../api/backend';
import { AppError } from '../../../api/errors';
import { contactNameProperties, contactsObject, property } from '../../../test/fixtures';
import { withLayout } from '../../../test/layout';
import { renderWithClient } from '../../../test/render';

// The index page against a fake backend module holding records in memory;
// the real bindings are covered end to end in e2e/tests/index-page.test.mjs.
const fake = vi.hoisted(() => ({
  store: [] as RecordData[],
  prefs: new Map<string, unknown>(),
  listRecords: vi.fn(),
  createRecord: vi.fn(),
  deleteRecords: vi.fn(),
  loadSampleData: vi.fn(),
  preference: vi.fn(),
  savePreference: vi.fn(),
  // Association columns and filters: contacts can be associated with deals.
  objects: vi.fn(async () => [contacts, deals]),
  pairs: vi.fn(async () => [{ key: 'contacts|deals', a: 'contacts', b: 'deals', defined: true, labels: [], limits: [] }]),
  associationColumns: vi.fn(async (ids: string[]) => ids.map((_, i) => [{ count: i % 3, primary: false }])),
  associationPage: vi.fn(),
  getRecord: vi.fn(),
}));
vi.mock('../../../api/backend', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../api/backend')>();
  return { ...real, backend: fake };
});

import { deleteInChunks } from './DeleteDialog';
import { IndexPage } from './IndexPage';

const contacts = contactsObject([...contactNameProperties(), property('phone', 'Phone', 'phone'), property('jobtitle', 'Job title')]);
const deals = { ...contactsObject([property('name', 'Deal name')]), id: 'deals', num: 3, singular: 'Deal', plural: 'Deals', displayProperty: 'name' };

let seq = 0;
function makeRecord(props: Record<string, PropValue>): RecordData {
  seq++;
  const at = new Date(Date.UTC(2024, 0, 1, 0, 0, seq)).toISOString();
  const name = `${props.firstname ?? ''} ${props.lastname ?? ''}`.trim() || String(props.email ?? '');
  const actor = { id: 'u', name: 'Ann' };
  return { id: `id-${seq}`, object: 'contacts', displayName: name, props, createdAt: at, updatedAt: at, createdBy: actor, updatedBy: actor };
}

function seed(n: number) {
  const firsts = ['Ada', 'Ben', 'Cleo', 'Dan', 'Eve', 'Finn'];
  for (let i = 0; i < n; i++) {
    fake.store.push(
      makeRecord({ firstname: firsts[i % firsts.length], lastname: `Person${i}`, email: `p${i}@example.com`, phone: `+1 555 ${i}`, jobtitle: 'Buyer' }),
    );
  }
}

function sortValue(r: RecordData, key: string): string {
  if (key === '_name') return r.displayName.toLowerCase();
  if (key === '_created') return r.createdAt;
  if (key === '_updated') return r.updatedAt;
  return String(r.props[key] ?? '').toLowerCase();
}

function list(q: ListQuery): ListPage {
  let rows = [...fake.store];
  if (q.search) rows = rows.filter((r) => JSON.stringify(r.props).toLowerCase().includes(q.search.toLowerCase()));
  for (const f of q.filters) {
    if (f.op === 'gt') throw new AppError('invalid', 'Email cannot be compared.', 'filter');
    rows = rows.filter((r) => {
      const v = String(r.props[f.property] ?? '');
      if (f.op === 'contains') return v.toLowerCase().includes(f.value.toLowerCase());
      if (f.op === 'is') return v === f.value;
      if (f.op === 'empty') return v === '';
      return true;
    });
  }
  const key = q.sort || '_created';
  rows.sort((a, b) => sortValue(a, key).localeCompare(sortValue(b, key)) * (q.desc ? -1 : 1));
  return { total: rows.length, offset: q.offset, records: rows.slice(q.offset, q.offset + Math.min(q.limit, 500)) };
}

function renderPage(navigate = vi.fn()) {
  return { ...renderWithClient(<IndexPage object={contacts} navigate={navigate} />), navigate };
}

const table = () => screen.findByRole('table', { name: 'Contacts' });

// openCreateDialog shows three contacts and opens "Create contact".
async function openCreateDialog() {
  const user = userEvent.setup();
  seed(3);
  renderPage();
  await table();
  await user.click(screen.getByRole('button', { name: 'Create contact' }));
  return { user, dialog: await screen.findByRole('dialog', { name: 'Create contact' }) };
}
const bodyRows = () => screen.getAllByRole('row').filter((r) => r.getAttribute('aria-rowindex') !== '1');
const firstName = () => within(bodyRows()[0]).getAllByRole('link')[0].textContent;

withLayout();

beforeEach(() => {
  seq = 0;
  fake.store = [];
  fake.prefs = new Map();
  fake.listRecords.mockReset().mockImplementation(async (q: ListQuery) => list(q));
  fake.createRecord.mockReset().mockImplementation(async (_o: string, props: Record<string, PropValue>) => {
    if (props.email && !String(props.email).includes('@')) {
      throw new AppError('invalid', `Email must be an email address like ann@example.com, not "${props.email}".`, 'email');
    }
    if (!props.firstname && !props.lastname && !props.email) {
      throw new AppError('invalid', 'A contact needs a first name, a last name or an email.', 'firstname');
    }
    const r = makeRecord(props);
    fake.store.push(r);
    return r;
  });
  fake.deleteRecords.mockReset().mockImplementation(async (ids: string[]) => {
    fake.store = fake.store.filter((r) => !ids.includes(r.id));
    return ids.length;
  });
  fake.loadSampleData.mockReset().mockImplementation(async () => {
    seed(30);
    return { contacts: 30, companies: 0, deals: 0, tickets: 0 };
  });
  fake.preference.mockReset().mockImplementation(async (k: string) => fake.prefs.get(k) ?? null);
  fake.savePreference.mockReset().mockImplementation(async (k: string, v: unknown) => {
    fake.prefs.set(k, v);
  });
});

describe('IndexPage', () => {
  it('shows a table of records with name, the first properties besides the name, created and updated', async () => {
    seed(12);
    const { navigate } = renderPage();
    const t = await table();
    await waitFor(() => expect(bodyRows()).toHaveLength(12));
    const headers = within(t)
      .getAllByRole('columnheader')
      .map((h) => h.textContent);
    expect(headers).toEqual(['', 'Name', 'Email', 'Phone', 'Job title', 'Created', 'Updated']);
    expect(screen.getByTestId('record-count')).toHaveTextContent('12 contacts');
    // Newest first by default.
    expect(firstName()).toBe('Finn Person11');
    expect(within(t).getByRole('columnheader', { name: 'Created' })).toHaveAttribute('aria-sort', 'descending');

    await userEvent.click(screen.getByRole('link', { name: 'Ada Person0' }));
    expect(navigate).toHaveBeenCalledWith({ page: 'record', object: 'contacts', id: 'id-1' });
  });

  it('sorts in the backend when a header is clicked, ascending then descending', async () => {
    const user = userEvent.setup();
    seed(12);
    renderPage();
    const t = await table();
    await waitFor(() => expect(bodyRows()).toHaveLength(12));
    const email = within(t).getByRole('columnheader', { name: 'Email' });
    expect(email).toHaveAttribute('aria-sort', 'none');

    await user.click(within(email).getByRole('button'));
    await waitFor(() => expect(email).toHaveAttribute('aria-sort', 'ascending'));
    await waitFor(() => expect(firstName()).toBe('Ada Person0'));
    expect(fake.listRecords).toHaveBeenCalledWith(expect.objectContaining({ sort: 'email', desc: false, offset: 0 }));

    await user.click(within(email).getByRole('button'));
    await waitFor(() => expect(email).toHaveAttribute('aria-sort', 'descending'));
    await waitFor(() => expect(firstName()).toBe('Dan Person9'));
    expect(fake.listRecords).toHaveBeenCalledWith(expect.objectContaining({ sort: 'email', desc: true }));
    expect(fake.savePreference).toHaveBeenLastCalledWith('sort:contacts', { sort: 'email', desc: true });
  });

  it('opens in the order chosen last time, or the newest first if it can no longer be sorted so', async () => {
    fake.prefs.set('sort:contacts', { sort: 'email', desc: true });
    seed(12);
    const first = renderPage();
    let t = await table();
    expect(within(t).getByRole('columnheader', { name: 'Email' })).toHaveAttribute('aria-sort', 'descending');
    await waitFor(() => expect(firstName()).toBe('Dan Person9'));
    expect(fake.listRecords).not.toHaveBeenCalledWith(expect.objectContaining({ sort: '_created' }));
    first.unmount();

    fake.prefs.set('sort:contacts', { sort: 'removed_property', desc: false });
    renderPage();
    t = await table();
    expect(within(t).getByRole('columnheader', { name: 'Created' })).toHaveAttribute('aria-sort', 'descending');
  });

  it('loads only the rows in view, by blocks, for a hundred thousand records', async () => {
    const total = 100_000;
    fake.prefs.set('sort:contacts', { sort: '_name', desc: false }); // in a remembered order
    fake.listRecords.mockImplementation(async (q: ListQuery) => ({
      total,
      offset: q.offset,
      records: Array.from({ length: Math.min(q.limit, total - q.offset) }, (_, i) => ({
        ...makeRecord({ firstname: `Row${q.offset + i}` }),
        id: `row-${q.offset + i}`,
      })),
    }));
    renderPage();
    const t = await table();
    expect(t).toHaveAttribute('aria-rowcount', String(total + 1));
    await screen.findByRole('link', { name: 'Row0' });
    expect(bodyRows().length).toBeLessThan(60);
    expect(screen.getByTestId('record-count')).toHaveTextContent('100,000 contacts');
    for (const [q] of fake.listRecords.mock.calls as [ListQuery][]) expect(q.limit).toBeLessThanOrEqual(500);
    expect(fake.listRecords.mock.calls.length).toBeLessThanOrEqual(2);

    // Scrolling far down fetches that block only, showing placeholders meanwhile.
    const scroller = t.parentElement!;
    await act(async () => {
      scroller.scrollTop = 50_000 * 34;
      scroller.dispatchEvent(new Event('scroll'));
    });
    await screen.findByRole('link', { name: 'Row50000' });
    expect(fake.listRecords).toHaveBeenCalledWith(expect.objectContaining({ offset: 50_000, limit: 100 }));
    expect(fake.listRecords.mock.calls.length).toBeLessThanOrEqual(5);
  });

  it('goes back to the top of the table for a new search, sort or filter', async () => {
    const total = 100_000;
    fake.listRecords.mockImplementation(async (q: ListQuery) => ({
      total: q.search ? 3_287 : total,
      offset: q.offset,
      records: Array.from({ length: Math.min(q.limit, total - q.offset) }, (_, i) => ({
        ...makeRecord({ firstname: `Row${q.offset + i}` }),
        id: `row-${q.offset + i}`,
      })),
    }));
    const user = userEvent.setup();
    renderPage();
    const t = await table();
    const scroller = t.parentElement!;
    const scrollDown = async () => {
      await act(async () => {
        scroller.scrollTop = 70_000 * 34;
        scroller.dispatchEvent(new Event('scroll'));
      });
      expect(scroller.scrollTop).toBe(70_000 * 34);
    };
    await scrollDown();
    await user.type(screen.getByRole('searchbox', { name: 'Search contacts' }), 'tanaka');
    await waitFor(() => expect(screen.getByTestId('record-count')).toHaveTextContent('3,287 contacts'));
    expect(scroller.scrollTop).toBe(0);

    await scrollDown();
    await user.click(within(within(t).getByRole('columnheader', { name: 'Email' })).getByRole('button'));
    await waitFor(() => expect(scroller.scrollTop).toBe(0));
  });

  it('selects the loaded rows only, and says so when more records match', async () => {
    const user = userEvent.setup();
    seed(150);
    renderPage();
    await table();
    const all = await screen.findByRole('checkbox', { name: 'Select all loaded' });
    await user.click(all);
    const bar = screen.getByRole('toolbar', { name: 'Selected records' });
    expect(bar).toHaveTextContent('100 selected');
    expect(within(bar).getByRole('note')).toHaveTextContent('All 150 contacts match; only the 100 selected are acted on.');
    // Not every match is selected: neither ticked nor empty.
    expect(all).not.toBeChecked();
    expect(all).toHaveProperty('indeterminate', true);
    await user.click(all);
    expect(screen.queryByRole('toolbar', { name: 'Selected records' })).toBeNull();
  });

  it('searches after a short pause and says when nothing matches', async () => {
    const user = userEvent.setup();
    seed(12);
    renderPage();
    await table();
    await user.type(screen.getByRole('searchbox', { name: 'Search contacts' }), 'person1');
    await waitFor(() => expect(screen.getByTestId('record-count')).toHaveTextContent('3 contacts'));
    expect(fake.listRecords).toHaveBeenCalledWith(expect.objectContaining({ search: 'person1' }));
    expect(fake.listRecords).not.toHaveBeenCalledWith(expect.objectContaining({ search: 'p' }));

    await user.clear(screen.getByRole('searchbox', { name: 'Search contacts' }));
    await user.type(screen.getByRole('searchbox', { name: 'Search contacts' }), 'zzz');
    expect(await screen.findByRole('heading', { name: 'No contacts match' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Clear search and filters' }));
    await waitFor(() => expect(screen.getByTestId('record-count')).toHaveTextContent('12 contacts'));
    expect(screen.getByRole('searchbox', { name: 'Search contacts' })).toHaveValue('');
  });

  it('adds a filter as a removable chip and shows a backend error next to it', async () => {
    const user = userEvent.setup();
    seed(12);
    renderPage();
    await table();
    await user.click(screen.getByRole('button', { name: 'Add filter' }));
    const dialog = await screen.findByRole('dialog', { name: 'Add filter' });
    await user.selectOptions(within(dialog).getByRole('combobox', { name: 'Property' }), 'firstname');
    await user.selectOptions(within(dialog).getByRole('combobox', { name: 'Operator' }), 'is');
    await user.type(within(dialog).getByRole('textbox', { name: 'Value' }), 'Ada');
    await user.click(within(dialog).getByRole('button', { name: 'Apply filter' }));
    await waitFor(() => expect(screen.getByTestId('record-count')).toHaveTextContent('2 contacts'));
    expect(fake.listRecords).toHaveBeenCalledWith(expect.objectContaining({ filters: [{ property: 'firstname', op: 'is', value: 'Ada' }], offset: 0 }));

    // An operator the backend refuses: its message shows in the popover.
    await user.click(screen.getByRole('button', { name: 'Add filter' }));
    const again = await screen.findByRole('dialog', { name: 'Add filter' });
    await user.selectOptions(within(again).getByRole('combobox', { name: 'Operator' }), 'gt');
    await user.type(within(again).getByRole('textbox', { name: 'Value' }), 'x');
    await user.click(within(again).getByRole('button', { name: 'Apply filter' }));
    expect(await within(again).findByRole('alert')).toHaveTextContent('Email cannot be compared.');
    await user.keyboard('{Escape}');

    await user.click(screen.getByRole('button', { name: 'Remove filter First name is Ada' }));
    await waitFor(() => expect(screen.getByTestId('record-count')).toHaveTextContent('12 contacts'));
  });

  it('creates a record: errors show next to their field, nothing typed is lost', async () => {
    const { user, dialog } = await openCreateDialog();
    await user.type(within(dialog).getByLabelText('First name'), 'Zed');
    await user.type(within(dialog).getByLabelText('Email'), 'x');
    await user.click(within(dialog).getByRole('button', { name: 'Create' }));
    const error = await within(dialog).findByRole('alert');
    expect(error).toHaveTextContent('Email must be an email address like ann@example.com, not "x".');
    expect(within(dialog).getByLabelText('Email')).toHaveAttribute('aria-invalid', 'true');
    expect(within(dialog).getByLabelText('Email')).toHaveAccessibleDescription(error.textContent!);
    expect(within(dialog).getByLabelText('First name')).toHaveValue('Zed');

    await user.clear(within(dialog).getByLabelText('Email'));
    await user.type(within(dialog).getByLabelText('Email'), 'zed@example.com');
    await user.click(within(dialog).getByRole('button', { name: 'Create' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(fake.createRecord).toHaveBeenLastCalledWith('contacts', { firstname: 'Zed', email: 'zed@example.com' });
    expect(await screen.findByRole('link', { name: 'Zed' })).toBeInTheDocument();
    expect(screen.getByTestId('record-count')).toHaveTextContent('4 contacts');
  });

  it('"Create and add another" keeps the dialog open and empties it; errors without a known field show on top', async () => {
    const { user, dialog } = await openCreateDialog();
    await user.type(within(dialog).getByLabelText('Last name'), 'Moss');
    await user.click(within(dialog).getByRole('button', { name: 'Create and add another' }));
    await waitFor(() => expect(within(dialog).getByLabelText('Last name')).toHaveValue(''));
    expect(within(dialog).getByRole('status')).toHaveTextContent('Created Moss.');
    expect(await screen.findByRole('link', { name: 'Moss', hidden: true })).toBeInTheDocument();

    fake.createRecord.mockRejectedValueOnce(new AppError('store_locked', 'The data folder is in use.'));
    await user.type(within(dialog).getByLabelText('Last name'), 'Kay');
    await user.click(within(dialog).getByRole('button', { name: 'Create' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('The data folder is in use.');
    expect(within(dialog).getByLabelText('Last name')).toHaveValue('Kay');
  });

  it('selects rows and deletes them after confirmation', async () => {
    const user = userEvent.setup();
    seed(5);
    renderPage();
    await table();
    await user.click(await screen.findByRole('checkbox', { name: 'Select Ada Person0' }));
    await user.click(screen.getByRole('checkbox', { name: 'Select Ben Person1' }));
    const bar = screen.getByRole('toolbar', { name: 'Selected records' });
    expect(bar).toHaveTextContent('2 selected');
    expect(screen.getByRole('checkbox', { name: 'Select all loaded' })).toHaveProperty('indeterminate', true);

    await user.click(within(bar).getByRole('button', { name: 'Delete' }));
    const confirm = await screen.findByRole('alertdialog', { name: 'Delete 2 contacts?' });
    expect(confirm).toHaveTextContent('2 contacts move to the recycle bin, where you can restore them for 90 days.');
    await user.click(within(confirm).getByRole('button', { name: 'Delete 2 contacts' }));
    await waitFor(() => expect(screen.getByTestId('record-count')).toHaveTextContent('3 contacts'));
    expect(fake.deleteRecords).toHaveBeenCalledWith(['id-1', 'id-2']);
    expect(screen.queryByRole('link', { name: 'Ada Person0' })).toBeNull();
    expect(screen.queryByRole('toolbar', { name: 'Selected records' })).toBeNull();

    await user.click(screen.getByRole('checkbox', { name: 'Select all loaded' }));
    expect(screen.getByRole('toolbar', { name: 'Selected records' })).toHaveTextContent('3 selected');
    expect(screen.getByRole('checkbox', { name: 'Select all loaded' })).toBeChecked();
    expect(screen.queryByRole('note')).toBeNull();
    await user.click(screen.getByRole('checkbox', { name: 'Select all loaded' }));
    expect(screen.queryByRole('toolbar', { name: 'Selected records' })).toBeNull();
  });

  it('deletes at most 500 records per backend call', async () => {
    const ids = Array.from({ length: 1201 }, (_, i) => `id-${i}`);
    expect(await deleteInChunks(ids)).toBe(1201);
    expect(fake.deleteRecords.mock.calls.map(([c]) => (c as string[]).length)).toEqual([500, 500, 201]);
  });

  it('edits columns: shows, hides and reorders them, and remembers the choice', async () => {
    const user = userEvent.setup();
    seed(2);
    renderPage();
    const t = await table();
    await user.click(screen.getByRole('button', { name: 'Edit columns' }));
    const pop = await screen.findByRole('dialog', { name: 'Edit columns' });
    await user.click(within(pop).getByRole('checkbox', { name: 'First name' }));
    await user.click(within(pop).getByRole('checkbox', { name: 'Phone' }));
    await user.click(within(pop).getByRole('button', { name: 'Move First name up' }));
    expect(fake.savePreference).toHaveBeenLastCalledWith('columns:contacts', ['email', 'firstname', 'jobtitle']);
    const headers = within(t)
      .getAllByRole('columnheader')
      .map((h) => h.textContent);
    expect(headers).toEqual(['', 'Name', 'Email', 'First name', 'Job title', 'Created', 'Updated']);
    expect(
      within(t)
        .getAllByRole('cell')
        .some((c) => c.textContent === 'Buyer'),
    ).toBe(true);
  });

  it('resizes a column by its header edge, remembers the width and resets it on double-click', async () => {
    fake.prefs.set('widths:contacts', { _created: 220 });
    const user = userEvent.setup();
    seed(2);
    renderPage();
    const t = await table();
    const headRow = () => within(t).getAllByRole('row')[0];
    await waitFor(() => expect(headRow().style.gridTemplateColumns).toContain('220px'), { timeout: 3000 });
    const edge = within(t).getByRole('separator', { name: 'Resize Email' });
    // The keyboard moves the edge (jsdom lays nothing out: from 0 px, so the least width).
    edge.focus();
    await user.keyboard('{ArrowRight}');
    expect(fake.savePreference).toHaveBeenLastCalledWith('widths:contacts', { _created: 220, email: 60 });
    await waitFor(() => expect(headRow().style.gridTemplateColumns).toMatch(/^40px minmax\(180px, 1.4fr\) 60px /));
    await user.dblClick(within(t).getByRole('separator', { name: 'Resize Created' }));
    expect(fake.savePreference).toHaveBeenLastCalledWith('widths:contacts', { email: 60 });
    await waitFor(() => expect(headRow().style.gridTemplateColumns).not.toContain('220px'));
    // Dragging previews the width and saves it when released (jsdom has no
    // PointerEvent: a MouseEvent carries the same coordinates).
    if (!window.PointerEvent) vi.stubGlobal('PointerEvent', class extends MouseEvent {});
    const name = within(t).getByRole('separator', { name: 'Resize Name' });
    fireEvent.pointerDown(name, { button: 0, clientX: 100, pointerId: 1 });
    fireEvent.pointerMove(name, { clientX: 400, pointerId: 1 });
    await waitFor(() => expect(headRow().style.gridTemplateColumns).toMatch(/^40px 300px /));
    fireEvent.pointerUp(name, { clientX: 500, pointerId: 1 });
    await waitFor(() => expect(fake.savePreference).toHaveBeenLastCalledWith('widths:contacts', { email: 60, _name: 400 }));
    expect(headRow().style.gridTemplateColumns).toMatch(/^40px 400px /);
  });

  it('uses the saved columns, skipping properties that no longer exist', async () => {
    fake.prefs.set('columns:contacts', ['jobtitle', 'gone', 'email']);
    seed(2);
    renderPage();
    const t = await table();
    await waitFor(() =>
      expect(
        within(t)
          .getAllByRole('columnheader')
          .map((h) => h.textContent),
      ).toEqual(['', 'Name', 'Job title', 'Email', 'Created', 'Updated']),
    );
  });

  it('shows association columns whose cells open the associated records and their index', async () => {
    const user = userEvent.setup();
    fake.prefs.set('columns:contacts', ['email', '@deals']);
    fake.associationPage.mockResolvedValue({
      object: 'deals',
      total: 2,
      items: [{ id: 'd1', object: 'deals', name: 'Big deal', labels: [], primary: false, since: '' }],
    });
    seed(3);
    const { navigate } = renderPage();
    const t = await table();
    await waitFor(() =>
      expect(
        within(t)
          .getAllByRole('columnheader')
          .map((h) => h.textContent),
      ).toContain('Contact → Deals'),
    );
    const cell = await within(t).findByRole('button', { name: /^2 records: Deals of/ });
    await user.click(cell);
    const pop = await screen.findByRole('dialog', { name: 'Associated deals' });
    await within(pop).findByRole('link', { name: 'Big deal' });
    await user.click(within(pop).getByRole('button', { name: /View associated deals/ }));
    expect(navigate).toHaveBeenCalledWith(expect.objectContaining({ page: 'index', object: 'deals', with: expect.any(String) }));

    // Edit columns lists the association types.
    await user.click(screen.getByRole('button', { name: 'Edit columns' }));
    expect(await screen.findByRole('checkbox', { name: 'Contact → Deals' })).toBeChecked();
  });

  it('filters by association: has any, has none', async () => {
    const user = userEvent.setup();
    seed(2);
    renderPage();
    await table();
    await user.click(screen.getByRole('button', { name: 'Add filter' }));
    await user.selectOptions(screen.getByRole('combobox', { name: 'Property' }), 'Associated deals');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Operator' }), 'has none');
    await user.click(screen.getByRole('button', { name: 'Apply filter' }));
    expect(await screen.findByText('Has no associated deals')).toBeInTheDocument();
    expect(fake.listRecords).toHaveBeenLastCalledWith(
      expect.objectContaining({ filters: [], associations: [{ op: AssociationOp.HasNone, object: 'deals' }] }),
    );

    // Back to a property: its operators, and the association filter stays.
    await user.click(screen.getByRole('button', { name: 'Add filter' }));
    await user.selectOptions(screen.getByRole('combobox', { name: 'Property' }), 'Associated deals');
    expect(screen.getByRole('combobox', { name: 'Operator' })).toHaveDisplayValue('has any');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Property' }), 'First name');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Operator' }), 'is empty');
    await user.click(screen.getByRole('button', { name: 'Apply filter' }));
    expect(await screen.findByText('First name is empty')).toBeInTheDocument();
    expect(fake.listRecords).toHaveBeenLastCalledWith(
      expect.objectContaining({
        filters: [{ property: 'firstname', op: FilterOp.Empty, value: '' }],
        associations: [{ op: AssociationOp.HasNone, object: 'deals' }],
      }),
    );
    await user.click(screen.getByRole('button', { name: 'Remove filter Has no associated deals' }));
    await waitFor(() =>
      expect(fake.listRecords).toHaveBeenLastCalledWith(
        expect.objectContaining({ filters: [{ property: 'firstname', op: FilterOp.Empty, value: '' }], associations: [] }),
      ),
    );
  });

  it('shows an empty state that loads sample data', async () => {
    const user = userEvent.setup();
    let release = () => {};
    fake.loadSampleData.mockImplementation(
      () =>
        new Promise((resolve) => {
          release = () => {
            seed(30);
            resolve({ contacts: 30, companies: 0, deals: 0, tickets: 0 });
          };
        }),
    );
    renderPage();
    expect(await screen.findByRole('heading', { name: 'No contacts yet' })).toBeInTheDocument();
    expect(screen.getByText(/Contacts are the people you work with/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Create contact' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Load sample data' }));
    expect(await screen.findByRole('button', { name: 'Loading sample data…' })).toBeDisabled();
    await act(async () => release());
    expect(await screen.findByTestId('record-count')).toHaveTextContent('30 contacts');
    expect(await screen.findByRole('link', { name: 'Ada Person0' })).toBeInTheDocument();
  });

  it('offers no sample data for custom objects and links to the recycle bin', async () => {
    const user = userEvent.setup();
    const navigate = vi.fn();
    renderWithClient(<IndexPage object={{ ...contacts, id: 'c_pets', singular: 'Pet', plural: 'Pets', builtIn: false }} navigate={navigate} />);
    expect(await screen.findByRole('heading', { name: 'No pets yet' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Load sample data' })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Recycle bin' }));
    expect(navigate).toHaveBeenCalledWith({ page: 'bin', object: 'c_pets' });
  });

  it('opens the duplicates of contacts and companies, not of other objects', async () => {
    const user = userEvent.setup();
    seed(2);
    const { navigate } = renderPage();
    await table();
    await user.click(screen.getByRole('button', { name: 'Find duplicates' }));
    expect(navigate).toHaveBeenCalledWith({ page: 'duplicates', object: 'contacts' });
    cleanup();
    renderWithClient(<IndexPage object={{ ...contacts, id: 'deals', singular: 'Deal', plural: 'Deals' }} navigate={vi.fn()} />);
    await screen.findByRole('table', { name: 'Deals' });
    expect(screen.queryByRole('button', { name: 'Find duplicates' })).toBeNull();
  });

  it('shows names and values as text, never as HTML', async () => {
    fake.store.push(makeRecord({ firstname: '<img src=x onerror=alert(1)>', jobtitle: '<b>x</b>' }));
    renderPage();
    expect(await screen.findByRole('link', { name: '<img src=x onerror=alert(1)>' })).toBeInTheDocument();
    expect(document.querySelector('img')).toBeNull();
    expect(screen.getByRole('checkbox', { name: 'Select <img src=x onerror=alert(1)>' })).toBeInTheDocument();
  });
});
