import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ErrorCode, type AppInfo, type ObjectDef, type Profile, type SearchHit, type Settings } from '../../api/backend';
import { AppError } from '../../api/errors';
import { renderWithClient } from '../../test/render';

// The shell is tested against a fake backend module; the real bindings are
// covered end to end in e2e/.
const fake = vi.hoisted(() => ({
  info: vi.fn<() => Promise<AppInfo>>(),
  quit: vi.fn(async () => {}),
  getSettings: vi.fn<() => Promise<Settings>>(),
  saveSettings: vi.fn<(s: Settings) => Promise<Settings>>(),
  profile: vi.fn(async (): Promise<Profile> => ({ id: '0190a1b2-0000-7000-8000-000000000001', name: 'Ann Tester', set: true })),
  saveProfile: vi.fn(async (name: string): Promise<Profile> => ({ id: '0190a1b2-0000-7000-8000-000000000001', name, set: true })),
  search: vi.fn(async (): Promise<SearchHit[]> => []),
  // The index page of an empty workspace.
  listRecords: vi.fn(async () => ({ total: 0, offset: 0, records: [] })),
  preference: vi.fn(async (_key: string): Promise<unknown> => null),
  savePreference: vi.fn(async () => {}),
  objects: vi.fn(async (): Promise<ObjectDef[]> =>
    [
      { id: 'contacts', num: 1, singular: 'Contact', plural: 'Contacts', builtIn: true, properties: [], displayProperty: '' },
      { id: 'companies', num: 2, singular: 'Company', plural: 'Companies', builtIn: true, properties: [], displayProperty: 'name' },
      { id: 'deals', num: 3, singular: 'Deal', plural: 'Deals', builtIn: true, properties: [], displayProperty: 'name' },
      { id: 'tickets', num: 4, singular: 'Ticket', plural: 'Tickets', builtIn: true, properties: [], displayProperty: 'subject' },
    ].map((o) => ({ ...o, retired: [], primaryCompany: o.id !== 'companies', nameCandidates: [] })),
  ),
}));
vi.mock('../../api/backend', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../api/backend')>()),
  backend: fake,
  onMenu: () => () => {},
}));

import { App } from './AppShell';

function renderApp() {
  return renderWithClient(<App />);
}

beforeEach(() => {
  window.location.hash = '';
  fake.preference.mockImplementation(async () => null);
  fake.info.mockResolvedValue({ version: '0.1.0', dataDir: '/home/ann/.local/share/fieldbook' });
  fake.getSettings.mockResolvedValue({ theme: 'system' });
  fake.saveSettings.mockImplementation(async (s) => s);
});

describe('App shell', () => {
  it('reopens the page the user was on last time, and remembers the next', async () => {
    const user = userEvent.setup();
    fake.preference.mockImplementation(async (key: string) => (key === 'lastRoute' ? '#/deals' : null));
    renderApp();
    expect(await screen.findByRole('heading', { name: 'No deals yet' })).toBeInTheDocument();
    // The page a window starts on is not saved again: another window may
    // have remembered a newer one meanwhile.
    await new Promise((r) => setTimeout(r, 500));
    expect(fake.savePreference).not.toHaveBeenCalledWith('lastRoute', expect.anything());
    await user.click(screen.getByRole('link', { name: 'Tickets' }));
    await waitFor(() => expect(fake.savePreference).toHaveBeenCalledWith('lastRoute', '#/tickets'));
    await user.click(screen.getByRole('link', { name: 'Deals' }));
    await waitFor(() => expect(fake.savePreference).toHaveBeenLastCalledWith('lastRoute', '#/deals'));
  });

  it('shows navigation and the contacts empty state', async () => {
    renderApp();
    expect(await screen.findByRole('heading', { name: 'No contacts yet' })).toBeInTheDocument();
    const nav = screen.getByRole('navigation', { name: 'Main' });
    for (const name of ['Contacts', 'Companies', 'Deals', 'Tickets', 'Settings']) {
      expect(nav).toContainElement(screen.getByRole('link', { name }));
    }
  });

  it('navigates between objects and to settings', async () => {
    const user = userEvent.setup();
    renderApp();
    await user.click(await screen.findByRole('link', { name: 'Tickets' }));
    expect(screen.getByRole('heading', { name: 'No tickets yet' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Tickets' })).toHaveAttribute('aria-current', 'page');
    await user.click(screen.getByRole('link', { name: 'Settings' }));
    expect(screen.getByTestId('data-dir')).toHaveTextContent('/home/ann/.local/share/fieldbook');
  });

  it('focuses search with Ctrl+K and shows typed text as text', async () => {
    const user = userEvent.setup();
    renderApp();
    await screen.findByRole('heading', { name: 'No contacts yet' });
    await user.keyboard('{Control>}k{/Control}');
    const search = screen.getByRole('combobox', { name: 'Search Fieldbook' });
    expect(search).toHaveFocus();
    await user.keyboard('<img src=x onerror=alert(1)>');
    expect(await screen.findByText('No records match “<img src=x onerror=alert(1)>”.')).toBeInTheDocument();
    expect(document.querySelector('img')).toBeNull();
  });

  it('saves the theme and applies it at once', async () => {
    const user = userEvent.setup();
    window.location.hash = '#/settings';
    renderApp();
    await user.click(await screen.findByRole('radio', { name: /Dark/ }));
    expect(screen.getByRole('radio', { name: /Dark/ })).toBeChecked();
    await waitFor(() => expect(document.documentElement.dataset.theme).toBe('dark'));
    expect(fake.saveSettings.mock.calls[0][0]).toEqual({ theme: 'dark' });
  });

  it('puts the saved choice back and says why when saving fails', async () => {
    const user = userEvent.setup();
    fake.saveSettings.mockRejectedValue(new AppError('store_locked', 'The data folder is in use.'));
    window.location.hash = '#/settings';
    renderApp();
    await user.click(await screen.findByRole('radio', { name: /Light/ }));
    expect(await screen.findByRole('alert')).toHaveTextContent('The data folder is in use.');
    expect(screen.getByRole('radio', { name: /System/ })).toBeChecked();
  });

  it('explains a data folder that is already in use instead of the workspace', async () => {
    const user = userEvent.setup();
    fake.info.mockResolvedValue({
      version: '0.1.0',
      dataDir: '/d',
      problem: { code: ErrorCode.StoreLocked, message: 'Fieldbook is already open with the data folder /d.' },
    });
    renderApp();
    expect(await screen.findByRole('heading', { name: 'Fieldbook is already open' })).toBeInTheDocument();
    expect(screen.queryByRole('navigation')).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Quit' }));
    expect(fake.quit).toHaveBeenCalled();
  });

  it('says it is opening the data while the backend reads a large data folder', async () => {
    let ready: (info: AppInfo) => void = () => {};
    fake.info.mockReturnValue(new Promise<AppInfo>((resolve) => (ready = resolve)));
    renderApp();
    expect(await screen.findByRole('status')).toHaveTextContent('Opening your data…');
    ready({ version: '0.1.0', dataDir: '/d' });
    expect(await screen.findByRole('navigation')).toBeInTheDocument();
    expect(screen.queryByText('Opening your data…')).toBeNull();
  });
});
