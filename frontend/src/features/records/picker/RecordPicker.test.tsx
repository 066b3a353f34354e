import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ListPage, ListQuery, ObjectDef, RecordData } from '../../../api/backend';
import { companiesObject, contactNameProperties, contactsObject, property } from '../../../test/fixtures';
import { renderWithClient } from '../../../test/render';

const fake = vi.hoisted(() => ({ listRecords: vi.fn<(q: ListQuery) => Promise<ListPage>>() }));
vi.mock('../../../api/backend', async (original) => ({ ...(await original<object>()), backend: fake }));

import { recordDetail } from './recordDetail';
import { RecordPicker } from './RecordPicker';

const contacts = contactsObject([...contactNameProperties(), property('phone', 'Phone', 'phone')]);
const companies = companiesObject([property('name', 'Company name'), property('domain', 'Domain', 'url'), property('city', 'City')]);
const deals: ObjectDef = {
  ...companies,
  id: 'deals',
  singular: 'Deal',
  plural: 'Deals',
  properties: [property('name', 'Deal name'), property('amount', 'Amount', 'number')],
};

function rec(object: string, id: string, displayName: string, props: RecordData['props']): RecordData {
  const actor = { id: 'u', name: 'U' };
  return { id, object, displayName, props, createdAt: '', updatedAt: '', createdBy: actor, updatedBy: actor };
}

const all = [
  rec('companies', 'k1', 'Acme', { name: 'Acme', domain: 'acme.example' }),
  rec('companies', 'k2', 'Beta', { name: 'Beta', domain: 'beta.example' }),
  rec('companies', 'k3', 'Gamma', { name: 'Gamma', city: 'Oslo' }),
  rec('companies', 'k4', 'Delta', { name: 'Delta' }),
];

beforeEach(() => {
  vi.clearAllMocks();
  fake.listRecords.mockImplementation(async (q) => {
    const records = all.filter((r) => r.displayName.toLowerCase().startsWith(q.search.toLowerCase())).slice(0, q.limit);
    return { total: records.length, offset: 0, records };
  });
});

// Several: a picker that ticks, as the add panel uses it.
function Several({ onChoose }: { onChoose: (r: RecordData) => void }) {
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  return (
    <RecordPicker
      object={companies}
      label="Companies to associate"
      multiple
      selected={chosen}
      hidden={new Set(['k4'])}
      already={new Set(['k2'])}
      onChoose={(r) => {
        onChoose(r);
        setChosen((s) => {
          const next = new Set(s);
          if (!next.delete(r.id)) next.add(r.id);
          return next;
        });
      }}
    />
  );
}

describe('RecordPicker', () => {
  it('lists matches by name with a detail, leaving hidden ones out and marking those already chosen', async () => {
    renderWithClient(<Several onChoose={vi.fn()} />);
    const search = screen.getByRole('combobox', { name: 'Search companies' });
    expect(search).toHaveFocus();
    const options = await screen.findAllByRole('option');
    expect(options.map((o) => o.textContent)).toEqual(['Acmeacme.example', 'Betabeta.exampleAlready associated', 'GammaCity: Oslo']);
    expect(options[1]).toHaveAttribute('aria-disabled', 'true');
    expect(options[1]).toHaveAttribute('aria-selected', 'true');
    expect(options[0]).toHaveAttribute('title', 'Record ID k1');
    expect(fake.listRecords).toHaveBeenCalledWith(expect.objectContaining({ object: 'companies', search: '', sort: '_name' }));
    expect(screen.getByRole('listbox', { name: 'Companies to associate' })).toHaveAttribute('aria-multiselectable', 'true');
  });

  it('moves with the arrows and ticks with Enter, never one already chosen', async () => {
    const user = userEvent.setup();
    const onChoose = vi.fn();
    renderWithClient(<Several onChoose={onChoose} />);
    const search = screen.getByRole('combobox', { name: 'Search companies' });
    await screen.findAllByRole('option');
    expect(search).toHaveAttribute('aria-activedescendant', screen.getByRole('option', { name: /Acme/ }).id);
    await user.keyboard('{Enter}{ArrowDown}{Enter}{ArrowDown}{ArrowDown}{Enter}');
    expect(onChoose.mock.calls.map(([r]) => r.id)).toEqual(['k1', 'k3']);
    expect(screen.getByText(/2 selected\./)).toBeInTheDocument();
    expect(search).toHaveAttribute('aria-activedescendant', screen.getByRole('option', { name: /Gamma/ }).id); // stops at the last
    await user.keyboard('{ArrowUp}{ArrowUp}{ArrowUp}{Enter}');
    expect(onChoose.mock.calls.map(([r]) => r.id)).toEqual(['k1', 'k3', 'k1']);
    expect(screen.getByRole('option', { name: /Acme/ })).toHaveAttribute('aria-selected', 'false');
  });

  it('searches after typing pauses, and Enter waits for the results of what was typed', async () => {
    const user = userEvent.setup();
    const onChoose = vi.fn();
    renderWithClient(<Several onChoose={onChoose} />);
    await screen.findAllByRole('option');
    await user.keyboard('gam{Enter}');
    // The earlier list is still shown (busy) while "gam" is searched.
    expect(onChoose).not.toHaveBeenCalled();
    await waitFor(() => expect(screen.getByRole('listbox')).toHaveAttribute('aria-busy', 'false'));
    expect(screen.getAllByRole('option').map((o) => o.querySelector('.picker-name')?.textContent)).toEqual(['Gamma']);
    expect(fake.listRecords).toHaveBeenCalledTimes(2); // '' then 'gam', not g, ga, gam
    await user.keyboard('{Enter}');
    expect(onChoose).toHaveBeenCalledWith(all[2]);
    await user.keyboard('zz');
    expect(await screen.findByText('No companies match “gamzz”.')).toBeInTheDocument();
  });

  it('chooses a clicked record and keeps the focus in the search box', async () => {
    const user = userEvent.setup();
    const onChoose = vi.fn();
    renderWithClient(<RecordPicker object={companies} label="Companies to merge" onChoose={onChoose} showIds />);
    await user.click(await screen.findByRole('option', { name: /Gamma/ }));
    expect(onChoose).toHaveBeenCalledWith(all[2]);
    expect(screen.getByRole('combobox', { name: 'Search companies' })).toHaveFocus();
    // Without a selection there are no ticks; the IDs show.
    expect(document.querySelector('.picker-check')).toBeNull();
    expect(screen.getByRole('option', { name: /Gamma/ })).toHaveTextContent('k3');
  });

  it('says a search failure in words', async () => {
    fake.listRecords.mockRejectedValue(new Error('The data folder is in use.'));
    renderWithClient(<RecordPicker object={companies} label="Companies" onChoose={vi.fn()} />);
    expect(await screen.findByRole('alert')).toHaveTextContent('The data folder is in use.');
  });
});

describe('recordDetail', () => {
  it('tells records of the same name apart', () => {
    const amir = { firstname: 'Amir', lastname: 'Andersen' };
    expect(recordDetail(contacts, rec('contacts', 'c1', 'Amir Andersen', { ...amir, email: 'a@x.example' }))).toBe('a@x.example');
    expect(recordDetail(contacts, rec('contacts', 'c2', 'Amir Andersen', { ...amir, phone: '+1 555' }))).toBe('Phone: +1 555');
    // A contact named by its email shows no second copy of it.
    expect(recordDetail(contacts, rec('contacts', 'c3', 'a@x.example', { email: 'a@x.example' }))).toBe('');
    expect(recordDetail(companies, rec('companies', 'k1', 'Acme', { name: 'Acme', domain: 'acme.example' }))).toBe('acme.example');
    expect(recordDetail(deals, rec('deals', 'd1', 'Big', { name: 'Big', amount: 1200 }))).toBe(`Amount: ${(1200).toLocaleString()}`);
  });
});
