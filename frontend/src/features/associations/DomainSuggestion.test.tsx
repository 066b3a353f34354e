import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { AssociationEdit, AssociationGroup, CompanySuggestion, Pair, RecordData } from '../../api/backend';
import { companiesObject, contactNameProperties, contactsObject } from '../../test/fixtures';
import { renderWithClient } from '../../test/render';

// The company a contact's email domain suggests, on its Companies card,
// against a fake backend (the rules are backend/autodomain's).
const fake = vi.hoisted(() => ({
  objects: vi.fn(),
  pairs: vi.fn(),
  associationSummary: vi.fn(),
  associationPage: vi.fn(),
  preference: vi.fn(),
  savePreference: vi.fn(),
  associate: vi.fn<(e: AssociationEdit) => Promise<unknown>>(),
  companies: { suggestion: vi.fn<(contact: string) => Promise<CompanySuggestion | null>>(), dismissSuggestion: vi.fn() },
}));
vi.mock('../../api/backend', async (original) => ({ ...(await original<object>()), backend: fake }));

import { AssociationCards } from './AssociationCards';

const contacts = contactsObject(contactNameProperties());
const companies = companiesObject();

const record = (id: string, object: string, displayName: string): RecordData => ({
  id,
  object,
  displayName,
  props: {},
  createdAt: '2025-01-01T00:00:00Z',
  updatedAt: '2025-01-01T00:00:00Z',
  createdBy: { id: 'u', name: 'U' },
  updatedBy: { id: 'u', name: 'U' },
});
const ann = record('c1', 'contacts', 'Ann Lee');
const acme = record('k1', 'companies', 'Acme <Ltd>');

const pair = (a: string, b: string): Pair => ({ key: `${a}|${b}`, a, b, defined: true, labels: [], limits: [], nextId: 2 });
const none: AssociationGroup[] = [{ object: 'companies', total: 0, items: [] }];
let groups: AssociationGroup[];

beforeEach(() => {
  vi.clearAllMocks();
  groups = none;
  fake.objects.mockResolvedValue([contacts, companies]);
  fake.pairs.mockResolvedValue([pair('contacts', 'companies')]);
  fake.associationSummary.mockImplementation(async () => groups);
  fake.associationPage.mockResolvedValue({ object: 'companies', total: 0, items: [] });
  fake.preference.mockResolvedValue(null);
  fake.savePreference.mockResolvedValue(undefined);
  fake.associate.mockResolvedValue({ changed: 1, unchanged: 0 });
  fake.companies.suggestion.mockResolvedValue({ company: acme, domain: 'acme.example', others: 0 });
  fake.companies.dismissSuggestion.mockResolvedValue(undefined);
});

const card = () => screen.findByRole('region', { name: /^Companies/ });

describe('DomainSuggestion', () => {
  it('offers the company of the email domain to a contact without one, its name as text', async () => {
    renderWithClient(<AssociationCards object={contacts} record={ann} navigate={vi.fn()} />);
    const row = await within(await card()).findByRole('group', { name: 'Suggested company' });
    expect(row).toHaveTextContent('Associate with Acme <Ltd>?');
    expect(row).toHaveTextContent('Same domain as the email: acme.example');
    expect(fake.companies.suggestion).toHaveBeenCalledWith('c1');
  });

  it('says how many other companies share the domain', async () => {
    fake.companies.suggestion.mockResolvedValue({ company: acme, domain: 'acme.example', others: 2 });
    renderWithClient(<AssociationCards object={contacts} record={ann} navigate={vi.fn()} />);
    const row = await screen.findByRole('group', { name: 'Suggested company' });
    expect(row).toHaveTextContent('2 other companies share acme.example');
  });

  it('associates as primary with one click, then refreshes the card and hides the row', async () => {
    renderWithClient(<AssociationCards object={contacts} record={ann} navigate={vi.fn()} />);
    const row = await screen.findByRole('group', { name: 'Suggested company' });
    groups = [{ object: 'companies', total: 1, items: [{ id: 'k1', object: 'companies', name: 'Acme <Ltd>', labels: [], primary: true, since: '' }] }];
    fake.companies.suggestion.mockResolvedValue(null);
    await userEvent.click(within(row).getByRole('button', { name: 'Associate' }));
    expect(fake.associate).toHaveBeenCalledWith(expect.objectContaining({ record: 'c1', targets: ['k1'], primary: 'k1' }));
    expect(await screen.findByRole('region', { name: 'Companies (1)' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Acme <Ltd>' })).toBeInTheDocument();
    expect(screen.queryByRole('group', { name: 'Suggested company' })).not.toBeInTheDocument();
  });

  it('dismisses it, remembered by the backend', async () => {
    renderWithClient(<AssociationCards object={contacts} record={ann} navigate={vi.fn()} />);
    const row = await screen.findByRole('group', { name: 'Suggested company' });
    await userEvent.click(within(row).getByRole('button', { name: /^Dismiss/ }));
    expect(fake.companies.dismissSuggestion).toHaveBeenCalledWith('c1', 'k1');
    await waitFor(() => expect(screen.queryByRole('group', { name: 'Suggested company' })).not.toBeInTheDocument());
    expect(fake.associate).not.toHaveBeenCalled();
  });

  it('is not shown to a contact that has a company', async () => {
    groups = [{ object: 'companies', total: 1, items: [{ id: 'k2', object: 'companies', name: 'Beta', labels: [], primary: true, since: '' }] }];
    renderWithClient(<AssociationCards object={contacts} record={ann} navigate={vi.fn()} />);
    await screen.findByRole('link', { name: 'Beta' });
    expect(screen.queryByRole('group', { name: 'Suggested company' })).not.toBeInTheDocument();
    expect(fake.companies.suggestion).not.toHaveBeenCalled();
  });

  it('is not shown on a deleted contact or on other objects', async () => {
    const { unmount } = renderWithClient(<AssociationCards object={contacts} record={{ ...ann, deletedAt: '2025-02-01T00:00:00Z' }} navigate={vi.fn()} />);
    await card();
    expect(fake.companies.suggestion).not.toHaveBeenCalled();
    unmount();

    const deals = { ...companies, id: 'deals', num: 3, singular: 'Deal', plural: 'Deals', builtIn: false };
    fake.objects.mockResolvedValue([contacts, companies, deals]);
    fake.pairs.mockResolvedValue([pair('deals', 'companies')]);
    renderWithClient(<AssociationCards object={deals} record={record('d1', 'deals', 'Big deal')} navigate={vi.fn()} />);
    await card();
    expect(fake.companies.suggestion).not.toHaveBeenCalled();
  });
});
