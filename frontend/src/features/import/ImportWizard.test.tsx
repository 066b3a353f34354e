import { QueryClientProvider } from '@tanstack/react-query';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import {
  ChangeSource,
  ColumnKind,
  ImportMode,
  ImportState,
  JobKind,
  MatchBy,
  type ImportColumn,
  type ImportFile,
  type ImportJob,
  type ImportSetup,
} from '../../api/backend';
import { AppError } from '../../api/errors';
import { companiesObject, contactNameProperties, contactsObject, objectDef, property } from '../../test/fixtures';
import { renderWithClient } from '../../test/render';
import { activityObjects } from '../activities/testing';

const fake = vi.hoisted(() => ({
  objects: vi.fn(),
  imports: {
    chooseFile: vi.fn<() => Promise<string>>(),
    inspect: vi.fn<(path: string, objects: string[]) => Promise<ImportFile>>(),
    check: vi.fn<(setup: ImportSetup) => Promise<ImportJob>>(),
    start: vi.fn<(setup: ImportSetup) => Promise<ImportJob>>(),
    job: vi.fn<(id: string) => Promise<ImportJob>>(),
    cancel: vi.fn<(id: string) => Promise<void>>(),
    saveProblems: vi.fn<(id: string) => Promise<string>>(),
  },
}));
const progress = vi.hoisted(() => new Set<(job: ImportJob) => void>());
vi.mock('../../api/backend', async (original) => ({
  ...(await original<object>()),
  backend: fake,
  onImportProgress: (handler: (job: ImportJob) => void) => {
    progress.add(handler);
    return () => progress.delete(handler);
  },
}));

import { ImportWizard } from './ImportWizard';

const objects = [
  contactsObject(contactNameProperties()),
  companiesObject([property('name', 'Company name'), property('domain', 'Company domain name')]),
  objectDef({
    id: 'deals',
    num: 3,
    singular: 'Deal',
    plural: 'Deals',
    builtIn: true,
    displayProperty: 'name',
    properties: [property('name', 'Deal name')],
  }),
  ...activityObjects(),
];

const headers = ['First name', 'Email', 'Company', 'Domain', 'Notes'];
const preview = [
  ['Ann', 'ann@acme.test', 'Acme', 'acme.test', 'met at the fair'],
  ['Bo', 'bo@globex.test', 'Globex', 'globex.test', ''],
  ['Cy', 'cy@acme.test', 'Acme', 'acme.test', ''],
  ['Di', 'di@initech.test', 'Initech', 'initech.test', ''],
];

const col = (header: string, c: Omit<ImportColumn, 'header'>): ImportColumn => ({ header, ...c });
const skip = (header: string, object = 'contacts') => col(header, { kind: ColumnKind.Skip, object });

// fileFor is what Inspect answers for the objects each row holds: with
// companies too, the company columns are the company's own.
function fileFor(rowObjects: string[], over: Partial<ImportFile> = {}): ImportFile {
  const both = rowObjects.includes('companies');
  const columns = [
    col('First name', { kind: ColumnKind.Property, object: 'contacts', property: 'firstname' }),
    col('Email', { kind: ColumnKind.Property, object: 'contacts', property: 'email' }),
    both
      ? col('Company', { kind: ColumnKind.Property, object: 'companies', property: 'name' })
      : col('Company', { kind: ColumnKind.Association, object: 'contacts', target: 'companies', match: MatchBy.Name }),
    both ? col('Domain', { kind: ColumnKind.Property, object: 'companies', property: 'domain' }) : skip('Domain'),
    skip('Notes'),
  ];
  return {
    path: '/tmp/people.csv',
    name: 'people.csv',
    size: 2048,
    encoding: 'UTF-8 with BOM',
    delimiter: ';',
    headers,
    preview,
    hubspot: false,
    setup: {
      path: '/tmp/people.csv',
      source: ChangeSource.Import,
      objects: (rowObjects.length ? rowObjects : ['contacts']).map((object) => ({ object, mode: ImportMode.CreateUpdate })),
      columns,
    },
    ...over,
  };
}

const noCounts = { rows: 0, created: 0, updated: 0, unchanged: 0, associations: 0, labels: 0, skipped: 0, pending: 0 };

function job(over: Partial<ImportJob> = {}): ImportJob {
  return {
    id: 'check-1',
    kind: JobKind.Check,
    import: '',
    file: 'people.csv',
    state: ImportState.Running,
    size: 1000,
    read: 0,
    rate: 0,
    left: 0,
    counts: noCounts,
    problems: [],
    total: 0,
    badRows: 0,
    kept: [],
    ...over,
  };
}

const checked = (over: Partial<ImportJob> = {}) =>
  job({
    state: ImportState.Checked,
    read: 1000,
    counts: { rows: 10, created: 6, updated: 1, unchanged: 1, associations: 4, labels: 1, skipped: 2, pending: 0 },
    badRows: 2,
    total: 5,
    problems: [
      { row: 3, column: 'Email', value: 'not-an-email', message: 'Email is not a valid email address.' },
      { row: 7, column: '', value: '', message: 'The row has 7 cells; the header has 5.' },
    ],
    ...over,
  });

// emit delivers an 'import:progress' event.
function emit(j: ImportJob) {
  act(() => progress.forEach((h) => h(j)));
}

beforeEach(() => {
  vi.clearAllMocks();
  progress.clear();
  fake.objects.mockResolvedValue(objects);
  fake.imports.chooseFile.mockResolvedValue('/tmp/people.csv');
  fake.imports.inspect.mockImplementation(async (_path, rowObjects) => fileFor(rowObjects));
  fake.imports.check.mockResolvedValue(job());
  fake.imports.start.mockResolvedValue(job({ id: 'import-1', kind: JobKind.Import, import: 'imp-1' }));
  // Unless a test polls, the poll never answers: only events move the bar.
  fake.imports.job.mockImplementation(() => new Promise(() => {}));
  fake.imports.cancel.mockResolvedValue();
  fake.imports.saveProblems.mockResolvedValue('/tmp/problems.csv');
});

function renderWizard(object?: string) {
  const onOpenChange = vi.fn();
  const navigate = vi.fn();
  const result = renderWithClient(<ImportWizard open onOpenChange={onOpenChange} object={object} navigate={navigate} />);
  return { ...result, onOpenChange, navigate, dialog: screen.getByRole('dialog') };
}

type User = ReturnType<typeof userEvent.setup>;

async function chooseFile(user: User) {
  await user.click(screen.getByRole('button', { name: 'Choose file…' }));
  await screen.findByText('people.csv');
}

async function toMapping(user: User) {
  await chooseFile(user);
  await user.click(screen.getByRole('button', { name: 'Next' }));
  await screen.findByRole('heading', { name: 'What each row holds' });
  await user.click(screen.getByRole('button', { name: 'Next' }));
  await screen.findByRole('heading', { name: 'Map columns' });
}

async function toCheck(user: User) {
  await toMapping(user);
  await user.click(screen.getByRole('button', { name: 'Check the file' }));
  await screen.findByRole('heading', { name: 'Check' });
}

const importAs = (header: string) => screen.getByRole('combobox', { name: `Import “${header}” as` });

describe('ImportWizard', () => {
  it('shows what was read from the file and the suggested mapping', async () => {
    const user = userEvent.setup();
    renderWizard();
    expect(screen.getByRole('button', { name: 'Choose file…' })).toHaveFocus();
    await chooseFile(user);
    expect(fake.imports.inspect).toHaveBeenCalledWith('/tmp/people.csv', []);
    const facts = screen.getByText('UTF-8 with BOM').closest('dl')!;
    expect(within(facts).getByText('2 KB')).toBeInTheDocument();
    expect(within(facts).getByText('Semicolon')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Next' }));
    expect(screen.getByRole('combobox', { name: 'Object' })).toHaveDisplayValue('Contacts');
    // Notes, calls… are not offered; tasks are.
    const offered = within(screen.getByRole('combobox', { name: 'Object' }))
      .getAllByRole('option')
      .map((o) => o.textContent);
    expect(offered).toEqual(['Contacts', 'Companies', 'Deals', 'Tasks']);
    expect(screen.queryByRole('note')).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Next' }));
    expect(screen.getByRole('heading', { name: 'Map columns' })).toHaveFocus();
    expect(importAs('First name')).toHaveDisplayValue('Contact · First name');
    expect(importAs('Email')).toHaveDisplayValue('Contact · Email');
    expect(importAs('Company')).toHaveDisplayValue('Contact · Associated Companies by name');
    expect(importAs('Notes')).toHaveDisplayValue("Don't import");
    const emailRow = importAs('Email').closest('tr')!;
    expect(within(emailRow).getByText('ann@acme.test')).toBeInTheDocument();
    expect(within(emailRow).getByText('cy@acme.test')).toBeInTheDocument();
    expect(within(emailRow).queryByText('di@initech.test')).toBeNull(); // the first 3 values only
    const previewTable = screen.getByRole('table', { name: 'First rows of the file' });
    expect(within(previewTable).getAllByRole('row')).toHaveLength(5);
    expect(within(previewTable).getByText('met at the fair')).toBeInTheDocument();
  });

  it('offers only sensible matches: email for contacts, domain for companies, primary company', async () => {
    const user = userEvent.setup();
    renderWizard();
    await toMapping(user);
    const labels = within(importAs('Notes'))
      .getAllByRole('option')
      .map((o) => o.textContent);
    expect(labels).toContain('Contact · Record ID');
    expect(labels).toContain('Contact · Associated Contacts by email');
    expect(labels).toContain('Contact · Associated Companies by domain');
    expect(labels).toContain('Contact · Primary company by domain');
    expect(labels).toContain('Contact · Association labels with Companies');
    expect(labels).not.toContain('Contact · Associated Deals by email');
    expect(labels).not.toContain('Contact · Associated Deals by domain');
    expect(labels.some((l) => l?.includes('Notes'))).toBe(false);
  });

  it('sends a changed mapping to the check and flags a property mapped twice', async () => {
    const user = userEvent.setup();
    renderWizard();
    await toMapping(user);
    await user.selectOptions(importAs('Notes'), 'Contact · Email');
    expect(importAs('Notes')).toHaveAttribute('aria-invalid', 'true');
    expect(importAs('Email')).toHaveAccessibleDescription('Also imported from “Notes”: choose it for one column only.');
    expect(importAs('Notes')).toHaveAccessibleDescription('Also imported from “Email”: choose it for one column only.');
    expect(screen.getByRole('button', { name: 'Check the file' })).toBeDisabled();

    await user.selectOptions(importAs('Notes'), 'Contact · Last name');
    await user.selectOptions(importAs('Company'), 'Contact · Primary company by name');
    await user.selectOptions(importAs('First name'), "Don't import");
    expect(importAs('Email')).not.toHaveAttribute('aria-invalid');
    await user.click(screen.getByRole('button', { name: 'Check the file' }));
    await waitFor(() => expect(fake.imports.check).toHaveBeenCalledTimes(1));
    const sent = fake.imports.check.mock.calls[0][0];
    expect(sent.columns[0]).toEqual({ header: 'First name', kind: ColumnKind.Skip, object: 'contacts' });
    expect(sent.columns[2]).toEqual({
      header: 'Company',
      kind: ColumnKind.Association,
      object: 'contacts',
      target: 'companies',
      match: MatchBy.Name,
      primary: true,
    });
    expect(sent.columns[4]).toEqual({ header: 'Notes', kind: ColumnKind.Property, object: 'contacts', property: 'lastname' });
  });

  it('inspects the file again when a row also holds a company, keeping the modes chosen', async () => {
    const user = userEvent.setup();
    renderWizard();
    await chooseFile(user);
    await user.click(screen.getByRole('button', { name: 'Next' }));
    await user.selectOptions(screen.getByRole('combobox', { name: 'What to do with contacts' }), 'Update only');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Each row also holds a…' }), 'Company');
    await user.click(screen.getByRole('button', { name: 'Add' }));
    await waitFor(() => expect(fake.imports.inspect).toHaveBeenLastCalledWith('/tmp/people.csv', ['contacts', 'companies']));
    expect(await screen.findByText("Each row's contact and company are associated with each other.")).toBeInTheDocument();
    expect(screen.getByRole('combobox', { name: 'Second object' })).toHaveDisplayValue('Companies');
    expect(screen.getByRole('combobox', { name: 'What to do with contacts' })).toHaveDisplayValue('Update only');

    await user.click(screen.getByRole('button', { name: 'Next' }));
    expect(importAs('Company')).toHaveDisplayValue('Company · Company name');
    expect(importAs('Domain')).toHaveDisplayValue('Company · Company domain name');
    await user.click(screen.getByRole('button', { name: 'Check the file' }));
    await waitFor(() => expect(fake.imports.check).toHaveBeenCalled());
    expect(fake.imports.check.mock.calls[0][0].objects).toEqual([
      { object: 'contacts', mode: ImportMode.Update },
      { object: 'companies', mode: ImportMode.CreateUpdate },
    ]);

    // Going back stops the running check; removing the company goes back
    // to one object per row.
    await user.click(screen.getByRole('button', { name: 'Back' }));
    expect(fake.imports.cancel).toHaveBeenCalledWith('check-1');
    await user.click(screen.getByRole('button', { name: 'Back' }));
    await user.click(screen.getByRole('button', { name: 'Remove companies' }));
    await waitFor(() => expect(fake.imports.inspect).toHaveBeenLastCalledWith('/tmp/people.csv', ['contacts']));
    await waitFor(() => expect(screen.queryByRole('combobox', { name: 'Second object' })).toBeNull());
  });

  it('keeps the objects and says why when inspecting for them fails', async () => {
    const user = userEvent.setup();
    renderWizard();
    await chooseFile(user);
    await user.click(screen.getByRole('button', { name: 'Next' }));
    fake.imports.inspect.mockRejectedValueOnce(new AppError('invalid', 'The file can no longer be read: it was moved.', 'path'));
    await user.click(screen.getByRole('button', { name: 'Add' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('The file can no longer be read: it was moved.');
    expect(screen.queryByRole('combobox', { name: 'Second object' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Next' })).toBeDisabled();
  });

  it('shows the HubSpot note for a HubSpot export', async () => {
    const user = userEvent.setup();
    fake.imports.inspect.mockResolvedValue(fileFor(['contacts'], { hubspot: true }));
    renderWizard();
    await chooseFile(user);
    await user.click(screen.getByRole('button', { name: 'Next' }));
    expect(screen.getByRole('note')).toHaveTextContent('HubSpot export recognised: its IDs and associations are kept (source Migration).');
  });

  it("chooses the index page's object when the guess leaves it out", async () => {
    const user = userEvent.setup();
    renderWizard('deals');
    await waitFor(() => expect(fake.objects).toHaveBeenCalled());
    await chooseFile(user);
    expect(fake.imports.inspect.mock.calls).toEqual([
      ['/tmp/people.csv', []],
      ['/tmp/people.csv', ['deals']],
    ]);
  });

  it('does nothing when the file dialog is canceled, and shows why a file cannot be read', async () => {
    const user = userEvent.setup();
    fake.imports.chooseFile.mockResolvedValueOnce('');
    renderWizard();
    await user.click(screen.getByRole('button', { name: 'Choose file…' }));
    expect(fake.imports.inspect).not.toHaveBeenCalled();
    expect(screen.getByRole('button', { name: 'Next' })).toBeDisabled();

    fake.imports.inspect.mockRejectedValueOnce(new AppError('invalid', 'people.csv has no header row.', 'path'));
    await user.click(screen.getByRole('button', { name: 'Choose file…' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('people.csv has no header row.');
    expect(screen.getByRole('button', { name: 'Next' })).toBeDisabled();
  });

  it('shows the check summary and problems, downloads them, and imports the rows without problems', async () => {
    const user = userEvent.setup();
    renderWizard();
    await toCheck(user);
    expect(screen.getByRole('progressbar', { name: 'Checking the file' })).toBeInTheDocument();
    emit(checked());
    expect(
      screen.getByText('Checked 10 rows: 6 created, 1 updated, 1 unchanged, 4 associations, 1 label, 2 rows with problems will be skipped.'),
    ).toBeInTheDocument();
    const table = screen.getByRole('table', { name: 'Problems by row' });
    const rows = within(table).getAllByRole('row');
    expect(rows.map((r) => Array.from(r.children, (c) => c.textContent))).toEqual([
      ['Row', 'Column', 'Value', 'Problem'],
      ['3', 'Email', 'not-an-email', 'Email is not a valid email address.'],
      ['7', '(whole row)', '', 'The row has 7 cells; the header has 5.'],
    ]);
    expect(screen.getByText('and 3 more problems, all in the downloaded file.')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Download problems…' }));
    expect(fake.imports.saveProblems).toHaveBeenCalledWith('check-1');
    expect(await screen.findByText('Saved the problems to /tmp/problems.csv.')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Import the 8 rows without problems' }));
    expect(fake.imports.start).toHaveBeenCalledWith(fake.imports.check.mock.calls[0][0]);
    expect(await screen.findByRole('progressbar', { name: 'Importing' })).toBeInTheDocument();
  });

  it('says how many rows it imports when there are no problems, and imports none when every row has one', async () => {
    const user = userEvent.setup();
    renderWizard();
    await toCheck(user);
    emit(checked({ badRows: 0, total: 0, problems: [] }));
    expect(screen.getByText('No problems found.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Import 10 rows' })).toBeEnabled();
    emit(checked({ badRows: 10 })); // an ended job's later answers count too
    expect(screen.getByRole('button', { name: 'Import the 0 rows without problems' })).toBeDisabled();
  });

  it('shows a refused column next to its select', async () => {
    const user = userEvent.setup();
    fake.imports.check.mockRejectedValueOnce(new AppError('invalid', 'Email: contacts match by email; map it once.', 'Email'));
    renderWizard();
    await toMapping(user);
    await user.click(screen.getByRole('button', { name: 'Check the file' }));
    await screen.findByRole('heading', { name: 'Map columns' });
    expect(importAs('Email')).toHaveAccessibleDescription('Email: contacts match by email; map it once.');
    expect(importAs('Email')).toHaveAttribute('aria-invalid', 'true');
  });

  it('moves the bar from progress events of its own job only', async () => {
    const user = userEvent.setup();
    renderWizard();
    await toCheck(user);
    emit(checked({ badRows: 0, total: 0, problems: [] }));
    await user.click(screen.getByRole('button', { name: 'Import 10 rows' }));
    const bar = await screen.findByRole('progressbar', { name: 'Importing' });
    expect(bar).toHaveAttribute('aria-valuenow', '0');
    const running = { id: 'import-1', kind: JobKind.Import, import: 'imp-1' };
    emit(job({ ...running, read: 500, rate: 1234.4, left: 30, counts: { ...noCounts, rows: 5 } }));
    expect(bar).toHaveAttribute('aria-valuenow', '50');
    expect(screen.getByText('5 rows · 1,234 rows/s · 30 s left')).toBeInTheDocument();
    emit(job({ id: 'someone-else', read: 900 }));
    expect(bar).toHaveAttribute('aria-valuenow', '50');
    emit(job({ ...running, state: ImportState.Done, read: 1000, counts: { ...noCounts, rows: 10, created: 10, associations: 3, pending: 2 } }));
    expect(
      screen.getByText(
        'Imported 10 rows: 10 created, 0 updated, 0 unchanged, 3 associations, 0 labels, 2 associations waiting for records another file brings.',
      ),
    ).toBeInTheDocument();
    // A poll answer that crossed the last event does not bring the bar back.
    emit(job({ ...running, read: 900 }));
    expect(screen.queryByRole('progressbar')).toBeNull();
  });

  it('moves the bar by polling when no event comes, and refreshes records when done', async () => {
    const user = userEvent.setup();
    const answers = [
      job({ id: 'import-1', kind: JobKind.Import, import: 'imp-1', read: 400, rate: 800, counts: { ...noCounts, rows: 4 } }),
      job({ id: 'import-1', kind: JobKind.Import, import: 'imp-1', state: ImportState.Done, read: 1000, counts: { ...noCounts, rows: 10, updated: 10 } }),
    ];
    fake.imports.job.mockImplementation(async () => (answers.length > 1 ? answers.shift()! : answers[0]));
    const { client, navigate, onOpenChange } = renderWizard();
    const invalidate = vi.spyOn(client, 'invalidateQueries');
    await toCheck(user);
    emit(checked({ badRows: 0, total: 0, problems: [] }));
    await user.click(screen.getByRole('button', { name: 'Import 10 rows' }));
    const bar = await screen.findByRole('progressbar', { name: 'Importing' });
    await waitFor(() => expect(bar).toHaveAttribute('aria-valuenow', '40'), { timeout: 2000 });
    expect(screen.getByText(/4 rows · 800 rows\/s/)).toBeInTheDocument();
    expect(await screen.findByText(/Imported 10 rows: 0 created, 10 updated/, undefined, { timeout: 2000 })).toBeInTheDocument();
    expect(fake.imports.job).toHaveBeenCalledWith('import-1');
    expect(invalidate).toHaveBeenCalledWith({ queryKey: ['records'] });
    expect(invalidate).toHaveBeenCalledWith({ queryKey: ['associations'] });

    await user.click(screen.getByRole('button', { name: 'View in Settings → Imports' }));
    expect(navigate).toHaveBeenCalledWith({ page: 'settings', section: 'imports' });
    expect(onOpenChange).toHaveBeenCalledWith(false);
  });

  it('asks before cancelling an import, then reports what stays', async () => {
    const user = userEvent.setup();
    renderWizard();
    await toCheck(user);
    emit(checked({ badRows: 0, total: 0, problems: [] }));
    await user.click(screen.getByRole('button', { name: 'Import 10 rows' }));
    // Closing only hides a running import; Cancel stops it, once confirmed.
    expect(await screen.findByText('Close', { selector: 'button' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.getByText('What was imported so far stays; you can undo it in Settings → Imports.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Keep importing' })).toHaveFocus();
    await user.click(screen.getByRole('button', { name: 'Keep importing' }));
    expect(fake.imports.cancel).not.toHaveBeenCalled();

    fake.imports.cancel.mockRejectedValueOnce(new AppError('internal', 'The import could not be stopped.'));
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    await user.click(screen.getByRole('button', { name: 'Stop the import' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('The import could not be stopped.');

    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    await user.click(screen.getByRole('button', { name: 'Stop the import' }));
    expect(fake.imports.cancel).toHaveBeenLastCalledWith('import-1');
    emit(job({ id: 'import-1', kind: JobKind.Import, import: 'imp-1', state: ImportState.Canceled, counts: { ...noCounts, rows: 4, created: 4 } }));
    expect(screen.getByRole('status')).toHaveTextContent('The import was stopped after 4 rows; what it wrote stays: 4 created');
    expect(screen.getByText('Close', { selector: 'button' })).toBeInTheDocument();
  });

  it('cancels a check without asking, and checks again', async () => {
    const user = userEvent.setup();
    renderWizard();
    await toCheck(user);
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(fake.imports.cancel).toHaveBeenCalledWith('check-1');
    emit(job({ state: ImportState.Canceled }));
    await user.click(screen.getByRole('button', { name: 'Check again' }));
    expect(fake.imports.check).toHaveBeenCalledTimes(2);
  });

  it('shows why a check or an import failed', async () => {
    const user = userEvent.setup();
    renderWizard();
    await toCheck(user);
    emit(job({ state: ImportState.Failed, error: { code: 'internal', message: 'The file changed while it was read.', field: '' } }));
    expect(screen.getByRole('alert')).toHaveTextContent('The file changed while it was read.');

    await user.click(screen.getByRole('button', { name: 'Back' }));
    fake.imports.check.mockResolvedValueOnce(checked({ badRows: 0, total: 0, problems: [] }));
    await user.click(screen.getByRole('button', { name: 'Check the file' }));
    fake.imports.start.mockRejectedValueOnce(new AppError('unavailable', 'Another import is running.'));
    await user.click(await screen.findByRole('button', { name: 'Import 10 rows' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Another import is running.');
    expect(screen.getByRole('button', { name: 'Back' })).toBeEnabled();
  });

  it('goes on importing when closed, and shows the import again when opened', async () => {
    const user = userEvent.setup();
    const { client, rerender, onOpenChange, navigate } = renderWizard();
    const wizard = (open: boolean) => (
      <QueryClientProvider client={client}>
        <ImportWizard open={open} onOpenChange={onOpenChange} navigate={navigate} />
      </QueryClientProvider>
    );
    await toCheck(user);
    emit(checked({ badRows: 0, total: 0, problems: [] }));
    await user.click(screen.getByRole('button', { name: 'Import 10 rows' }));
    await screen.findByRole('progressbar', { name: 'Importing' });
    await user.keyboard('{Escape}');
    expect(onOpenChange).toHaveBeenCalledWith(false);
    rerender(wizard(false));
    expect(screen.queryByRole('dialog')).toBeNull();
    emit(job({ id: 'import-1', kind: JobKind.Import, import: 'imp-1', read: 700 }));
    rerender(wizard(true));
    expect(screen.getByRole('progressbar', { name: 'Importing' })).toHaveAttribute('aria-valuenow', '70');
    expect(fake.imports.cancel).not.toHaveBeenCalled();
  });

  it('stops a running check when closed', async () => {
    const user = userEvent.setup();
    const { onOpenChange } = renderWizard();
    await toCheck(user);
    await user.keyboard('{Escape}');
    expect(fake.imports.cancel).toHaveBeenCalledWith('check-1');
    expect(onOpenChange).toHaveBeenCalledWith(false);
  });
});
