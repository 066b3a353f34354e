import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ListPage, ListQuery, PropValue, RecordData } from '../../../api/backend';
import { AppError } from '../../../api/errors';
import { companiesObject, property } from '../../../test/fixtures';
import { renderWithClient } from '../../../test/render';
import { defaultChoices, mergeProps } from './choices';

// The merge dialog against a fake backend; the real merge is covered in
// backend/records and end to end in e2e/tests/history-merge.test.mjs.
const fake = vi.hoisted(() => ({
  listRecords: vi.fn<(q: ListQuery) => Promise<ListPage>>(),
  mergeRecords: vi.fn<(keep: string, other: string, props: Record<string, PropValue>) => Promise<RecordData>>(),
}));
vi.mock('../../../api/backend', async (original) => ({ ...(await original<object>()), backend: fake }));

import { MergeDialog } from './MergeDialog';

const companies = companiesObject([
  property('name', 'Company name'),
  property('domain', 'Domain'),
  property('phone', 'Phone'),
  property('city', 'City'),
  property('size', 'Size', 'number'),
]);

const company = (id: string, name: string, props: Record<string, PropValue>): RecordData => ({
  id,
  object: 'companies',
  displayName: name,
  props: { name, ...props },
  createdAt: '2025-01-01T00:00:00Z',
  updatedAt: '2025-01-01T00:00:00Z',
  createdBy: { id: 'u', name: 'U' },
  updatedBy: { id: 'u', name: 'U' },
});

const acme = company('k1', 'Acme', { domain: 'acme.com', phone: '', city: 'Oslo', size: 10 });
const beta = company('k2', 'Beta', { domain: 'beta.com', phone: '555-0100', city: 'Oslo', size: null });
const gamma = company('k3', 'Gamma', {});

function renderDialog() {
  const navigate = vi.fn();
  const onClose = vi.fn();
  const { client } = renderWithClient(<MergeDialog object={companies} record={acme} navigate={navigate} onClose={onClose} />);
  const invalidate = vi.spyOn(client, 'invalidateQueries');
  return { navigate, onClose, invalidate };
}

beforeEach(() => {
  vi.clearAllMocks();
  fake.listRecords.mockImplementation(async (q) => {
    const all = [acme, beta, gamma].filter((r) => r.displayName.toLowerCase().includes(q.search.toLowerCase()));
    return { total: all.length, offset: 0, records: all };
  });
  fake.mergeRecords.mockImplementation(async (keep) => ({ ...acme, id: keep }));
});

async function pickBeta(user: ReturnType<typeof userEvent.setup>) {
  const search = await screen.findByRole('combobox', { name: 'Search companies' });
  expect(search).toHaveFocus();
  await user.type(search, 'bet');
  await waitFor(() => expect(screen.getByRole('listbox')).toHaveAttribute('aria-busy', 'false'));
  await screen.findByRole('option', { name: /Beta/ });
  await user.keyboard('{Enter}');
  await screen.findByRole('dialog', { name: 'Choose the values to keep' });
}

describe('MergeDialog', () => {
  it('searches the other records of the object, leaving this one out', async () => {
    renderDialog();
    expect(screen.getByRole('dialog', { name: 'Merge Acme with another company' })).toBeInTheDocument();
    await screen.findByRole('option', { name: /Beta/ });
    const names = screen.getAllByRole('option').map((o) => o.querySelector('.picker-name')?.textContent);
    expect(names).toEqual(['Beta', 'Gamma']);
    expect(fake.listRecords).toHaveBeenCalledWith(expect.objectContaining({ object: 'companies', search: '' }));
  });

  it('compares side by side, defaulting to this record’s values unless empty, then merges what was chosen', async () => {
    const user = userEvent.setup();
    const { navigate, onClose, invalidate } = renderDialog();
    await pickBeta(user);

    // Same values are not a choice; differing ones are, with this record's
    // value chosen unless it is empty.
    expect(screen.queryByRole('radio', { name: /^City/ })).toBeNull();
    expect(screen.getByText('Same in both')).toBeInTheDocument();
    expect(screen.getByRole('radio', { name: 'Domain from Acme: acme.com' })).toBeChecked();
    expect(screen.getByRole('radio', { name: 'Phone from Beta: 555-0100' })).toBeChecked();
    expect(screen.getByRole('radio', { name: 'Size from Acme: 10' })).toBeChecked();
    expect(screen.getByRole('radio', { name: 'Company name from Acme: Acme' })).toHaveFocus(); // the first choice
    await user.click(screen.getByRole('radio', { name: 'Domain from Beta: beta.com' }));
    await user.click(screen.getByRole('radio', { name: 'Size from Beta: empty' }));

    await user.click(screen.getByRole('button', { name: 'Merge' }));
    const confirm = await screen.findByRole('dialog', { name: 'Merge Beta into Acme?' });
    expect(confirm).toHaveTextContent('Beta is merged into Acme: its associations move to Acme and its ID will open Acme. This cannot be undone.');
    expect(confirm).toHaveTextContent('Acme takes these values from Beta: Domain, Phone, Size.');
    expect(fake.mergeRecords).not.toHaveBeenCalled();
    await user.click(within(confirm).getByRole('button', { name: 'Merge' }));

    await waitFor(() => expect(navigate).toHaveBeenCalledWith({ page: 'record', object: 'companies', id: 'k1' }));
    expect(fake.mergeRecords).toHaveBeenCalledWith('k1', 'k2', { domain: 'beta.com', phone: '555-0100', size: null });
    expect(onClose).toHaveBeenCalled();
    expect(invalidate).toHaveBeenCalledWith({ queryKey: ['records'] });
    expect(invalidate).toHaveBeenCalledWith({ queryKey: ['associations'] });
  });

  it('keeps the dialog open with the refusal in words', async () => {
    const user = userEvent.setup();
    fake.mergeRecords.mockRejectedValue(new AppError('invalid', 'Records in the recycle bin cannot be merged. Restore them first.', 'other'));
    const { navigate } = renderDialog();
    await pickBeta(user);
    await user.click(screen.getByRole('button', { name: 'Merge' }));
    await user.click(within(await screen.findByRole('dialog', { name: 'Merge Beta into Acme?' })).getByRole('button', { name: 'Merge' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Records in the recycle bin cannot be merged. Restore them first.');
    expect(screen.queryByText(/invalid/)).toBeNull();
    expect(navigate).not.toHaveBeenCalled();
    // Back to the comparison, with the choices kept.
    await user.click(screen.getByRole('button', { name: 'Back' }));
    expect(await screen.findByRole('dialog', { name: 'Choose the values to keep' })).toBeInTheDocument();
    expect(screen.getByRole('radio', { name: 'Phone from Beta: 555-0100' })).toBeChecked();
  });

  it('says when no record matches, and Escape closes', async () => {
    const user = userEvent.setup();
    const { onClose } = renderDialog();
    await user.type(await screen.findByRole('combobox', { name: 'Search companies' }), 'zzz');
    expect(await screen.findByText('No other companies match “zzz”.')).toBeInTheDocument();
    await user.keyboard('{Escape}');
    expect(onClose).toHaveBeenCalled();
  });
});

describe('merge choices', () => {
  it('sends only chosen values that differ from the kept record', () => {
    const choices = defaultChoices(companies, acme, beta);
    expect(choices).toEqual({ name: 'keep', domain: 'keep', phone: 'other', city: 'keep', size: 'keep' });
    expect(mergeProps(companies, acme, beta, choices)).toEqual({ phone: '555-0100' });
    expect(mergeProps(companies, acme, beta, { ...choices, city: 'other', size: 'other' })).toEqual({ phone: '555-0100', size: null });
  });
});
