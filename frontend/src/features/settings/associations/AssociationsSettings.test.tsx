import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { LabelKind, type Label, type LabelInput, type Limit, type ObjectDef, type Pair } from '../../../api/backend';
import { AppError } from '../../../api/errors';
import { contactsObject, objectDef } from '../../../test/fixtures';
import { renderWithClient } from '../../../test/render';

// A small in-memory set of pairs that behaves like the Go one where it matters.
const fake = vi.hoisted(() => ({
  objects: vi.fn(),
  getSettings: vi.fn(),
  pairs: vi.fn(),
  definePair: vi.fn(),
  createLabel: vi.fn(),
  renameLabel: vi.fn(),
  labelUsage: vi.fn(),
  deleteLabel: vi.fn(),
  setLimit: vi.fn(),
  exceeding: vi.fn(),
}));
vi.mock('../../../api/backend', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../../api/backend')>()),
  backend: fake,
}));

import { SettingsPage } from '../SettingsPage';
import { AssociationsSettings } from './AssociationsSettings';

const object = (id: string, num: number, singular: string, plural: string, builtIn = true): ObjectDef =>
  objectDef({ id, num, singular, plural, builtIn, displayProperty: 'name', properties: [] });

let schema: ObjectDef[];
let pairs: Map<string, Pair>;
const clone = <T,>(v: T): T => JSON.parse(JSON.stringify(v));
const num = (id: string) => schema.find((o) => o.id === id)!.num;

// pair returns the stored pair of two objects, made as the Go side makes it.
function pair(x: string, y: string) {
  const [a, b] = num(x) <= num(y) ? [x, y] : [y, x];
  const key = `${a}|${b}`;
  let p = pairs.get(key);
  if (!p) {
    const builtIn = (id: string) => schema.find((o) => o.id === id)!.builtIn;
    const labels: Label[] =
      (a === 'companies') !== (b === 'companies')
        ? [{ id: 1, kind: LabelKind.Primary, from: a === 'companies' ? b : a, to: 'companies', name: 'Primary', inverse: 'Primary', builtIn: true }]
        : [];
    p = { key, a, b, defined: builtIn(a) && builtIn(b), labels, limits: [], nextId: 2 };
    pairs.set(key, p);
  }
  return p;
}
const view = (p: Pair): Pair => clone(p);

beforeEach(() => {
  schema = [
    contactsObject(),
    object('companies', 2, 'Company', 'Companies'),
    object('deals', 3, 'Deal', 'Deals'),
    object('c_projects', 100, 'Project', 'Projects', false),
  ];
  pairs = new Map();
  fake.objects.mockReset().mockImplementation(async () => clone(schema));
  fake.getSettings.mockReset().mockResolvedValue({ theme: 'system' });
  fake.pairs.mockReset().mockImplementation(async (id: string) => schema.map((o) => view(pair(id, o.id))));
  fake.definePair.mockReset().mockImplementation(async (x: string, y: string) => {
    pair(x, y).defined = true;
    return view(pair(x, y));
  });
  fake.createLabel.mockReset().mockImplementation(async (x: string, y: string, i: LabelInput) => {
    const p = pair(x, y);
    if (!i.name.trim()) throw new AppError('invalid', 'The label name is required.', 'name');
    if (i.kind === LabelKind.Paired && !i.inverse.trim()) throw new AppError('invalid', 'The name the other way round is required.', 'inverse');
    if (p.labels.some((l) => l.name === i.name)) throw new AppError('invalid', `There is already a label named "${i.name}" for these objects.`, 'name');
    const to = i.from === p.a ? p.b : p.a;
    p.labels.push({
      id: p.nextId++,
      kind: i.kind,
      from: i.from,
      to,
      name: i.name,
      inverse: i.kind === LabelKind.Single ? i.name : i.inverse || i.name,
      builtIn: false,
    });
    return view(p);
  });
  fake.renameLabel.mockReset().mockImplementation(async (x: string, y: string, id: number, i: LabelInput) => {
    const p = pair(x, y);
    if (p.labels.some((l) => l.id !== id && l.name === i.name))
      throw new AppError('invalid', `There is already a label named "${i.name}" for these objects.`, 'name');
    const l = p.labels.find((l) => l.id === id)!;
    l.name = i.name;
    l.inverse = l.kind === 'single' ? i.name : i.inverse || i.name;
    return view(p);
  });
  fake.labelUsage.mockReset().mockResolvedValue(12);
  fake.deleteLabel.mockReset().mockImplementation(async (x: string, y: string, id: number) => {
    const p = pair(x, y);
    p.labels = p.labels.filter((l) => l.id !== id);
    p.limits = p.limits.filter((l) => l.label !== id);
    return 12;
  });
  fake.setLimit.mockReset().mockImplementation(async (x: string, y: string, limit: Limit) => {
    const p = pair(x, y);
    if (!p.defined) throw new AppError('not_defined', 'Define this association first.');
    if (limit.max > 1000) throw new AppError('invalid', 'A limit is a whole number from 1 to 1,000,000 (or 0 for no limit).', 'max');
    const l = { ...limit, from: x };
    p.limits = p.limits.filter((o) => !(o.from === l.from && o.label === l.label && o.inverse === l.inverse));
    if (l.max > 0) p.limits.push(l);
    return view(p);
  });
  fake.exceeding.mockReset().mockResolvedValue(3);
});

function renderPage() {
  return renderWithClient(<AssociationsSettings />).client;
}

const card = (title: string) => screen.findByRole('region', { name: title });

async function chooseObject(user: ReturnType<typeof userEvent.setup>, plural: string) {
  await user.click(await screen.findByRole('button', { name: plural, pressed: false }));
  expect(await screen.findByRole('heading', { level: 2, name: plural })).toBeInTheDocument();
}

describe('AssociationsSettings', () => {
  it('leaves out the activity objects, whose associations follow Settings → Activities', async () => {
    schema.push({ ...object('notes', 5, 'Note', 'Notes'), activityDate: 'at' }, { ...object('tasks', 9, 'Task', 'Tasks'), activityDate: 'due' });
    renderPage();
    const titles = (await screen.findAllByRole('heading', { level: 3 })).map((h) => h.textContent);
    expect(titles).toEqual(['Contacts ↔ Contacts', 'Contacts ↔ Companies', 'Contacts ↔ Deals', 'Contacts ↔ Projects']);
    const nav = screen.getByRole('region', { name: 'Objects' });
    expect(
      within(nav)
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual(['Contacts', 'Companies', 'Deals', 'Projects']);
  });

  it('lists the pairs of the selected object, with the built-in Primary label not editable', async () => {
    renderPage();
    expect(await screen.findByRole('button', { name: 'Contacts' })).toHaveAttribute('aria-pressed', 'true');
    const titles = (await screen.findAllByRole('heading', { level: 3 })).map((h) => h.textContent);
    expect(titles).toEqual(['Contacts ↔ Contacts', 'Contacts ↔ Companies', 'Contacts ↔ Deals', 'Contacts ↔ Projects']);

    const companies = await card('Contacts ↔ Companies');
    const primary = within(companies)
      .getByRole('rowheader', { name: /^Primary/ })
      .closest('tr')!;
    expect(within(primary).getByText('Built-in')).toBeInTheDocument();
    expect(within(primary).getByText('Primary (one per record)')).toBeInTheDocument();
    expect(within(primary).getByText('Not editable')).toBeInTheDocument();
    expect(within(primary).queryByRole('button')).toBeNull();
    expect(within(companies).getByText('No limit: each contact can have any number of companies.')).toBeInTheDocument();
    expect(within(companies).getByText('No limit: each company can have any number of contacts.')).toBeInTheDocument();

    // A pair of one object has a single direction.
    const self = await card('Contacts ↔ Contacts');
    expect(within(self).getAllByRole('group')).toHaveLength(1);
  });

  it('defines the pair of a custom object and refreshes the associations', async () => {
    const user = userEvent.setup();
    const client = renderPage();
    const invalidate = vi.spyOn(client, 'invalidateQueries');
    const projects = await card('Contacts ↔ Projects');
    expect(within(projects).getByText('Not defined yet')).toBeInTheDocument();
    expect(within(projects).queryByRole('button', { name: /Add label/ })).toBeNull();

    await user.click(within(projects).getByRole('button', { name: 'Define association Contacts ↔ Projects' }));
    expect(fake.definePair).toHaveBeenCalledWith('contacts', 'c_projects');
    const add = await within(projects).findByRole('button', { name: 'Add label to Contacts ↔ Projects' });
    await waitFor(() => expect(add).toHaveFocus());
    expect(within(projects).queryByText('Not defined yet')).toBeNull();
    expect(invalidate).toHaveBeenCalledWith({ queryKey: ['associations'] });
  });

  it('creates a paired label with the keyboard, keeping what was typed when a field is refused', async () => {
    const user = userEvent.setup();
    renderPage();
    await chooseObject(user, 'Deals');
    const companies = await card('Deals ↔ Companies');
    within(companies).getByRole('button', { name: 'Add label to Deals ↔ Companies' }).focus();
    await user.keyboard('{Enter}');
    const dialog = screen.getByRole('dialog', { name: 'Add label to Deals ↔ Companies' });
    expect(within(dialog).getByRole('radio', { name: 'Single' })).toHaveFocus();
    await user.keyboard('{ArrowDown}');
    expect(within(dialog).getByRole('radio', { name: 'Paired' })).toBeChecked();
    expect(within(dialog).getByLabelText('Read from')).toHaveValue('deals');
    expect(within(dialog).getByLabelText('Name')).toHaveAccessibleDescription('What a company is to a deal: shown on deals.');

    await user.type(within(dialog).getByLabelText('Name'), 'Buyer{Enter}');
    const inverse = within(dialog).getByLabelText('Inverse name');
    expect(await within(dialog).findByText('The name the other way round is required.')).toBeInTheDocument();
    expect(inverse).toHaveAttribute('aria-invalid', 'true');
    expect(within(dialog).getByLabelText('Name')).toHaveValue('Buyer');

    await user.type(inverse, 'Sold to{Enter}');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(fake.createLabel).toHaveBeenLastCalledWith('deals', 'companies', { kind: LabelKind.Paired, from: 'deals', name: 'Buyer', inverse: 'Sold to' });
    const row = (await within(companies).findByRole('rowheader', { name: /^Buyer ↔ Sold to/ })).closest('tr')!;
    expect(within(row).getByText('Deals read “Buyer”, companies read “Sold to”.')).toBeInTheDocument();
    expect(within(row).getByText('Paired')).toBeInTheDocument();
  });

  it('creates a one-per-record label read from the other side', async () => {
    const user = userEvent.setup();
    renderPage();
    await chooseObject(user, 'Deals');
    const companies = await card('Deals ↔ Companies');
    await user.click(within(companies).getByRole('button', { name: /Add label/ }));
    const dialog = screen.getByRole('dialog');
    await user.click(within(dialog).getByRole('radio', { name: 'Primary' }));
    await user.selectOptions(within(dialog).getByLabelText('Read from'), 'Companies');
    await user.type(within(dialog).getByLabelText('Name'), 'Main deal');
    await user.click(within(dialog).getByRole('button', { name: 'Add label' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(fake.createLabel).toHaveBeenLastCalledWith('deals', 'companies', { kind: LabelKind.Primary, from: 'companies', name: 'Main deal', inverse: '' });
  });

  it('says how many associations carry a label before deleting it', async () => {
    const user = userEvent.setup();
    pair('contacts', 'companies').labels.push({
      id: 2,
      kind: LabelKind.Single,
      from: 'contacts',
      to: 'companies',
      name: 'Advisor',
      inverse: 'Advisor',
      builtIn: false,
    });
    pair('contacts', 'companies').labels.push({
      id: 3,
      kind: LabelKind.Single,
      from: 'contacts',
      to: 'companies',
      name: 'Investor',
      inverse: 'Investor',
      builtIn: false,
    });
    pair('contacts', 'companies').nextId = 4;
    renderPage();
    const companies = await card('Contacts ↔ Companies');

    await user.click(await within(companies).findByRole('button', { name: 'Delete label Advisor' }));
    expect(fake.labelUsage).toHaveBeenCalledWith('contacts', 'companies', 2);
    const confirm = await screen.findByRole('alertdialog', { name: 'Delete label “Advisor”?' });
    expect(confirm).toHaveTextContent('“Advisor” is on 12 associations. Deleting it removes it from all of them. The associations stay.');
    await user.click(within(confirm).getByRole('button', { name: 'Delete label' }));
    await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull());
    expect(fake.deleteLabel).toHaveBeenCalledWith('contacts', 'companies', 2);
    await waitFor(() => expect(within(companies).queryByRole('rowheader', { name: /^Advisor/ })).toBeNull());
    await waitFor(() => expect(within(companies).getByRole('button', { name: /^Add label/ })).toHaveFocus());

    // An unused label says so; cancelling deletes nothing.
    fake.labelUsage.mockResolvedValueOnce(0);
    await user.click(within(companies).getByRole('button', { name: 'Delete label Investor' }));
    expect(await screen.findByRole('alertdialog')).toHaveTextContent('“Investor” is not used by any association.');
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull());
    expect(fake.deleteLabel).toHaveBeenCalledTimes(1);
  });

  it('sets a limit, shows how many records already exceed it, and removes it', async () => {
    const user = userEvent.setup();
    pair('deals', 'companies').labels.push({
      id: 2,
      kind: LabelKind.Paired,
      from: 'deals',
      to: 'companies',
      name: 'Buyer',
      inverse: 'Sold to',
      builtIn: false,
    });
    pair('deals', 'companies').nextId = 3;
    renderPage();
    await chooseObject(user, 'Deals');
    const companies = await card('Deals ↔ Companies');
    const eachDeal = within(companies).getByRole('group', { name: 'Each deal' });

    // Typed text stays when it is refused.
    await user.type(within(eachDeal).getByLabelText('Most companies per deal'), '0{Enter}');
    expect(await within(eachDeal).findByRole('alert')).toHaveTextContent('Enter a whole number from 1 to 1,000,000.');
    expect(fake.setLimit).not.toHaveBeenCalled();
    await user.clear(within(eachDeal).getByLabelText('Most companies per deal'));
    await user.type(within(eachDeal).getByLabelText('Most companies per deal'), '1{Enter}');
    expect(fake.setLimit).toHaveBeenLastCalledWith('deals', 'companies', { from: 'deals', label: 0, inverse: false, max: 1 });
    expect(await within(eachDeal).findByText('Each deal can have at most 1 company')).toBeInTheDocument();
    expect(await within(eachDeal).findByText('3 deals already have more; they keep their associations')).toBeInTheDocument();
    expect(fake.exceeding).toHaveBeenCalledWith('deals', 'companies', { from: 'deals', label: 0, inverse: false, max: 1 });
    expect(within(eachDeal).getByLabelText('Most companies per deal')).toHaveValue(null);

    // A limit on one label, from the companies' side (read as its inverse).
    fake.exceeding.mockResolvedValue(1);
    const eachCompany = within(companies).getByRole('group', { name: 'Each company' });
    await user.type(within(eachCompany).getByLabelText('Most deals per company'), '2');
    await user.selectOptions(within(eachCompany).getByLabelText('Which deals count'), 'labelled “Sold to”');
    await user.click(within(eachCompany).getByRole('button', { name: 'Set limit' }));
    expect(fake.setLimit).toHaveBeenLastCalledWith('companies', 'deals', { from: 'companies', label: 2, inverse: true, max: 2 });
    expect(await within(eachCompany).findByText('Each company can have at most 2 deals labelled “Sold to”')).toBeInTheDocument();
    expect(await within(eachCompany).findByText('1 company already has more; it keeps its associations')).toBeInTheDocument();

    await user.click(within(eachDeal).getByRole('button', { name: 'Remove limit: Each deal can have at most 1 company' }));
    expect(fake.setLimit).toHaveBeenLastCalledWith('deals', 'companies', { from: 'deals', label: 0, inverse: false, max: 0 });
    expect(await within(eachDeal).findByText('No limit: each deal can have any number of companies.')).toBeInTheDocument();
    expect(within(eachDeal).getByLabelText('Most companies per deal')).toHaveFocus();
  });

  it('shows the message of a refused change next to its field, keeping what was typed', async () => {
    const user = userEvent.setup();
    pair('contacts', 'contacts').labels.push(
      { id: 2, kind: LabelKind.Paired, from: 'contacts', to: 'contacts', name: 'Manager', inverse: 'Employee', builtIn: false },
      { id: 3, kind: LabelKind.Single, from: 'contacts', to: 'contacts', name: 'Colleague', inverse: 'Colleague', builtIn: false },
    );
    pair('contacts', 'contacts').nextId = 4;
    renderPage();
    const self = await card('Contacts ↔ Contacts');
    const manager = within(self)
      .getByRole('rowheader', { name: /^Manager ↔ Employee/ })
      .closest('tr')!;
    expect(within(manager).getByText('One contact reads “Manager”, the other “Employee”.')).toBeInTheDocument();

    await user.click(within(self).getByRole('button', { name: 'Rename label Manager ↔ Employee' }));
    const dialog = screen.getByRole('dialog', { name: 'Rename label Manager ↔ Employee' });
    expect(within(dialog).queryByRole('radio')).toBeNull();
    const name = within(dialog).getByLabelText('Name');
    expect(name).toHaveFocus();
    await user.clear(name);
    await user.type(name, 'Colleague{Enter}');
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('There is already a label named "Colleague" for these objects.');
    expect(name).toHaveAttribute('aria-invalid', 'true');
    expect(name).toHaveValue('Colleague');
    expect(within(dialog).getByLabelText('Inverse name')).toHaveValue('Employee');

    await user.clear(name);
    await user.type(name, 'Boss{Enter}');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(fake.renameLabel).toHaveBeenLastCalledWith('contacts', 'contacts', 2, {
      kind: LabelKind.Paired,
      from: 'contacts',
      name: 'Boss',
      inverse: 'Employee',
    });
    expect(await within(self).findByRole('rowheader', { name: /^Boss ↔ Employee/ })).toBeInTheDocument();

    // An error that belongs to no field shows under the form.
    fake.setLimit.mockRejectedValueOnce(new Error(JSON.stringify({ code: 'internal', message: 'The data folder is read-only.' })));
    await user.type(within(self).getByLabelText('Most contacts per contact'), '5{Enter}');
    expect(await within(self).findByRole('alert')).toHaveTextContent('The data folder is read-only.');
    expect(within(self).getByLabelText('Most contacts per contact')).toHaveValue(5);
  });

  it('shows a refused definition next to its button', async () => {
    const user = userEvent.setup();
    fake.definePair.mockRejectedValueOnce(new AppError('not_found', 'Projects no longer exists.'));
    renderPage();
    const projects = await card('Contacts ↔ Projects');
    await user.click(within(projects).getByRole('button', { name: /Define association/ }));
    expect(await within(projects).findByRole('alert')).toHaveTextContent('Projects no longer exists.');
    expect(within(projects).queryByText(/not_found/)).toBeNull();
  });
});

describe('SettingsPage', () => {
  it('has an Associations tab', async () => {
    const user = userEvent.setup();
    const navigate = vi.fn();
    renderWithClient(<SettingsPage info={{ version: '0.1.0', dataDir: '/tmp' }} section="associations" navigate={navigate} />);
    expect(screen.getByRole('tab', { name: 'Associations' })).toHaveAttribute('aria-selected', 'true');
    expect(screen.getByRole('tabpanel', { name: 'Associations' })).toBeInTheDocument();
    expect(await screen.findByRole('heading', { level: 3, name: 'Contacts ↔ Companies' })).toBeInTheDocument();
    await user.click(screen.getByRole('tab', { name: 'Objects and properties' }));
    expect(navigate).toHaveBeenCalledWith({ page: 'settings', section: 'objects' });
  });
});
