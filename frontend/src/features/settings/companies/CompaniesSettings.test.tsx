import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { AutoDomainResult, AutoDomainRun, DomainLists } from '../../../api/backend';
import { AppError } from '../../../api/errors';
import { renderWithClient } from '../../../test/render';

// Settings → Companies against a fake backend; the engine is covered in
// backend/autodomain and end to end in e2e/tests/companies.test.mjs.
const fake = vi.hoisted(() => ({
  backend: {
    companies: {
      automation: vi.fn(),
      saveAutomation: vi.fn(),
      applyToExisting: vi.fn(),
      applyStatus: vi.fn(),
      cancelApply: vi.fn(),
      domainLists: vi.fn(),
      saveDomainLists: vi.fn(),
      shippedFreeMail: vi.fn(),
    },
  },
  // The progress events' listener, as onAutoDomainProgress was given it.
  progress: null as ((run: AutoDomainRun) => void) | null,
  // What ApplyStatus answers: the last run started or reported.
  current: null as AutoDomainRun | null,
}));
vi.mock('../../../api/backend', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../../api/backend')>()),
  backend: fake.backend,
  onAutoDomainProgress: (handler: (run: AutoDomainRun) => void) => {
    fake.progress = handler;
    return () => (fake.progress = null);
  },
}));

import { CompaniesSettings } from './CompaniesSettings';

const companies = fake.backend.companies;

const result = (r: Partial<AutoDomainResult> = {}): AutoDomainResult => ({
  contacts: 0,
  associated: 0,
  companiesCreated: 0,
  associatedNew: 0,
  hasCompany: 0,
  noDomain: 0,
  freeMail: 0,
  excluded: 0,
  refused: 0,
  ...r,
});
const run = (more: Partial<AutoDomainRun> = {}): AutoDomainRun => ({
  running: false,
  progress: { done: 0, total: 0 },
  result: result(),
  canceled: false,
  ...more,
});
const lists = (l: Partial<DomainLists> = {}): DomainLists => ({ freeMailAdded: [], freeMailRemoved: [], excluded: [], ...l });

// emit sends a progress event, as the Go side does.
function emit(r: AutoDomainRun) {
  fake.current = r;
  act(() => fake.progress!(r));
}

beforeEach(() => {
  fake.progress = null;
  fake.current = run();
  companies.automation.mockReset().mockResolvedValue({ enabled: false });
  companies.saveAutomation.mockReset().mockImplementation(async (s: { enabled: boolean }) => s);
  companies.applyToExisting.mockReset().mockImplementation(async () => (fake.current = run({ running: true })));
  companies.applyStatus.mockReset().mockImplementation(async () => fake.current);
  companies.cancelApply.mockReset().mockResolvedValue(undefined);
  companies.domainLists.mockReset().mockResolvedValue(lists());
  companies.saveDomainLists.mockReset();
  companies.shippedFreeMail.mockReset().mockResolvedValue(14_203);
});

function renderSettings() {
  return { ...renderWithClient(<CompaniesSettings />), user: userEvent.setup() };
}

describe('Settings → Companies → Automation', () => {
  it('is off by default and says what it does', async () => {
    renderSettings();
    const toggle = await screen.findByRole('switch', { name: 'Create and associate companies with contacts' });
    expect(toggle).toHaveAttribute('aria-checked', 'false');
    expect(toggle).toHaveAccessibleDescription(/company of its email.s domain/);
    expect(toggle).toHaveAccessibleDescription(/never changed/);
    expect(screen.queryByRole('progressbar')).not.toBeInTheDocument();
  });

  it('asks about existing contacts, applies with progress and Cancel, then says what it did', async () => {
    const { user } = renderSettings();
    await user.click(await screen.findByRole('switch'));
    const dialog = await screen.findByRole('dialog', { name: 'Apply to your existing contacts too?' });
    expect(companies.saveAutomation).not.toHaveBeenCalled();

    await user.click(within(dialog).getByRole('button', { name: 'Apply to existing contacts' }));
    expect(companies.saveAutomation).toHaveBeenCalledWith({ enabled: true });
    expect(companies.applyToExisting).toHaveBeenCalledTimes(1);
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(screen.getByRole('switch')).toHaveAttribute('aria-checked', 'true');

    emit(run({ running: true, progress: { done: 2500, total: 10_000 } }));
    const bar = screen.getByRole('progressbar', { name: 'Applying to existing contacts' });
    expect(bar).toHaveAttribute('aria-valuenow', '25');
    expect(bar).toHaveAttribute('aria-valuetext', '2,500 of 10,000 contacts');

    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(companies.cancelApply).toHaveBeenCalledTimes(1);

    emit(
      run({
        progress: { done: 10_000, total: 10_000 },
        result: result({
          contacts: 10_000,
          associated: 4000,
          companiesCreated: 120,
          associatedNew: 900,
          freeMail: 3000,
          excluded: 100,
          noDomain: 1000,
          hasCompany: 1000,
        }),
      }),
    );
    expect(screen.queryByRole('progressbar')).not.toBeInTheDocument();
    const status = screen.getByRole('status');
    expect(status).toHaveTextContent('Applied to 10,000 existing contacts');
    expect(within(status).getByText('4,000 contacts associated with existing companies')).toBeInTheDocument();
    expect(within(status).getByText('120 companies created and 900 contacts associated with them')).toBeInTheDocument();
    expect(
      within(status).getByText('5,100 contacts skipped: 3,000 free mail, 100 excluded domain, 1,000 no email or website, 1,000 already have a company'),
    ).toBeInTheDocument();
  });

  it('says a canceled run kept what it did', async () => {
    const { user } = renderSettings();
    await user.click(await screen.findByRole('switch'));
    await user.click(await screen.findByRole('button', { name: 'Apply to existing contacts' }));
    emit(run({ canceled: true, progress: { done: 1000, total: 4000 }, result: result({ contacts: 1000, associated: 10 }) }));
    expect(await screen.findByRole('status')).toHaveTextContent('Canceled after 1,000 of 4,000 contacts; what was done is kept');
  });

  it('turns on for new contacts only', async () => {
    const { user } = renderSettings();
    await user.click(await screen.findByRole('switch'));
    await user.click(await screen.findByRole('button', { name: 'Only new contacts' }));
    expect(companies.saveAutomation).toHaveBeenCalledWith({ enabled: true });
    expect(companies.applyToExisting).not.toHaveBeenCalled();
    await waitFor(() => expect(screen.getByRole('switch')).toHaveAttribute('aria-checked', 'true'));
    expect(screen.queryByRole('progressbar')).not.toBeInTheDocument();
  });

  it('stays off when the question is canceled', async () => {
    const { user } = renderSettings();
    await user.click(await screen.findByRole('switch'));
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(companies.saveAutomation).not.toHaveBeenCalled();
    expect(screen.getByRole('switch')).toHaveAttribute('aria-checked', 'false');
  });

  it('turns off without asking', async () => {
    companies.automation.mockResolvedValue({ enabled: true });
    const { user } = renderSettings();
    const toggle = await screen.findByRole('switch');
    await waitFor(() => expect(toggle).toHaveAttribute('aria-checked', 'true'));
    await user.click(toggle);
    expect(companies.saveAutomation).toHaveBeenCalledWith({ enabled: false });
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    await waitFor(() => expect(toggle).toHaveAttribute('aria-checked', 'false'));
  });
});

describe('Settings → Companies → domain lists', () => {
  it('shows the shipped count and the lists, with a hint for empty ones', async () => {
    companies.domainLists.mockResolvedValue(lists({ excluded: ['fieldbook.example'] }));
    renderSettings();
    expect(await screen.findByText('14,203 domains come with Fieldbook.')).toBeInTheDocument();
    const added = await screen.findByRole('textbox', { name: 'Also treat as free mail' });
    expect(added).toHaveValue('');
    expect(added).toHaveAccessibleDescription(/None yet/);
    expect(screen.getByRole('textbox', { name: 'Do not treat as free mail' })).toHaveValue('');
    const excluded = screen.getByRole('textbox', { name: 'Excluded domains (never used, up to 1,000)' });
    expect(excluded).toHaveValue('fieldbook.example');
    expect(excluded).toHaveAccessibleDescription(/1 domain\./);
  });

  it('saves one domain a line and shows the lists as stored', async () => {
    companies.saveDomainLists.mockResolvedValue(lists({ freeMailAdded: ['mail.example', 'post.example'] }));
    const { user } = renderSettings();
    const added = await screen.findByRole('textbox', { name: 'Also treat as free mail' });
    await user.type(added, 'HTTPS://Mail.Example/inbox{Enter}{Enter}  post.example  ');
    await user.click(screen.getByRole('button', { name: 'Save lists' }));
    expect(companies.saveDomainLists).toHaveBeenCalledWith({
      freeMailAdded: ['HTTPS://Mail.Example/inbox', 'post.example'],
      freeMailRemoved: [],
      excluded: [],
    });
    await waitFor(() => expect(added).toHaveValue('mail.example\npost.example'));
    expect(screen.getByRole('status')).toHaveTextContent('Saved.');
  });

  it('shows a refused domain under its list and keeps what was typed', async () => {
    companies.saveDomainLists.mockRejectedValue(new AppError('invalid', 'Excluded domains: "not a domain" is not a domain.', 'excluded'));
    const { user } = renderSettings();
    const excluded = await screen.findByRole('textbox', { name: /Excluded domains/ });
    await user.type(excluded, 'not a domain');
    await user.click(screen.getByRole('button', { name: 'Save lists' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Excluded domains: "not a domain" is not a domain.');
    expect(excluded).toHaveAttribute('aria-invalid', 'true');
    expect(excluded).toHaveAccessibleDescription(/is not a domain/);
    expect(screen.getByRole('textbox', { name: 'Also treat as free mail' })).not.toHaveAttribute('aria-invalid');
    expect(excluded).toHaveValue('not a domain');
  });
});
