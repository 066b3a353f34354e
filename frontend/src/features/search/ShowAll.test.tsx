import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ListPage, ListQuery, RecordData, SearchHit } from '../../api/backend';
import { companiesObject, contactNameProperties, contactsObject } from '../../test/fixtures';
import { withLayout } from '../../test/layout';
import { renderWithClient } from '../../test/render';

// Ctrl+K's "Show all" through the whole shell: the route carries the text
// to the index page, which starts searched for it.
const fake = vi.hoisted(() => ({
  info: vi.fn(async () => ({ version: '0.1.0', dataDir: '/tmp/fieldbook' })),
  getSettings: vi.fn(async () => ({ theme: 'system' })),
  profile: vi.fn(async () => ({ id: '0190a1b2-0000-7000-8000-000000000001', name: 'Ann Tester', set: true })),
  preference: vi.fn(async (): Promise<unknown> => null),
  savePreference: vi.fn(async () => {}),
  objects: vi.fn(),
  pairs: vi.fn(async () => []),
  search: vi.fn<(text: string, limit?: number) => Promise<SearchHit[]>>(),
  listRecords: vi.fn<(q: ListQuery) => Promise<ListPage>>(),
}));
vi.mock('../../api/backend', async (original) => ({ ...(await original<object>()), backend: fake, onMenu: () => () => {} }));

import { App } from '../shell/AppShell';

const contact = (id: string, firstname: string, lastname: string): RecordData => {
  const actor = { id: 'u', name: 'U' };
  const at = '2025-01-01T00:00:00Z';
  return {
    id,
    object: 'contacts',
    displayName: `${firstname} ${lastname}`,
    props: { firstname, lastname },
    createdAt: at,
    updatedAt: at,
    createdBy: actor,
    updatedBy: actor,
  };
};
const people = [contact('c1', 'Ann', 'Lee'), contact('c2', 'Bob', 'Lee'), contact('c3', 'Cy', 'Cole')];
const matches = (r: RecordData, text: string) =>
  r.displayName
    .toLowerCase()
    .split(' ')
    .some((w) => w.startsWith(text.toLowerCase()));

withLayout();

beforeEach(() => {
  vi.clearAllMocks();
  window.location.hash = '#/companies';
  fake.objects.mockResolvedValue([contactsObject(contactNameProperties()), companiesObject()]);
  fake.search.mockImplementation(async (text) =>
    people.filter((r) => matches(r, text)).map((r) => ({ id: r.id, object: r.object, displayName: r.displayName, detail: 'Contact' })),
  );
  fake.listRecords.mockImplementation(async (q) => {
    const rows = q.object === 'contacts' ? people.filter((r) => !q.search || matches(r, q.search)) : [];
    return { total: rows.length, offset: q.offset, records: rows.slice(q.offset, q.offset + q.limit) };
  });
});

describe('Show all results', () => {
  it('opens the index page of the object, its search box filled and its list filtered', async () => {
    const user = userEvent.setup();
    renderWithClient(<App />);
    await screen.findByRole('heading', { name: 'No companies yet' });
    await user.click(screen.getByRole('combobox', { name: 'Search Fieldbook' }));
    await user.keyboard('lee');
    await user.click(await screen.findByRole('option', { name: 'Show all 2 contacts' }));

    await waitFor(() => expect(window.location.hash).toBe('#/contacts?search=lee'));
    expect(await screen.findByRole('heading', { level: 1, name: 'Contacts' })).toBeInTheDocument();
    expect(screen.getByRole('searchbox', { name: 'Search contacts' })).toHaveValue('lee');
    const table = await screen.findByRole('table', { name: 'Contacts' });
    await waitFor(() =>
      expect(
        within(table)
          .getAllByRole('link')
          .map((a) => a.textContent),
      ).toEqual(['Ann Lee', 'Bob Lee']),
    );
    expect(screen.getByTestId('record-count')).toHaveTextContent('2 contacts');
    expect(fake.listRecords).toHaveBeenCalledWith(expect.objectContaining({ object: 'contacts', search: 'lee' }));
  });

  it('reads the search from a link, and the object alone shows every record again', async () => {
    const user = userEvent.setup();
    window.location.hash = '#/contacts?search=cole';
    renderWithClient(<App />);
    const table = await screen.findByRole('table', { name: 'Contacts' });
    expect(screen.getByRole('searchbox', { name: 'Search contacts' })).toHaveValue('cole');
    await waitFor(() =>
      expect(
        within(table)
          .getAllByRole('link')
          .map((a) => a.textContent),
      ).toEqual(['Cy Cole']),
    );
    await user.click(screen.getByRole('navigation', { name: 'Main' }).querySelector('a[href="#/contacts"]')!);
    await waitFor(() => expect(screen.getByRole('searchbox', { name: 'Search contacts' })).toHaveValue(''));
    await waitFor(() => expect(screen.getByTestId('record-count')).toHaveTextContent('3 contacts'));
  });
});
