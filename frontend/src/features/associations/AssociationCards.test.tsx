import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { AssociationEdit, AssociationGroup, ListPage, ObjectDef, Pair, RecordData } from '../../api/backend';
import { AppError } from '../../api/errors';
import { companiesObject, contactNameProperties, contactsObject } from '../../test/fixtures';
import { renderWithClient } from '../../test/render';

// The cards and the add panel against a fake backend; the real engine is
// covered in backend/associations and end to end in e2e/tests/associations.test.mjs.
const fake = vi.hoisted(() => ({
  objects: vi.fn(),
  pairs: vi.fn(),
  associationSummary: vi.fn(),
  associationPage: vi.fn(),
  preference: vi.fn(),
  savePreference: vi.fn(),
  labelOptions: vi.fn(),
  listRecords: vi.fn(),
  associate: vi.fn<(e: AssociationEdit) => Promise<unknown>>(),
  setPrimary: vi.fn(),
  removePrimary: vi.fn(),
  disassociate: vi.fn<(e: AssociationEdit) => Promise<unknown>>(),
  createAssociated: vi.fn(),
}));
vi.mock('../../api/backend', async (original) => ({ ...(await original<object>()), backend: fake }));

import { AssociationCards } from './AssociationCards';

const contacts = contactsObject(contactNameProperties());
const companies = companiesObject();
const deals: ObjectDef = { ...companies, id: 'deals', num: 3, singular: 'Deal', plural: 'Deals' };

const ann: RecordData = {
  id: 'c1',
  object: 'contacts',
  displayName: 'Ann Lee',
  props: {},
  createdAt: '2025-01-01T00:00:00Z',
  updatedAt: '2025-01-01T00:00:00Z',
  createdBy: { id: 'u', name: 'U' },
  updatedBy: { id: 'u', name: 'U' },
};

const pair = (b: string): Pair => ({ key: `contacts|${b}`, a: 'contacts', b, defined: true, labels: [], limits: [], nextId: 2 });
const company = (id: string, name: string, primary = false) => ({ id, object: 'companies', name, labels: [], primary, since: '2025-01-01T00:00:00Z' });
const candidates = (names: string[]): ListPage => ({
  total: names.length,
  offset: 0,
  records: names.map((n, i) => ({ ...ann, id: `k${i + 10}`, object: 'companies', displayName: n })),
});

let groups: AssociationGroup[];

beforeEach(() => {
  vi.clearAllMocks();
  groups = [{ object: 'companies', total: 2, items: [company('k1', 'Acme', true), company('k2', 'Beta')] }];
  fake.objects.mockResolvedValue([contacts, companies, deals]);
  fake.pairs.mockResolvedValue([pair('companies'), pair('deals')]);
  fake.associationSummary.mockImplementation(async () => groups);
  fake.associationPage.mockImplementation(async (_r: string, object: string) => groups.find((g) => g.object === object) ?? { object, total: 0, items: [] });
  fake.preference.mockResolvedValue(null);
  fake.savePreference.mockResolvedValue(undefined);
  fake.labelOptions.mockResolvedValue([]);
  fake.listRecords.mockResolvedValue(candidates(['Acme', 'Gamma', 'Delta']));
  fake.associate.mockResolvedValue({ changed: 1, unchanged: 0 });
  fake.setPrimary.mockResolvedValue({ changed: 1, unchanged: 0 });
  fake.disassociate.mockResolvedValue({ changed: 1, unchanged: 0 });
});

function renderCards() {
  const navigate = vi.fn();
  renderWithClient(<AssociationCards object={contacts} record={ann} navigate={navigate} />);
  return { navigate };
}

describe('AssociationCards', () => {
  it('shows one card per associated object with counts, names and the primary mark', async () => {
    const { navigate } = renderCards();
    const card = await screen.findByRole('region', { name: 'Companies (2)' });
    expect(within(card).getByText('Primary')).toBeInTheDocument();
    expect(within(card).getByRole('link', { name: 'Acme' })).toHaveAttribute('href', '#/companies/k1');
    expect(screen.getByRole('region', { name: 'Deals (0)' })).toHaveTextContent('No deals yet.');
    await userEvent.click(within(card).getByRole('link', { name: 'Beta' }));
    expect(navigate).toHaveBeenCalledWith({ page: 'record', object: 'companies', id: 'k2' });
  });

  it('hides and reorders cards and remembers the choice', async () => {
    renderCards();
    await screen.findByRole('region', { name: 'Companies (2)' });
    await userEvent.click(screen.getByRole('button', { name: 'Choose cards' }));
    await userEvent.click(screen.getByRole('button', { name: 'Move Deals up' }));
    expect(fake.savePreference).toHaveBeenLastCalledWith('cards:contacts', { order: ['deals', 'companies'], hidden: [] });
    await userEvent.click(screen.getByRole('checkbox', { name: 'Companies' }));
    expect(fake.savePreference).toHaveBeenLastCalledWith('cards:contacts', { order: ['deals', 'companies'], hidden: ['companies'] });
    await waitFor(() => expect(screen.queryByRole('region', { name: 'Companies (2)' })).not.toBeInTheDocument());
  });

  it('sets another company as primary after saying what happens', async () => {
    renderCards();
    const card = await screen.findByRole('region', { name: 'Companies (2)' });
    await userEvent.click(within(card).getByRole('button', { name: 'More actions for Beta' }));
    await userEvent.click(await screen.findByRole('menuitem', { name: 'Set as primary' }));
    const dialog = await screen.findByRole('dialog');
    await waitFor(() => expect(dialog).toHaveTextContent("Beta becomes Ann Lee's primary company. Acme stays associated, no longer as primary."));
    await userEvent.click(within(dialog).getByRole('button', { name: 'Set as primary' }));
    await waitFor(() => expect(fake.setPrimary).toHaveBeenCalledWith('c1', 'k2'));
  });

  it('asks for a new primary when removing the primary company of a contact with several', async () => {
    groups = [{ object: 'companies', total: 3, items: [company('k1', 'Acme', true), company('k2', 'Beta'), company('k3', 'Gamma')] }];
    renderCards();
    const card = await screen.findByRole('region', { name: 'Companies (3)' });
    await userEvent.click(within(card).getByRole('button', { name: 'More actions for Acme' }));
    await userEvent.click(await screen.findByRole('menuitem', { name: 'Remove association' }));
    const dialog = await screen.findByRole('dialog');
    await within(dialog).findByRole('radio', { name: 'Gamma' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Remove association' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('Choose the new primary company first.');
    expect(fake.disassociate).not.toHaveBeenCalled();
    await userEvent.click(within(dialog).getByRole('radio', { name: 'Gamma' }));
    await userEvent.click(within(dialog).getByRole('button', { name: 'Remove association' }));
    await waitFor(() => expect(fake.disassociate).toHaveBeenCalled());
    expect(fake.disassociate.mock.calls[0][0]).toMatchObject({ record: 'c1', targets: ['k1'], newPrimary: { c1: 'k3' } });
  });

  it('links a card with many associations to the index page filtered to them', async () => {
    groups = [{ object: 'companies', total: 3120, items: ['a', 'b', 'c', 'd', 'e'].map((n) => company(`k-${n}`, n)) }];
    const { navigate } = renderCards();
    const card = await screen.findByRole('region', { name: 'Companies (3,120)' });
    expect(within(card).getByRole('button', { name: `Show more (${(3115).toLocaleString()} more)` })).toBeInTheDocument();
    const all = within(card).getByRole('link', { name: `View all ${(3120).toLocaleString()} companies` });
    expect(all).toHaveAttribute('href', '#/companies?with=c1');
    await userEvent.click(all);
    expect(navigate).toHaveBeenCalledWith({ page: 'index', object: 'companies', with: 'c1' });
    // A card that shows everything already has no such link.
    expect(within(screen.getByRole('region', { name: 'Deals (0)' })).queryByRole('link', { name: /View all/ })).toBeNull();
  });

  it('says when the object has no associations defined, with a way to define them', async () => {
    fake.pairs.mockResolvedValue([{ ...pair('companies'), defined: false }]);
    const { navigate } = renderCards();
    expect(await screen.findByText("Contacts can't be associated with anything yet. Define associations in Settings → Associations.")).toBeInTheDocument();
    expect(screen.queryByText(/All cards are hidden/)).toBeNull();
    expect(screen.queryByRole('button', { name: 'Choose cards' })).toBeNull();
    const link = screen.getByRole('link', { name: 'Define associations' });
    expect(link).toHaveAttribute('href', '#/settings/associations');
    await userEvent.click(link);
    expect(navigate).toHaveBeenCalledWith({ page: 'settings', section: 'associations' });
  });
});

describe('AddPanel', () => {
  it('adds existing companies with the keyboard, replacing the primary, in one call', async () => {
    renderCards();
    const card = await screen.findByRole('region', { name: 'Companies (2)' });
    await userEvent.click(within(card).getByRole('button', { name: 'Add company' }));
    const search = await screen.findByRole('combobox', { name: 'Search companies' });
    expect(search).toHaveFocus();
    await screen.findByRole('option', { name: /Gamma/ });
    expect(screen.getByRole('option', { name: /Acme/ })).toHaveAttribute('aria-selected', 'false'); // k10 is a new Acme
    await userEvent.keyboard('{ArrowDown}{Enter}{ArrowDown}{Enter}');
    expect(screen.getByText(/2 selected/)).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Next' }));
    await userEvent.click(screen.getByRole('checkbox', { name: "Replace Acme as Ann Lee's current primary" }));
    await userEvent.click(screen.getByRole('radio', { name: 'with Delta' }));
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(fake.associate).toHaveBeenCalled());
    expect(fake.associate.mock.calls[0][0]).toMatchObject({ record: 'c1', targets: ['k11', 'k12'], primary: 'k12', labels: [] });
  });

  it('shows the engine refusal in the panel and keeps the selection', async () => {
    fake.associate.mockRejectedValue(new AppError('limit_reached', 'Each contact can be associated with at most 2 companies.', 'targets'));
    renderCards();
    const card = await screen.findByRole('region', { name: 'Companies (2)' });
    await userEvent.click(within(card).getByRole('button', { name: 'Add company' }));
    await screen.findByRole('option', { name: /Gamma/ });
    await userEvent.keyboard('{ArrowDown}{Enter}');
    await userEvent.click(screen.getByRole('button', { name: 'Next' }));
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Each contact can be associated with at most 2 companies.');
    await userEvent.click(screen.getByRole('button', { name: 'Back' }));
    expect(screen.getByText(/1 selected/)).toBeInTheDocument();
  });

  it('creates a record and associates it in one step', async () => {
    fake.createAssociated.mockResolvedValue({ ...ann, id: 'k9', object: 'companies', displayName: 'Newco' });
    renderCards();
    const card = await screen.findByRole('region', { name: 'Companies (2)' });
    await userEvent.click(within(card).getByRole('button', { name: 'Add company' }));
    await userEvent.click(await screen.findByRole('tab', { name: 'Create new' }));
    await userEvent.type(screen.getByLabelText('Company name'), 'Newco');
    await userEvent.click(screen.getByRole('button', { name: 'Create and add another' }));
    await waitFor(() => expect(fake.createAssociated).toHaveBeenCalledWith('c1', 'companies', { name: 'Newco' }, [], false));
    expect(await screen.findByText('Created Newco and associated it with Ann Lee.', { selector: '.idx-note' })).toBeInTheDocument();
    expect(screen.getByLabelText('Company name')).toHaveValue('');
  });
});
