import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ListQuery, ObjectDef, RecordData } from '../../../api/backend';
import { companiesObject, contactNameProperties, contactsObject, property } from '../../../test/fixtures';
import { renderWithClient } from '../../../test/render';

const fake = vi.hoisted(() => ({ listRecords: vi.fn(), labelOptions: vi.fn(), bulkAssociate: vi.fn() }));
vi.mock('../../../api/backend', async (original) => ({ ...(await original<object>()), backend: fake }));

import { BulkAssociateDialog, recordDetail } from './BulkAssociateDialog';

const contacts = contactsObject([...contactNameProperties(), property('phone', 'Phone', 'phone')]);
const companies = companiesObject([property('name', 'Company name'), property('domain', 'Domain', 'url'), property('city', 'City')]);
const deals: ObjectDef = { ...companies, id: 'deals', singular: 'Deal', plural: 'Deals', properties: [property('name', 'Deal name'), property('amount', 'Amount', 'number')] };

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
  it('tells records of the same name apart', () => {
    const amir = { firstname: 'Amir', lastname: 'Andersen' };
    expect(recordDetail(contacts, rec('contacts', 'c1', 'Amir Andersen', { ...amir, email: 'a@x.example' }))).toBe('a@x.example');
    expect(recordDetail(contacts, rec('contacts', 'c2', 'Amir Andersen', { ...amir, phone: '+1 555' }))).toBe('Phone: +1 555');
    // A contact named by its email shows no second copy of it.
    expect(recordDetail(contacts, rec('contacts', 'c3', 'a@x.example', { email: 'a@x.example' }))).toBe('');
    expect(recordDetail(companies, rec('companies', 'k1', 'Acme', { name: 'Acme', domain: 'acme.example' }))).toBe('acme.example');
    expect(recordDetail(deals, rec('deals', 'd1', 'Big', { name: 'Big', amount: 1200 }))).toBe(`Amount: ${(1200).toLocaleString()}`);
  });

  it('shows a detail and the record ID per candidate, and a hint naming the chosen object', async () => {
    const user = userEvent.setup();
    renderWithClient(<BulkAssociateDialog object={contacts} others={[contacts, companies]} ids={['x1', 'x2']} onClose={vi.fn()} onDone={vi.fn()} />);
    const dialog = await screen.findByRole('dialog', { name: 'Associate 2 contacts' });
    const first = await within(dialog).findByRole('radio', { name: /amir1@example\.com/ });
    expect(first.closest('label')).toHaveAttribute('title', 'Record ID c1');
    expect(within(dialog).getByRole('radio', { name: /Phone: \+1 555 0100/ }).closest('label')).toHaveAttribute('title', 'Record ID c2');

    await user.click(within(dialog).getByRole('button', { name: /^Associate/ }));
    expect(within(dialog).getByRole('alert')).toHaveTextContent('Choose the contact to associate them with.');
    await user.selectOptions(within(dialog).getByRole('combobox', { name: 'With a record of' }), 'companies');
    expect(within(dialog).getByRole('alert')).toHaveTextContent('Choose the company to associate them with.');
    await user.click(await within(dialog).findByRole('radio', { name: /Acme/ }));
    expect(within(dialog).queryByRole('alert')).toBeNull();
    expect(fake.bulkAssociate).not.toHaveBeenCalled();
  });
});
