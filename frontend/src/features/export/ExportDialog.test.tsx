import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { AssociationOp, FilterOp, type ExportRequest, type ObjectDef } from '../../api/backend';
import { AppError } from '../../api/errors';
import { companiesObject, contactNameProperties, contactsObject, objectDef, property } from '../../test/fixtures';
import { renderWithClient } from '../../test/render';
import type { IndexColumn } from '../records/index/useColumns';

const fake = vi.hoisted(() => ({
  objects: vi.fn(),
  imports: { export: vi.fn() },
}));
vi.mock('../../api/backend', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../api/backend')>()),
  backend: fake,
}));

import { indexView, type ExportView } from './currentView';
import { ExportDialog } from './ExportDialog';

const contacts = contactsObject([...contactNameProperties(), property('phone', 'Phone', 'phone')]);
const companies = companiesObject();
const notes = objectDef({ id: 'notes', num: 5, singular: 'Note', plural: 'Notes', builtIn: true, displayProperty: '', activityDate: 'at', properties: [] });

// A contacts view searched for "lee", filtered, sorted by email, showing
// Phone, Email and the primary company.
function contactsView(total = 1234): ExportView {
  const columns: IndexColumn[] = [
    { id: 'phone', label: 'Phone', property: contacts.properties[3] },
    { id: 'email', label: 'Email', property: contacts.properties[2] },
    { id: '@companies:primary', label: 'Contact → Company (primary)', assoc: { object: companies, primary: true } },
  ];
  return indexView(
    contacts,
    {
      sort: 'email',
      desc: true,
      search: 'lee',
      filters: [{ property: 'phone', op: FilterOp.NotEmpty, value: '' }],
      associations: [{ op: AssociationOp.HasAny, object: 'companies' }],
    },
    columns,
    total,
  );
}

function renderDialog(props: { object?: ObjectDef; view?: ExportView }) {
  const onOpenChange = vi.fn();
  renderWithClient(<ExportDialog open onOpenChange={onOpenChange} {...props} />);
  return { onOpenChange, user: userEvent.setup() };
}

const sent = (): ExportRequest => fake.imports.export.mock.calls[0][0];

beforeEach(() => {
  fake.objects.mockReset().mockResolvedValue([contacts, companies, notes]);
  fake.imports.export.mockReset().mockResolvedValue({ path: '/home/ann/contacts.csv', rows: 1234 });
});

describe('indexView', () => {
  it('keeps the property and association columns in order, not the columns a page loads itself', () => {
    const loaded: IndexColumn = { id: '~associated', label: 'Associated with', loaded: { queryKey: [], load: async () => [], render: () => null } };
    const view = indexView(contacts, { sort: '_name', desc: false, search: '', filters: [], associations: [] }, [
      { id: '@deals', label: 'Contact → Deals', assoc: { object: { ...companies, id: 'deals' }, primary: false } },
      loaded,
      { id: 'phone', label: 'Phone', property: contacts.properties[3] },
    ]);
    expect(view.columns).toEqual(['firstname', 'lastname', 'phone']);
    expect(view.associations).toEqual([{ object: 'deals', primary: false }]);
    expect(view.query).toMatchObject({ object: 'contacts', sort: '_name', offset: 0, limit: 0 });
  });

  it('starts with the property that names the records, once', () => {
    const params = { sort: '_name', desc: false, search: '', filters: [], associations: [] };
    const name: IndexColumn = { id: 'name', label: 'Company name', property: companies.properties[0] };
    expect(indexView(companies, params, []).columns).toEqual(['name']);
    expect(indexView(companies, params, [name]).columns).toEqual(['name']);
  });
});

describe('ExportDialog', () => {
  it('exports the view by default: its query, columns and association columns, and says where', async () => {
    const { user } = renderDialog({ view: contactsView() });
    const dialog = screen.getByRole('dialog', { name: 'Export contacts' });
    expect(screen.getByRole('radio', { name: 'This view (1,234 rows, its columns and filters)' })).toBeChecked();
    expect(screen.getByRole('radio', { name: 'All contacts (every property and association)' })).not.toBeChecked();
    await user.click(screen.getByRole('button', { name: 'Export…' }));
    expect(await screen.findByRole('status')).toHaveTextContent('Exported 1,234 rows to /home/ann/contacts.csv');
    expect(sent()).toEqual({
      query: {
        object: 'contacts',
        sort: 'email',
        desc: true,
        search: 'lee',
        filters: [{ property: 'phone', op: FilterOp.NotEmpty, value: '' }],
        associations: [{ op: AssociationOp.HasAny, object: 'companies' }],
        offset: 0,
        limit: 0,
      },
      columns: ['firstname', 'lastname', 'phone', 'email'],
      associations: [{ object: 'companies', primary: true }],
      all: false,
    });
    expect(dialog).toBeInTheDocument();
  });

  it('exports every contact with every property when All is chosen', async () => {
    fake.imports.export.mockResolvedValue({ path: '/home/ann/all.csv', rows: 1 });
    const { user } = renderDialog({ view: contactsView() });
    await user.click(screen.getByRole('radio', { name: /^All contacts/ }));
    await user.click(screen.getByRole('button', { name: 'Export…' }));
    expect(await screen.findByRole('status')).toHaveTextContent('Exported 1 row to /home/ann/all.csv');
    expect(sent()).toEqual({
      query: { object: 'contacts', sort: '', desc: false, search: '', filters: [], associations: [], offset: 0, limit: 0 },
      columns: [],
      associations: [],
      all: true,
    });
  });

  it('says nothing when the save dialog is canceled, and the choice stays', async () => {
    fake.imports.export.mockResolvedValue({ path: '', rows: 0 });
    const { user, onOpenChange } = renderDialog({ view: contactsView() });
    await user.click(screen.getByRole('button', { name: 'Export…' }));
    await waitFor(() => expect(screen.getByRole('button', { name: 'Export…' })).toBeEnabled());
    expect(fake.imports.export).toHaveBeenCalledTimes(1);
    expect(screen.queryByRole('status')).toBeNull();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(onOpenChange).not.toHaveBeenCalled();
  });

  it("shows the backend's reason when the export fails", async () => {
    fake.imports.export.mockRejectedValue(new AppError('internal', 'The folder /home/ann/ro is read-only.', ''));
    const { user } = renderDialog({ view: contactsView() });
    await user.click(screen.getByRole('button', { name: 'Export…' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('The folder /home/ann/ro is read-only.');
    expect(screen.queryByRole('status')).toBeNull();
  });

  it('asks which object without an index page, offering those with records of their own', async () => {
    fake.imports.export.mockResolvedValue({ path: '/tmp/companies.csv', rows: 7 });
    const { user } = renderDialog({});
    const select = await screen.findByRole('combobox', { name: 'Export all records of' });
    await waitFor(() => expect(screen.getAllByRole('option').map((o) => o.textContent)).toEqual(['Contacts', 'Companies']));
    await user.selectOptions(select, 'Companies');
    expect(screen.queryByRole('radio')).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Export…' }));
    expect(await screen.findByRole('status')).toHaveTextContent('Exported 7 rows to /tmp/companies.csv');
    expect(sent()).toMatchObject({ query: { object: 'companies' }, all: true });
  });
});
