import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ExportRequest, ListQuery, ObjectDef, RecordData } from '../../../api/backend';
import { companiesObject, contactNameProperties, contactsObject, objectDef, property } from '../../../test/fixtures';
import { withLayout } from '../../../test/layout';
import { renderWithClient } from '../../../test/render';

// The index page's Import and Export buttons; the page itself is tested in
// IndexPage.test.tsx, the wizard and the dialog in their features.
const fake = vi.hoisted(() => ({
  records: [] as RecordData[],
  wizardMounts: 0,
  listRecords: vi.fn(),
  preference: vi.fn(async (_key: string): Promise<unknown> => null),
  savePreference: vi.fn(async () => {}),
  objects: vi.fn(),
  pairs: vi.fn(async () => [{ key: 'companies|contacts', a: 'companies', b: 'contacts', defined: true, labels: [], limits: [] }]),
  associationColumns: vi.fn(async (ids: string[]) => ids.map(() => [{ count: 1, primary: true, id: 'c1', name: 'Acme' }])),
  getRecord: vi.fn(),
  imports: { export: vi.fn() },
}));
vi.mock('../../../api/backend', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../../api/backend')>()),
  backend: fake,
}));
// The wizard counts its mounts: a remount would lose the import it shows.
// Its button refreshes the lists as a finished import does.
vi.mock('../../import/ImportWizard', async () => {
  const { useState } = await import('react');
  const { useQueryClient } = await import('@tanstack/react-query');
  return {
    ImportWizard: function Wizard({ open, object }: { open: boolean; object?: string }) {
      const client = useQueryClient();
      const [mount] = useState(() => ++fake.wizardMounts);
      return open ? (
        <div role="dialog" aria-label={`Import wizard for ${object}`} data-mount={mount}>
          <button type="button" onClick={() => void client.invalidateQueries({ queryKey: ['records'] })}>
            Imported
          </button>
        </div>
      ) : null;
    },
  };
});

import { IndexPage } from './IndexPage';

const contacts = contactsObject([...contactNameProperties(), property('phone', 'Phone', 'phone')]);
const companies = companiesObject();

function contact(i: number): RecordData {
  const actor = { id: 'u', name: 'Ann' };
  const at = new Date(Date.UTC(2024, 0, 1, 0, 0, i)).toISOString();
  const props = { firstname: `Ann${i}`, lastname: 'Lee', email: `ann${i}@example.com`, phone: `+1 555 ${i}` };
  return { id: `id-${i}`, object: 'contacts', displayName: `Ann${i} Lee`, props, createdAt: at, updatedAt: at, createdBy: actor, updatedBy: actor };
}

function renderPage(object: ObjectDef = contacts) {
  return { ...renderWithClient(<IndexPage object={object} navigate={vi.fn()} />), user: userEvent.setup() };
}

withLayout();

beforeEach(() => {
  fake.records = [contact(1), contact(2), contact(3)];
  fake.listRecords.mockReset().mockImplementation(async (q: ListQuery) => {
    const rows = fake.records.filter((r) => !q.search || r.displayName.includes(q.search));
    return { total: rows.length, offset: q.offset, records: rows.slice(q.offset, q.offset + q.limit) };
  });
  fake.preference.mockReset().mockImplementation(async () => null);
  fake.objects.mockReset().mockResolvedValue([contacts, companies]);
  fake.imports.export.mockReset().mockResolvedValue({ path: '/tmp/contacts.csv', rows: 1 });
});

describe('IndexPage Import and Export', () => {
  it("opens the import wizard on the page's object", async () => {
    const { user } = renderPage();
    await screen.findByRole('table', { name: 'Contacts' });
    await user.click(screen.getByRole('button', { name: 'Import' }));
    expect(screen.getByRole('dialog', { name: 'Import wizard for contacts' })).toBeInTheDocument();
  });

  it('offers Import on an empty object, and keeps the wizard when the first records arrive', async () => {
    fake.records = [];
    const { user } = renderPage();
    await screen.findByRole('heading', { name: 'No contacts yet' });
    expect(screen.queryByRole('button', { name: 'Export' })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Import' }));
    const wizard = screen.getByRole('dialog', { name: 'Import wizard for contacts' });
    const mount = wizard.dataset.mount;

    fake.records = [contact(1)];
    await user.click(screen.getByRole('button', { name: 'Imported' }));
    await screen.findByRole('table', { name: 'Contacts' });
    expect(screen.getByRole('dialog', { name: 'Import wizard for contacts' }).dataset.mount).toBe(mount);
  });

  it('exports the view as shown: its search, order and columns', async () => {
    fake.preference.mockImplementation(async (key: string) => (key === 'columns:contacts' ? ['phone', '@companies:primary'] : null));
    const { user } = renderPage();
    await screen.findByRole('table', { name: 'Contacts' });
    await user.type(screen.getByRole('searchbox', { name: 'Search contacts' }), 'Ann2');
    await waitFor(() => expect(screen.getByTestId('record-count')).toHaveTextContent('1 contact'));

    await user.click(screen.getByRole('button', { name: 'Export' }));
    expect(screen.getByRole('radio', { name: 'This view (1 row, its columns and filters)' })).toBeChecked();
    await user.click(screen.getByRole('button', { name: 'Export…' }));
    expect(await screen.findByRole('status')).toHaveTextContent('Exported 1 row to /tmp/contacts.csv');
    const req: ExportRequest = fake.imports.export.mock.calls[0][0];
    expect(req).toEqual({
      query: { object: 'contacts', sort: '_created', desc: true, search: 'Ann2', filters: [], associations: [], offset: 0, limit: 0 },
      columns: ['firstname', 'lastname', 'phone'],
      associations: [{ object: 'companies', primary: true }],
      all: false,
    });
  });

  it('offers neither for an activity type without a page of its own', async () => {
    const notes = objectDef({
      id: 'notes',
      num: 5,
      singular: 'Note',
      plural: 'Notes',
      builtIn: true,
      displayProperty: '',
      activityDate: 'at',
      properties: [],
    });
    renderPage(notes);
    await screen.findByRole('table', { name: 'Notes' });
    expect(screen.queryByRole('button', { name: 'Import' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Export' })).toBeNull();
  });
});
