import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { AppInfo, MenuCommand, ObjectDef, Profile, RecordData } from '../../api/backend';
import { AppError } from '../../api/errors';
import { renderWithClient } from '../../test/render';
import { contactNameProperties, contactsObject } from '../../test/fixtures';

// The whole shell against a fake backend: the shortcut, the menu command and
// the links handed over by the Go side all go through AppShell's wiring.
const annID = '0190a0b2-1c3d-7e4f-8a5b-6c7d8e9f0a1b';
const goneID = '0190a0b2-1c3d-7e4f-8a5b-000000000000';

const ann = (): RecordData => ({
  id: annID,
  object: 'contacts',
  displayName: 'Ann Lee',
  props: { firstname: 'Ann', lastname: 'Lee' },
  createdAt: '2026-01-05T10:00:00Z',
  updatedAt: '2026-01-05T10:00:00Z',
  createdBy: { id: 'u1', name: 'Ann Tester' },
  updatedBy: { id: 'u1', name: 'Ann Tester' },
});

const fake = vi.hoisted(() => ({
  info: vi.fn(async (): Promise<AppInfo> => ({ version: '0.1.0', dataDir: '/d' })),
  quit: vi.fn(async () => {}),
  getSettings: vi.fn(async () => ({ theme: 'system' as const })),
  saveSettings: vi.fn(async <T,>(s: T) => s),
  profile: vi.fn(async (): Promise<Profile> => ({ id: 'u1', name: 'Ann Tester', set: true })),
  search: vi.fn(async () => []),
  listRecords: vi.fn(async () => ({ total: 0, offset: 0, records: [] })),
  preference: vi.fn(async (): Promise<unknown> => null),
  savePreference: vi.fn(async () => {}),
  objects: vi.fn(async (): Promise<ObjectDef[]> => []),
  getRecord: vi.fn<(id: string) => Promise<RecordData>>(),
  recordHistory: vi.fn(async () => []),
  associationSummary: vi.fn(async () => []),
  pairs: vi.fn(async () => []),
  labelOptions: vi.fn(async () => []),
  pendingLink: vi.fn(async () => ({ id: 0, link: '' })),
}));
const events = vi.hoisted(() => ({
  menu: null as null | ((c: MenuCommand) => void),
  secondInstance: null as null | ((args: string[]) => void),
}));
vi.mock('../../api/backend', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../api/backend')>()),
  backend: fake,
  onMenu: (h: (c: MenuCommand) => void) => {
    events.menu = h;
    return () => {};
  },
  onSecondInstance: (h: (args: string[]) => void) => {
    events.secondInstance = h;
    return () => {};
  },
}));

import { App } from '../shell/AppShell';
import { notALinkMessage } from './OpenLinkDialog';

const notFound = `No record has the ID ${goneID}. It may have been deleted permanently.`;

beforeEach(() => {
  vi.clearAllMocks();
  window.location.hash = '#/contacts';
  window.sessionStorage.clear();
  events.menu = events.secondInstance = null;
  fake.objects.mockResolvedValue([contactsObject(contactNameProperties())]);
  fake.pendingLink.mockResolvedValue({ id: 0, link: '' });
  fake.getRecord.mockImplementation(async (id) => {
    if (id === annID) return ann();
    throw new AppError('not_found', `No record has the ID ${id}. It may have been deleted permanently.`);
  });
});

async function renderShell() {
  renderWithClient(<App />);
  await screen.findByRole('heading', { name: 'No contacts yet' });
}

describe('Open link', () => {
  it('Ctrl+L opens the dialog; Enter on a pasted link opens the record', async () => {
    const user = userEvent.setup();
    await renderShell();
    await user.keyboard('{Control>}l{/Control}');
    const dialog = await screen.findByRole('dialog', { name: 'Open link' });
    const field = screen.getByRole('textbox', { name: 'Paste a Fieldbook link' });
    expect(field).toHaveFocus();

    await user.click(field);
    await user.paste(`  fieldbook://contacts/${annID.toUpperCase()}  `);
    await user.keyboard('{Enter}');
    await waitFor(() => expect(window.location.hash).toBe(`#/contacts/${annID}`));
    expect(dialog).not.toBeInTheDocument();
    expect(await screen.findByRole('heading', { level: 1, name: 'Ann Lee' })).toBeInTheDocument();
    expect(fake.getRecord).toHaveBeenCalledWith(annID);
  });

  it('says what is wrong, keeps the text, and closes with Escape', async () => {
    const user = userEvent.setup();
    await renderShell();
    await user.keyboard('{Meta>}l{/Meta}'); // Cmd+L on a Mac
    const field = await screen.findByRole('textbox', { name: 'Paste a Fieldbook link' });

    await user.type(field, 'https://example.com/contacts{Enter}');
    expect(await screen.findByRole('alert')).toHaveTextContent(notALinkMessage);
    expect(field).toHaveValue('https://example.com/contacts');
    expect(field).toHaveAttribute('aria-invalid', 'true');
    expect(fake.getRecord).not.toHaveBeenCalled();

    await user.clear(field);
    expect(screen.queryByRole('alert')).toBeNull(); // the message goes as the text changes
    await user.type(field, `fieldbook://contacts/${goneID}{Enter}`);
    expect(await screen.findByRole('alert')).toHaveTextContent(notFound);
    expect(window.location.hash).toBe('#/contacts');

    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(window.location.hash).toBe('#/contacts');

    // Opened again, it starts empty.
    await user.keyboard('{Control>}l{/Control}');
    expect(await screen.findByRole('textbox', { name: 'Paste a Fieldbook link' })).toHaveValue('');
  });

  it('opens from File → Open Link… (the native menu)', async () => {
    await renderShell();
    act(() => events.menu?.('open-link'));
    expect(await screen.findByRole('dialog', { name: 'Open link' })).toBeInTheDocument();
  });

  it('opens the record Fieldbook was launched with, once', async () => {
    fake.pendingLink.mockResolvedValue({ id: 7, link: `fieldbook://contacts/${annID}` });
    renderWithClient(<App />);
    await waitFor(() => expect(window.location.hash).toBe(`#/contacts/${annID}`));
    expect(await screen.findByRole('heading', { level: 1, name: 'Ann Lee' })).toBeInTheDocument();
    expect(screen.queryByRole('dialog')).toBeNull();

    // The same link asked for again (an event, a reload) is not reopened.
    window.location.hash = '#/contacts';
    await screen.findByRole('heading', { name: 'No contacts yet' });
    const asked = fake.pendingLink.mock.calls.length;
    act(() => events.secondInstance?.([]));
    await waitFor(() => expect(fake.pendingLink).toHaveBeenCalledTimes(asked + 1));
    await new Promise((r) => setTimeout(r, 20));
    expect(window.location.hash).toBe('#/contacts');
  });

  it('opens a link handed over by a second launch', async () => {
    await renderShell();
    fake.pendingLink.mockResolvedValue({ id: 8, link: `fieldbook://contacts/${annID}` });
    act(() => events.secondInstance?.([`fieldbook://contacts/${annID}`]));
    expect(await screen.findByRole('heading', { level: 1, name: 'Ann Lee' })).toBeInTheDocument();
    expect(window.location.hash).toBe(`#/contacts/${annID}`);
  });

  it('shows a handed-over link that cannot be opened, with why', async () => {
    await renderShell();
    fake.pendingLink.mockResolvedValue({ id: 9, link: 'fieldbook://contact/1' });
    act(() => events.secondInstance?.(['fieldbook://contact/1']));
    expect(await screen.findByRole('alert')).toHaveTextContent(notALinkMessage);
    expect(screen.getByRole('textbox', { name: 'Paste a Fieldbook link' })).toHaveValue('fieldbook://contact/1');

    fake.pendingLink.mockResolvedValue({ id: 10, link: `fieldbook://contacts/${goneID}` });
    act(() => events.secondInstance?.([]));
    await waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent(notFound));
    expect(screen.getByRole('textbox', { name: 'Paste a Fieldbook link' })).toHaveValue(`fieldbook://contacts/${goneID}`);
  });
});
