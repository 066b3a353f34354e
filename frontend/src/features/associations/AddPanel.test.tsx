import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { LabelKind, type LabelOption, type LabelRef, type ListQuery, type PropValue, type RecordData } from '../../api/backend';
import { companiesObject, contactNameProperties, contactsObject, property } from '../../test/fixtures';
import { renderWithClient } from '../../test/render';

// The add panel on its own against a fake backend (the cards around it are
// in AssociationCards.test.tsx).
const fake = vi.hoisted(() => ({
  associationPage: vi.fn(),
  labelOptions: vi.fn(),
  listRecords: vi.fn(),
  associate: vi.fn(),
  createAssociated:
    vi.fn<(record: string, object: string, props: Record<string, PropValue>, labels: LabelRef[], primary: boolean) => Promise<RecordData>>(),
}));
vi.mock('../../api/backend', async (original) => ({ ...(await original<object>()), backend: fake }));

import { AddPanel } from './AddPanel';

const contacts = contactsObject(contactNameProperties());
const companies = companiesObject([property('name', 'Company name'), property('domain', 'Domain', 'url')]);

const rec = (id: string, object: string, displayName: string, props: RecordData['props'] = {}): RecordData => ({
  id,
  object,
  displayName,
  props,
  createdAt: '2025-01-01T00:00:00Z',
  updatedAt: '2025-01-01T00:00:00Z',
  createdBy: { id: 'u', name: 'U' },
  updatedBy: { id: 'u', name: 'U' },
});
const ann = rec('c1', 'contacts', 'Ann Lee');
const options: LabelOption[] = [
  { id: 1, inverse: false, name: 'Primary', kind: LabelKind.Primary, builtIn: true },
  { id: 7, inverse: false, name: 'Supplier', kind: LabelKind.Single, builtIn: false },
  { id: 8, inverse: true, name: 'Reseller', kind: LabelKind.Paired, builtIn: false },
];

beforeEach(() => {
  vi.clearAllMocks();
  fake.associationPage.mockResolvedValue({ object: 'companies', total: 0, items: [] });
  fake.labelOptions.mockResolvedValue(options);
  fake.listRecords.mockImplementation(async (q: ListQuery) => {
    const all = [
      rec('k1', 'companies', 'Acme', { name: 'Acme', domain: 'acme.example' }),
      rec('k2', 'companies', 'Acme', { name: 'Acme', domain: 'acme.test' }),
    ];
    return { total: all.length, offset: 0, records: all.filter((r) => r.displayName.toLowerCase().includes(q.search.toLowerCase())) };
  });
  fake.createAssociated.mockImplementation(async (_r, object, props) => rec('k9', object, String(props.name)));
});

function renderPanel() {
  const onClose = vi.fn();
  renderWithClient(<AddPanel object={contacts} record={ann} other={companies} linked={{ object: 'companies', total: 0, items: [] }} onClose={onClose} />);
  return { onClose, panel: screen.getByRole('dialog', { name: 'Add companies' }) };
}

describe('AddPanel', () => {
  it('creates a record with the labels chosen, in one call', async () => {
    const user = userEvent.setup();
    const { panel, onClose } = renderPanel();
    await user.click(within(panel).getByRole('tab', { name: 'Create new' }));
    await user.type(within(panel).getByLabelText('Company name'), 'Newco');
    // The built-in primary label is the checkbox above, not a label choice.
    expect(await within(panel).findByRole('checkbox', { name: 'Supplier' })).not.toBeChecked();
    expect(within(panel).queryByRole('checkbox', { name: 'Primary' })).toBeNull();
    await user.click(within(panel).getByRole('checkbox', { name: 'Supplier' }));
    await user.click(within(panel).getByRole('checkbox', { name: 'Reseller' }));
    await user.click(within(panel).getByRole('checkbox', { name: "Set as Ann Lee's primary company" }));
    await user.click(within(panel).getByRole('button', { name: 'Create' }));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    // A contact without companies gets its first as primary: the click above unticked it.
    expect(fake.createAssociated).toHaveBeenCalledWith(
      'c1',
      'companies',
      { name: 'Newco' },
      [
        { id: 7, inverse: false },
        { id: 8, inverse: true },
      ],
      false,
    );
  });

  it('puts the cursor in the search box when switched to Add existing', async () => {
    const user = userEvent.setup();
    const { panel } = renderPanel();
    expect(await within(panel).findByRole('combobox', { name: 'Search companies' })).toHaveFocus();
    await user.click(within(panel).getByRole('tab', { name: 'Create new' }));
    expect(within(panel).queryByRole('combobox', { name: 'Search companies' })).toBeNull();
    await user.click(within(panel).getByRole('tab', { name: 'Add existing' }));
    const search = within(panel).getByRole('combobox', { name: 'Search companies' });
    expect(search).toHaveFocus();
    // Typing goes straight into it.
    await user.keyboard('acme');
    expect(search).toHaveValue('acme');
  });

  it('tells namesakes apart by a detail line', async () => {
    const { panel } = renderPanel();
    const found = await within(panel).findAllByRole('option', { name: /Acme/ });
    expect(found.map((o) => o.textContent)).toEqual(['Acmeacme.example', 'Acmeacme.test']);
  });
});
