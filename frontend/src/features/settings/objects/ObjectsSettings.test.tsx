import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ObjectDef, ObjectInput, PropertyInput } from '../../../api/backend';
import { AppError } from '../../../api/errors';
import { contactNameProperties, contactsObject, objectDef, property } from '../../../test/fixtures';
import { renderWithClient } from '../../../test/render';

// A small in-memory schema that behaves like the Go one where it matters.
const fake = vi.hoisted(() => ({
  objects: vi.fn(),
  createObject: vi.fn(),
  renameObject: vi.fn(),
  deleteObject: vi.fn(),
  addProperty: vi.fn(),
  updateProperty: vi.fn(),
  removeProperty: vi.fn(),
  setDisplayProperty: vi.fn(),
}));
vi.mock('../../../api/backend', async (original) => ({ ...(await original<object>()), backend: fake }));

import { ObjectsSettings } from './ObjectsSettings';

let schema: ObjectDef[];
// served is an object as the Go side answers it, rules included.
const served = (o: ObjectDef): ObjectDef => objectDef(JSON.parse(JSON.stringify(o)));
const find = (id: string) => schema.find((o) => o.id === id)!;
const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '_');

beforeEach(() => {
  schema = [
    contactsObject([...contactNameProperties(), property('jobtitle', 'Job title')]),
    objectDef({
      id: 'companies',
      num: 2,
      singular: 'Company',
      plural: 'Companies',
      builtIn: true,
      displayProperty: 'name',
      properties: [{ name: 'name', label: 'Name', type: 'text', options: null, builtIn: true }],
    }),
  ];
  fake.objects.mockReset().mockImplementation(async () => schema.map(served));
  fake.createObject.mockReset().mockImplementation(async (i: ObjectInput) => {
    if (!i.singular.trim()) throw new AppError('invalid', 'Singular name is required.', 'singular');
    if (schema.some((o) => o.plural === i.plural)) throw new AppError('invalid', `An object called "${i.plural}" already exists.`, 'plural');
    const o = objectDef({
      id: 'c_' + slug(i.plural),
      num: 100,
      singular: i.singular,
      plural: i.plural,
      builtIn: false,
      displayProperty: 'name',
      properties: [{ name: 'name', label: 'Name', type: 'text', options: null, builtIn: false }],
    });
    schema.push(o);
    return served(o);
  });
  fake.renameObject.mockReset().mockImplementation(async (id: string, i: ObjectInput) => {
    Object.assign(find(id), i);
    return served(find(id));
  });
  fake.deleteObject.mockReset().mockImplementation(async () => {
    throw new AppError('invalid', 'Projects still has 1 records (including its recycle bin). Delete them permanently first.', 'object');
  });
  fake.addProperty.mockReset().mockImplementation(async (id: string, i: PropertyInput) => {
    if (i.type === 'dropdown' && !i.options.some((o) => o.label.trim())) throw new AppError('invalid', 'A dropdown needs at least one option.', 'options');
    find(id).properties.push({
      name: slug(i.label),
      label: i.label,
      type: i.type,
      options: i.options.filter((o) => o.label).map((o) => ({ value: o.value || slug(o.label), label: o.label })),
      builtIn: false,
    });
    return served(find(id));
  });
  fake.updateProperty.mockReset().mockImplementation(async (id: string, name: string, i: PropertyInput) => {
    const p = find(id).properties.find((p) => p.name === name)!;
    p.label = i.label;
    if (i.type === 'dropdown') p.options = i.options.map((o) => ({ value: o.value || slug(o.label), label: o.label }));
    return served(find(id));
  });
  fake.removeProperty.mockReset().mockImplementation(async (id: string, name: string) => {
    if (['firstname', 'lastname', 'email', 'name'].includes(name))
      throw new AppError('invalid', 'Email is used as the record name and cannot be removed.', 'property');
    find(id).properties = find(id).properties.filter((p) => p.name !== name);
    return served(find(id));
  });
});

function renderPage() {
  return renderWithClient(<ObjectsSettings />).client;
}

const propertyRow = (label: string) => screen.getByRole('rowheader', { name: new RegExp(`^${label}`) }).closest('tr')!;

describe('ObjectsSettings', () => {
  it('lists objects with badges and the name properties of contacts', async () => {
    renderPage();
    expect(await screen.findByRole('button', { name: /Contacts Built-in/ })).toHaveAttribute('aria-pressed', 'true');
    expect(screen.getByRole('heading', { name: 'Contacts' })).toBeInTheDocument();
    for (const label of ['First name', 'Last name', 'Email']) expect(within(propertyRow(label)).getByText('name')).toBeInTheDocument();
    expect(within(propertyRow('Job title')).queryByText('name')).toBeNull();
    expect(within(propertyRow('Email')).getByText('Email', { selector: 'td' })).toBeInTheDocument();
    // Built-in objects keep their names.
    expect(screen.queryByRole('button', { name: 'Rename' })).toBeNull();
  });

  it('creates a custom object, shows field errors next to the field, and refreshes the objects', async () => {
    const user = userEvent.setup();
    const client = renderPage();
    const invalidate = vi.spyOn(client, 'invalidateQueries');
    await user.click(await screen.findByRole('button', { name: 'Create object' }));
    const dialog = screen.getByRole('dialog', { name: 'Create object' });
    await user.click(within(dialog).getByRole('button', { name: 'Create object' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('Singular name is required.');
    expect(within(dialog).getByLabelText('Singular name')).toHaveAttribute('aria-invalid', 'true');

    await user.type(within(dialog).getByLabelText('Singular name'), 'Company');
    await user.type(within(dialog).getByLabelText('Plural name'), 'Companies{Enter}');
    expect(await within(dialog).findByText('An object called "Companies" already exists.')).toBeInTheDocument();
    expect(within(dialog).getByLabelText('Plural name')).toHaveAttribute('aria-invalid', 'true');

    await user.clear(within(dialog).getByLabelText('Singular name'));
    await user.type(within(dialog).getByLabelText('Singular name'), 'Project');
    await user.clear(within(dialog).getByLabelText('Plural name'));
    await user.type(within(dialog).getByLabelText('Plural name'), 'Projects{Enter}');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(await screen.findByRole('button', { name: /Projects Custom/ })).toHaveAttribute('aria-pressed', 'true');
    expect(screen.getByRole('heading', { name: 'Projects' })).toBeInTheDocument();
    expect(invalidate).toHaveBeenCalledWith({ queryKey: ['objects'] });
    expect(fake.createObject).toHaveBeenLastCalledWith({ singular: 'Project', plural: 'Projects' });
  });

  it('adds, edits and removes properties of a custom object; shows refusals', async () => {
    const user = userEvent.setup();
    schema.push(
      objectDef({
        id: 'c_projects',
        num: 100,
        singular: 'Project',
        plural: 'Projects',
        builtIn: false,
        displayProperty: 'name',
        properties: [{ name: 'name', label: 'Name', type: 'text', options: null, builtIn: false }],
      }),
    );
    renderPage();
    await user.click(await screen.findByRole('button', { name: /Projects Custom/ }));

    // A dropdown with options, one of them removed again.
    await user.click(screen.getByRole('button', { name: 'Add property' }));
    let dialog = screen.getByRole('dialog', { name: 'Add property to Projects' });
    await user.type(within(dialog).getByLabelText('Property name'), 'Phase');
    await user.selectOptions(within(dialog).getByLabelText('Type'), 'Dropdown');
    await user.click(within(dialog).getByRole('button', { name: 'Add property' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('A dropdown needs at least one option.');
    await user.type(within(dialog).getByLabelText('Option 1'), 'Plan');
    await user.click(within(dialog).getByRole('button', { name: 'Add option' }));
    await waitFor(() => expect(within(dialog).getByLabelText('Option 2')).toHaveFocus());
    await user.keyboard('Oops');
    await user.click(within(dialog).getByRole('button', { name: 'Add option' }));
    await user.type(within(dialog).getByLabelText('Option 3'), 'Build');
    await user.click(within(dialog).getByRole('button', { name: 'Remove option Oops' }));
    await user.click(within(dialog).getByRole('button', { name: 'Add property' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(fake.addProperty).toHaveBeenLastCalledWith('c_projects', {
      label: 'Phase',
      type: 'dropdown',
      options: [
        { value: '', label: 'Plan' },
        { value: '', label: 'Build' },
      ],
    });
    expect(await screen.findByText(/Plan, Build/)).toBeInTheDocument();

    // Rename it and add an option: the type is fixed, existing values kept.
    await user.click(screen.getByRole('button', { name: 'Edit property Phase' }));
    dialog = screen.getByRole('dialog', { name: 'Edit property Phase' });
    expect(within(dialog).getByLabelText('Type')).toHaveValue('Dropdown');
    expect(within(dialog).getByLabelText('Type')).toHaveAttribute('readonly');
    await user.clear(within(dialog).getByLabelText('Property name'));
    await user.type(within(dialog).getByLabelText('Property name'), 'Stage');
    await user.click(within(dialog).getByRole('button', { name: 'Add option' }));
    await user.type(within(dialog).getByLabelText('Option 3'), 'Ship');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(fake.updateProperty).toHaveBeenLastCalledWith('c_projects', 'phase', {
      label: 'Stage',
      type: 'dropdown',
      options: [
        { value: 'plan', label: 'Plan' },
        { value: 'build', label: 'Build' },
        { value: '', label: 'Ship' },
      ],
    });
    expect(await screen.findByRole('rowheader', { name: 'Stage' })).toBeInTheDocument();

    // Remove it, after confirming.
    await user.click(screen.getByRole('button', { name: 'Remove property Stage' }));
    const confirm = screen.getByRole('alertdialog', { name: 'Remove Stage?' });
    await user.click(within(confirm).getByRole('button', { name: 'Remove property' }));
    await waitFor(() => expect(screen.queryByRole('rowheader', { name: 'Stage' })).toBeNull());
    expect(fake.removeProperty).toHaveBeenLastCalledWith('c_projects', 'phase');

    // The name property is refused by the backend: its message is shown.
    await user.click(screen.getByRole('button', { name: 'Remove property Name' }));
    await user.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Remove property' }));
    expect(await within(screen.getByRole('alertdialog')).findByRole('alert')).toHaveTextContent('cannot be removed');
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull());

    // Rename the object; deleting it is refused while it has records.
    await user.click(screen.getByRole('button', { name: 'Rename' }));
    dialog = screen.getByRole('dialog', { name: 'Rename Projects' });
    await user.clear(within(dialog).getByLabelText('Plural name'));
    await user.type(within(dialog).getByLabelText('Plural name'), 'Programmes{Enter}');
    expect(await screen.findByRole('heading', { name: 'Programmes' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Delete' }));
    await user.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Delete object' }));
    expect(await within(screen.getByRole('alertdialog')).findByRole('alert')).toHaveTextContent('still has 1 records');
    expect(fake.deleteObject).toHaveBeenCalledWith('c_projects');
  });

  it("names a custom object's records by another property, and shows a refusal", async () => {
    const user = userEvent.setup();
    schema.push(
      objectDef({
        id: 'c_visits',
        num: 102,
        singular: 'Site visit',
        plural: 'Site visits',
        builtIn: false,
        displayProperty: 'name',
        properties: [
          { name: 'name', label: 'Name', type: 'text', options: null, builtIn: false },
          { name: 'location', label: 'Location', type: 'text', options: null, builtIn: false },
          { name: 'hours', label: 'Hours', type: 'number', options: null, builtIn: false },
        ],
      }),
    );
    fake.setDisplayProperty
      .mockReset()
      .mockRejectedValueOnce(new AppError('invalid', '1 site visit (counting the recycle bin) has no Location, and a record needs a name.', 'property'))
      .mockImplementation(async (id: string, name: string) => {
        find(id).displayProperty = name;
        return served(find(id));
      });
    const client = renderPage();
    const invalidate = vi.spyOn(client, 'invalidateQueries');
    await user.click(await screen.findByRole('button', { name: /Site visits Custom/ }));
    expect(within(propertyRow('Name')).queryByRole('button', { name: 'Use Name as the name' })).toBeNull();
    expect(within(propertyRow('Hours')).queryByRole('button', { name: /as the name/ })).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Use Location as the name' }));
    const confirm = screen.getByRole('alertdialog', { name: 'Name site visits by Location?' });
    await user.click(within(confirm).getByRole('button', { name: 'Use Location as the name' }));
    expect(await within(confirm).findByRole('alert')).toHaveTextContent('has no Location');
    await user.click(within(confirm).getByRole('button', { name: 'Use Location as the name' }));
    await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull());
    expect(fake.setDisplayProperty).toHaveBeenLastCalledWith('c_visits', 'location');
    await waitFor(() => expect(within(propertyRow('Location')).getByText('name')).toBeInTheDocument());
    expect(within(propertyRow('Name')).queryByText('name', { selector: '.badge' })).toBeNull();
    expect(invalidate).toHaveBeenCalledWith(); // names change on every page
  });

  it('deletes an empty custom object and falls back to the first object', async () => {
    const user = userEvent.setup();
    schema.push(objectDef({ id: 'c_trips', num: 101, singular: 'Trip', plural: 'Trips', builtIn: false, displayProperty: 'name', properties: [] }));
    fake.deleteObject.mockImplementation(async (id: string) => {
      schema = schema.filter((o) => o.id !== id);
    });
    renderPage();
    await user.click(await screen.findByRole('button', { name: /Trips Custom/ }));
    await user.click(screen.getByRole('button', { name: 'Delete' }));
    expect(screen.getByRole('alertdialog', { name: 'Delete Trips?' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Delete object' }));
    await waitFor(() => expect(screen.queryByRole('button', { name: /Trips/ })).toBeNull());
    expect(screen.getByRole('heading', { name: 'Contacts' })).toBeInTheDocument();
  });
});
