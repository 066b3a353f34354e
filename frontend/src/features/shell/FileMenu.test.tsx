import { act, screen } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { MenuCommand, ObjectDef, Profile, RecordData } from '../../api/backend';
import { companiesObject, contactNameProperties, contactsObject } from '../../test/fixtures';
import { withLayout } from '../../test/layout';
import { renderWithClient } from '../../test/render';

// File → Import… and File → Export… (the 'import' and 'export' menu
// commands) against a fake backend; the wizard is another feature's.
const fake = vi.hoisted(() => ({
  menu: null as ((command: MenuCommand) => void) | null,
  backend: {
    info: vi.fn(async () => ({ version: '0.1.0', dataDir: '/d' })),
    getSettings: vi.fn(async () => ({ theme: 'system' })),
    profile: vi.fn(async (): Promise<Profile> => ({ id: 'u1', name: 'Ann Tester', set: true })),
    search: vi.fn(async () => []),
    listRecords: vi.fn(),
    preference: vi.fn(async (): Promise<unknown> => null),
    savePreference: vi.fn(async () => {}),
    objects: vi.fn(),
    pairs: vi.fn(async () => []),
    associationColumns: vi.fn(async () => []),
    imports: { list: vi.fn(async () => []), export: vi.fn() },
  },
}));
vi.mock('../../api/backend', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../api/backend')>()),
  backend: fake.backend,
  onMenu: (handler: (command: MenuCommand) => void) => {
    fake.menu = handler;
    return () => (fake.menu = null);
  },
}));
vi.mock('../import/ImportWizard', () => ({
  ImportWizard: ({ open, object }: { open: boolean; object?: string }) =>
    open ? <div role="dialog" aria-label={`Import wizard for ${object ?? 'any object'}`} /> : null,
}));

import { App } from './AppShell';

const contacts: ObjectDef = contactsObject(contactNameProperties());

function contact(i: number): RecordData {
  const actor = { id: 'u', name: 'Ann' };
  const at = new Date(Date.UTC(2024, 0, 1, 0, 0, i)).toISOString();
  return {
    id: `0190a1b2-0000-7000-8000-00000000000${i}`,
    object: 'contacts',
    displayName: `Ann${i} Lee`,
    props: { firstname: `Ann${i}`, lastname: 'Lee' },
    createdAt: at,
    updatedAt: at,
    createdBy: actor,
    updatedBy: actor,
  };
}

const menu = (command: MenuCommand) => act(() => fake.menu!(command));

withLayout();

beforeEach(() => {
  window.location.hash = '';
  fake.backend.objects.mockResolvedValue([contacts, companiesObject()]);
  fake.backend.listRecords.mockImplementation(async () => ({ total: 2, offset: 0, records: [contact(1), contact(2)] }));
});

describe('File menu', () => {
  it('imports into and exports the view of the index page shown', async () => {
    window.location.hash = '#/contacts';
    renderWithClient(<App />);
    await screen.findByRole('table', { name: 'Contacts' });

    menu('import');
    expect(screen.getByRole('dialog', { name: 'Import wizard for contacts' })).toBeInTheDocument();

    menu('export');
    expect(await screen.findByRole('dialog', { name: 'Export contacts' })).toBeInTheDocument();
    expect(screen.getByRole('radio', { name: 'This view (2 rows, its columns and filters)' })).toBeChecked();
  });

  it('asks which object to export away from an index page, and imports into any', async () => {
    window.location.hash = '#/settings/imports';
    renderWithClient(<App />);
    await screen.findByRole('heading', { name: 'No imports yet' });

    menu('export');
    expect(await screen.findByRole('dialog', { name: 'Export records' })).toBeInTheDocument();
    expect(screen.getByRole('combobox', { name: 'Export all records of' })).toBeInTheDocument();
    expect(screen.queryByRole('radio')).toBeNull();

    menu('import');
    expect(screen.getByRole('dialog', { name: 'Import wizard for any object' })).toBeInTheDocument();
  });
});
