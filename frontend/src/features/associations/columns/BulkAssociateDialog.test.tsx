import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ListQuery, RecordData } from '../../../api/backend';
import { companiesObject, contactNameProperties, contactsObject, property } from '../../../test/fixtures';
import { renderWithClient } from '../../../test/render';

const fake = vi.hoisted(() => ({ listRecords: vi.fn(), labelOptions: vi.fn(), bulkAssociate: vi.fn() }));
vi.mock('../../../api/backend', async (original) => ({ ...(await original<object>()), backend: fake }));

import { BulkAssociateDialog } from './BulkAssociateDialog';

const contacts = contactsObject([...contactNameProperties(), property('phone', 'Phone', 'phone')]);
const companies = companiesObject([property('name', 'Company name'), property('domain', 'Domain', 'url'), property('city', 'City')]);

function rec(object: string, id: string, displayName: string, props: RecordData['props']): RecordData {
  const actor = { id: 'u', name: 'U' };
  return { id, object, displayName, props, createdAt: '', updatedAt: '', createdBy: actor, updatedBy: actor };
}

beforeEach(() => {
  vi.clearAllMocks();
  fake.labelOptions.mockResolvedValue([]);
  fake.listRecords.mockImplementation(async (q: ListQuery) => ({
    total: 2,
    offset: 0,
    records:
      q.object === 'contacts'
        ? [
            rec('contacts', 'c1', 'Amir Andersen', { firstname: 'Amir', lastname: 'Andersen', email: 'amir1@example.com' }),
            rec('contacts', 'c2', 'Amir Andersen', { firstname: 'Amir', lastname: 'Andersen', phone: '+1 555 0100' }),
          ]
        : [rec('companies', 'k1', 'Acme', { name: 'Acme', domain: 'acme.example' })],
  }));
});

describe('BulkAssociateDialog', () => {
  it('shows a detail and the record ID per candidate, and a hint naming the chosen object', async () => {
    const user = userEvent.setup();
    renderWithClient(<BulkAssociateDialog object={contacts} others={[contacts, companies]} ids={['x1', 'x2']} onClose={vi.fn()} onDone={vi.fn()} />);
    const dialog = await screen.findByRole('dialog', { name: 'Associate 2 contacts' });
    const first = await within(dialog).findByRole('option', { name: /amir1@example\.com/ });
    expect(first).toHaveAttribute('title', 'Record ID c1');
    expect(within(dialog).getByRole('option', { name: /Phone: \+1 555 0100/ })).toHaveAttribute('title', 'Record ID c2');

    await user.click(within(dialog).getByRole('button', { name: /^Associate/ }));
    expect(within(dialog).getByRole('alert')).toHaveTextContent('Choose the contact to associate them with.');
    await user.selectOptions(within(dialog).getByRole('combobox', { name: 'With a record of' }), 'companies');
    expect(within(dialog).getByRole('alert')).toHaveTextContent('Choose the company to associate them with.');
    const acme = await within(dialog).findByRole('option', { name: /Acme/ });
    expect(acme).toHaveAttribute('aria-selected', 'false');
    await user.click(acme);
    expect(acme).toHaveAttribute('aria-selected', 'true');
    expect(within(dialog).queryByRole('alert')).toBeNull();
    expect(within(dialog).getByRole('button', { name: 'Associate with Acme' })).toBeInTheDocument();
    expect(fake.bulkAssociate).not.toHaveBeenCalled();
  });

  it('picks with the keyboard and associates them with the label chosen', async () => {
    const user = userEvent.setup();
    fake.labelOptions.mockResolvedValue([{ id: 4, inverse: true, name: 'Reseller', kind: 'paired', builtIn: false }]);
    fake.bulkAssociate.mockResolvedValue({ associated: 2, already: 0, refused: 0, reasons: [] });
    const onDone = vi.fn();
    renderWithClient(<BulkAssociateDialog object={contacts} others={[companies]} ids={['x1', 'x2']} onClose={vi.fn()} onDone={onDone} />);
    const dialog = await screen.findByRole('dialog', { name: 'Associate 2 contacts' });
    const search = within(dialog).getByRole('combobox', { name: 'Search companies' });
    expect(search).toHaveFocus();
    await within(dialog).findByRole('option', { name: /Acme/ });
    await user.keyboard('{Enter}'); // picks, does not submit
    expect(fake.bulkAssociate).not.toHaveBeenCalled();
    await user.selectOptions(within(dialog).getByRole('combobox', { name: 'Label (optional)' }), 'Reseller');
    await user.click(within(dialog).getByRole('button', { name: 'Associate with Acme' }));
    expect(await within(dialog).findByText('Done.')).toBeInTheDocument();
    expect(fake.bulkAssociate).toHaveBeenCalledWith({
      record: 'k1',
      targets: ['x1', 'x2'],
      labels: [{ id: 4, inverse: true }],
      primary: '',
      newPrimary: {},
    });
    expect(onDone).toHaveBeenCalled();
  });
});
