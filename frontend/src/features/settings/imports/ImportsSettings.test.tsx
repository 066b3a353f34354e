import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ChangeSource, ImportState, JobKind, type ImportCounts, type ImportJob, type ImportRecord, type ImportUndoCounts } from '../../../api/backend';
import { AppError } from '../../../api/errors';
import { formatTimestamp } from '../../records/fields/format';
import { renderWithClient } from '../../../test/render';

const fake = vi.hoisted(() => ({
  backend: {
    imports: { list: vi.fn(), undo: vi.fn(), job: vi.fn(), cancel: vi.fn(), saveProblems: vi.fn() },
  },
  // The progress events' listener, as onImportProgress was given it.
  progress: null as ((job: ImportJob) => void) | null,
}));
vi.mock('../../../api/backend', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../../api/backend')>()),
  backend: fake.backend,
  onImportProgress: (handler: (job: ImportJob) => void) => {
    fake.progress = handler;
    return () => (fake.progress = null);
  },
}));
// The wizard is another feature's, tested there: here it only opens.
vi.mock('../../import/ImportWizard', () => ({
  ImportWizard: ({ open }: { open: boolean }) => (open ? <div role="dialog" aria-label="Import wizard" /> : null),
}));

import { ImportsSettings } from './ImportsSettings';

const imports = fake.backend.imports;
const counts = (c: Partial<ImportCounts> = {}): ImportCounts => ({
  rows: 0,
  created: 0,
  updated: 0,
  unchanged: 0,
  associations: 0,
  labels: 0,
  skipped: 0,
  pending: 0,
  ...c,
});
const undo = (u: Partial<ImportUndoCounts> = {}): ImportUndoCounts => ({ records: 0, associations: 0, labels: 0, values: 0, kept: 0, ...u });
const ann = { id: 'u1', name: 'Ann Lee' };
const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();

function record(id: string, file: string, state: ImportState, more: Partial<ImportRecord> = {}): ImportRecord {
  return { id, file, by: ann, at: minutesAgo(5), source: ChangeSource.Import, state, counts: counts(), problems: 0, ...more };
}

const contactsImport = record('ims-1', 'contacts.csv', ImportState.Done, {
  counts: counts({ rows: 10, created: 12, updated: 3, associations: 15, labels: 2, skipped: 1 }),
  problems: 4,
});

function job(state: ImportState, more: Partial<ImportJob> = {}): ImportJob {
  return {
    id: 'job-9',
    kind: JobKind.Undo,
    import: 'ims-1',
    file: 'contacts.csv',
    state,
    size: 200,
    read: 0,
    rate: 0,
    left: 0,
    counts: counts(),
    problems: [],
    total: 0,
    badRows: 0,
    kept: [],
    ...more,
  };
}

function renderSettings() {
  const navigate = vi.fn();
  return { ...renderWithClient(<ImportsSettings navigate={navigate} />), navigate, user: userEvent.setup() };
}

const rowOf = (file: string) => screen.getByRole('cell', { name: file }).closest('tr')!;

beforeEach(() => {
  fake.progress = null;
  imports.list.mockReset().mockResolvedValue([contactsImport]);
  imports.undo.mockReset().mockResolvedValue(job(ImportState.Running));
  imports.job.mockReset().mockResolvedValue(job(ImportState.Running));
  imports.cancel.mockReset().mockResolvedValue(undefined);
  imports.saveProblems.mockReset();
});

describe('Settings → Imports', () => {
  it('lists imports newest first with who, when, source, state, counts and problems', async () => {
    imports.list.mockResolvedValue([
      contactsImport,
      record('ims-0', 'hubspot-companies.csv', ImportState.Undone, {
        at: minutesAgo(60 * 26),
        source: ChangeSource.Migration,
        undoneAt: minutesAgo(90),
        undo: undo({ records: 4, associations: 6, values: 1, kept: 2 }),
      }),
      record('ims-a', 'a.csv', ImportState.Canceled, { counts: counts({ associations: 1, pending: 3 }) }),
      record('ims-b', 'b.csv', ImportState.Interrupted),
      record('ims-c', 'c.csv', ImportState.Failed),
    ]);
    renderSettings();
    const table = await screen.findByRole('table', { name: 'Imports' });
    const files = within(table)
      .getAllByRole('row')
      .slice(1)
      .map((r) => within(r).getAllByRole('cell')[0].textContent);
    expect(files).toEqual(['contacts.csv', 'hubspot-companies.csv', 'a.csv', 'b.csv', 'c.csv']);

    const first = within(rowOf('contacts.csv'));
    expect(first.getByRole('cell', { name: 'Ann Lee' })).toBeInTheDocument();
    const when = first.getByText('5 minutes ago');
    expect(when).toHaveAttribute('title', formatTimestamp(contactsImport.at));
    expect(first.getByRole('cell', { name: 'Import' })).toBeInTheDocument();
    expect(first.getByText('done')).toHaveClass('ims-badge-done');
    expect(first.getByText('12 created · 3 updated · 15 associations · 2 labels · 1 skipped')).toBeInTheDocument();
    expect(first.getByRole('button', { name: 'Download… problems of contacts.csv' })).toBeInTheDocument();
    expect(first.getByRole('button', { name: 'Undo import of contacts.csv' })).toBeInTheDocument();

    const undone = within(rowOf('hubspot-companies.csv'));
    expect(undone.getByText('yesterday')).toBeInTheDocument();
    expect(undone.getByRole('cell', { name: 'Migration' })).toBeInTheDocument();
    expect(undone.getByText('undone')).toHaveClass('ims-badge-undone');
    expect(undone.getByText('2 hours ago')).toBeInTheDocument();
    expect(undone.getByText('Undo: Moved 4 records to the recycle bin, removed 6 associations, put back 1 value. 2 changes kept.')).toBeInTheDocument();
    // Undone already, and no problems to download.
    expect(undone.queryByRole('button')).toBeNull();

    expect(
      within(rowOf('a.csv')).getByText('0 created · 0 updated · 1 association · 0 labels · 0 skipped · 3 waiting for another file'),
    ).toBeInTheDocument();
    for (const [file, state] of [
      ['a.csv', 'canceled'],
      ['b.csv', 'interrupted'],
      ['c.csv', 'failed'],
    ]) {
      expect(within(rowOf(file)).getByText(state)).toHaveClass(`ims-badge-${state}`);
      expect(within(rowOf(file)).getByRole('button', { name: `Undo import of ${file}` })).toBeInTheDocument();
    }
  });

  it('offers the import wizard when there are no imports yet', async () => {
    imports.list.mockResolvedValue([]);
    const { user } = renderSettings();
    expect(await screen.findByRole('heading', { name: 'No imports yet' })).toBeInTheDocument();
    expect(screen.queryByRole('dialog')).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Import a file…' }));
    expect(screen.getByRole('dialog', { name: 'Import wizard' })).toBeInTheDocument();
  });

  it('shows why the list cannot be read', async () => {
    imports.list.mockRejectedValue(new AppError('unavailable', 'The data folder is closing.'));
    renderSettings();
    expect(await screen.findByRole('alert')).toHaveTextContent('The data folder is closing.');
  });

  it('downloads the problems file where the user chooses, and says nothing when canceled', async () => {
    imports.saveProblems.mockResolvedValueOnce('').mockResolvedValueOnce('/home/ann/contacts-problems.csv');
    const { user } = renderSettings();
    const download = await screen.findByRole('button', { name: 'Download… problems of contacts.csv' });
    await user.click(download);
    await waitFor(() => expect(imports.saveProblems).toHaveBeenCalledWith('ims-1'));
    expect(screen.queryByRole('status')).toBeNull();
    await user.click(download);
    expect(await screen.findByRole('status')).toHaveTextContent('Problems saved to /home/ann/contacts-problems.csv');
  });

  it('undoes an import: asks first, shows progress, then what was removed and what was kept', async () => {
    const { user, navigate } = renderSettings();
    await user.click(await screen.findByRole('button', { name: 'Undo import of contacts.csv' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Undo the import of contacts.csv' });
    expect(dialog).toHaveTextContent(
      'Removes the 12 records and 15 associations this import created and puts back values it changed. Changes someone made since are kept.',
    );
    expect(imports.undo).not.toHaveBeenCalled();

    await user.click(within(dialog).getByRole('button', { name: 'Undo import' }));
    expect(imports.undo).toHaveBeenCalledWith('ims-1');
    const bar = await screen.findByRole('progressbar', { name: 'Undoing the import of contacts.csv' });
    // A progress event moves the bar at once.
    act(() => fake.progress!(job(ImportState.Running, { read: 100, undo: undo({ records: 6 }) })));
    expect(bar).toHaveAttribute('value', '100');
    expect(screen.getByRole('status')).toHaveTextContent('Undoing… 50% 6 records removed so far');
    // Escape does not close it while it runs.
    await user.keyboard('{Escape}');
    expect(screen.getByRole('dialog', { name: 'Undo the import of contacts.csv' })).toBeInTheDocument();

    // The poll finds it done; the list is read again.
    const listCalls = imports.list.mock.calls.length;
    imports.job.mockResolvedValue(
      job(ImportState.Done, {
        read: 200,
        undo: undo({ records: 11, associations: 15, labels: 2, values: 3, kept: 2 }),
        kept: [
          { record: 'rec-7', object: 'contacts', name: 'Ben Ode', property: 'phone', message: 'Changed by Cleo since the import.' },
          { record: '', object: '', name: '', message: '3 primary companies the import set stay.' },
        ],
      }),
    );
    expect(await screen.findByText('The import is undone.')).toBeInTheDocument();
    expect(
      screen.getByText('Moved 11 records to the recycle bin, removed 15 associations and 2 labels, put back 3 values. 2 changes kept.'),
    ).toBeInTheDocument();
    const kept = screen.getByRole('table', { name: 'Changes kept' });
    // A note about the whole import names no record.
    expect(within(kept).getAllByRole('button')).toHaveLength(1);
    expect(within(kept).getByRole('cell', { name: '3 primary companies the import set stay.' })).toBeInTheDocument();
    expect(within(kept).getByRole('cell', { name: 'phone' })).toBeInTheDocument();
    expect(within(kept).getByRole('cell', { name: 'Changed by Cleo since the import.' })).toBeInTheDocument();
    await waitFor(() => expect(imports.list.mock.calls.length).toBeGreaterThan(listCalls));

    await user.click(within(kept).getByRole('button', { name: 'Ben Ode' }));
    await waitFor(() => expect(navigate).toHaveBeenCalledWith({ page: 'record', object: 'contacts', id: 'rec-7' }));
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('cancels a running undo and says what stays', async () => {
    const { user } = renderSettings();
    await user.click(await screen.findByRole('button', { name: 'Undo import of contacts.csv' }));
    await user.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Undo import' }));
    await screen.findByRole('progressbar');
    imports.cancel.mockImplementation(async () => {
      imports.job.mockResolvedValue(job(ImportState.Canceled, { read: 50, undo: undo({ records: 2 }) }));
    });
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(imports.cancel).toHaveBeenCalledWith('job-9');
    expect(await screen.findByText('Canceled. What the undo took back before stays taken back.')).toBeInTheDocument();
    expect(screen.getByText('Moved 2 records to the recycle bin, removed 0 associations, put back 0 values.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Close' }));
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('keeps the dialog open with the reason when the undo cannot start', async () => {
    imports.undo.mockRejectedValue(new AppError('invalid', 'This import is still running.'));
    const { user } = renderSettings();
    await user.click(await screen.findByRole('button', { name: 'Undo import of contacts.csv' }));
    const dialog = screen.getByRole('alertdialog');
    await user.click(within(dialog).getByRole('button', { name: 'Undo import' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('This import is still running.');
    expect(within(dialog).getByRole('button', { name: 'Undo import' })).toBeEnabled();
  });
});
