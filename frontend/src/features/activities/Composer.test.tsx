import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ActivityInput, ListQuery, Suggestion } from '../../api/backend';
import { AppError } from '../../api/errors';
import { renderWithClient } from '../../test/render';
import { activity, allObjects, record } from './testing';

const fake = vi.hoisted(() => ({
  objects: vi.fn(),
  suggestActivityRecords: vi.fn<(record: string) => Promise<Suggestion[]>>(),
  logActivity: vi.fn<(input: ActivityInput) => Promise<unknown>>(),
  listRecords: vi.fn(),
}));
vi.mock('../../api/backend', async (original) => ({ ...(await original<object>()), backend: fake }));

import { Composer } from './Composer';

const objects = allObjects();
const calls = objects.find((o) => o.id === 'calls')!;
const ann = record('c1', 'contacts', 'Ann Lee');

beforeEach(() => {
  vi.clearAllMocks();
  fake.objects.mockResolvedValue(objects);
  fake.suggestActivityRecords.mockResolvedValue([
    { record: 'c1', object: 'contacts', name: 'Ann Lee' },
    { record: 'k1', object: 'companies', name: 'Acme', rule: 'primary' as Suggestion['rule'] },
    { record: 'd1', object: 'deals', name: 'Big deal', rule: 'recent_open' as Suggestion['rule'] },
    { record: 'd2', object: 'deals', name: 'Small deal', rule: 'recent_open' as Suggestion['rule'] },
  ]);
  fake.logActivity.mockImplementation(async (input) => activity('a1', input.object, '2026-12-03T10:00:00Z', input.props));
  fake.listRecords.mockImplementation(async (q: ListQuery) => {
    const all = q.object === 'companies' ? [record('k1', 'companies', 'Acme'), record('k2', 'companies', 'Globex')] : [];
    return { total: all.length, offset: 0, records: all };
  });
});

function renderComposer() {
  const onDone = vi.fn();
  const onCancel = vi.fn();
  renderWithClient(<Composer type={calls} record={ann} onDone={onDone} onCancel={onCancel} />);
  return { onDone, onCancel, form: screen.getByRole('form', { name: 'Log a call' }) };
}

describe('Composer', () => {
  it('pre-ticks the suggested records by object and logs with exactly the ticked ones', async () => {
    const user = userEvent.setup();
    const { form, onDone } = renderComposer();
    expect(within(form).getByLabelText('Title')).toHaveFocus();
    await user.keyboard('Intro call');
    await user.click(await within(form).findByRole('button', { name: /Associated with 4 records/ }));
    const menu = screen.getByRole('dialog', { name: 'Associated records' });
    const deals = within(menu).getByRole('group', { name: /Deals/ });
    expect(
      within(deals)
        .getAllByRole('checkbox')
        .map((c) => (c as HTMLInputElement).checked),
    ).toEqual([true, true]);
    expect(within(menu).getByRole('checkbox', { name: 'Acme' })).toBeChecked();
    await user.click(within(menu).getByRole('checkbox', { name: 'Small deal' }));
    expect(within(menu).getByRole('checkbox', { name: 'Small deal' })).not.toBeChecked();
    // Escape closes the dropdown, not the composer.
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog', { name: 'Associated records' })).toBeNull();
    expect(within(form).getByRole('button', { name: /Associated with 3 records/ })).toBeInTheDocument();
    await user.click(within(form).getByLabelText('Notes'));
    await user.keyboard('{Control>}{Enter}{/Control}');
    await waitFor(() => expect(onDone).toHaveBeenCalled());
    const input = fake.logActivity.mock.calls[0][0];
    expect(input).toMatchObject({ object: 'calls', records: ['c1', 'k1', 'd1'], auto: ['k1', 'd1'] });
    expect(input.props).toMatchObject({ title: 'Intro call', direction: 'outbound' });
    expect(typeof input.props.at).toBe('string');
  });

  it('adds a record found by the search', async () => {
    const user = userEvent.setup();
    const { form } = renderComposer();
    await user.click(await within(form).findByRole('button', { name: /Associated with 4 records/ }));
    const menu = screen.getByRole('dialog', { name: 'Associated records' });
    await user.selectOptions(within(menu).getByLabelText('Add records'), 'Companies');
    await user.click(await within(menu).findByRole('option', { name: 'Globex' }));
    expect(within(menu).getByRole('checkbox', { name: 'Globex' })).toBeChecked();
    // Acme is listed once, ticked; choosing it in the search unticks it.
    expect(within(menu).getByRole('option', { name: 'Acme' })).toHaveAttribute('aria-selected', 'true');
    await user.click(within(menu).getByRole('option', { name: 'Acme' }));
    expect(within(menu).getByRole('checkbox', { name: 'Acme' })).not.toBeChecked();
    await user.keyboard('{Escape}');
    await user.click(within(form).getByRole('button', { name: 'Log call' }));
    await waitFor(() => expect(fake.logActivity).toHaveBeenCalled());
    expect(fake.logActivity.mock.calls[0][0].records).toEqual(['c1', 'd1', 'd2', 'k2']);
    expect(fake.logActivity.mock.calls[0][0].auto, 'a record added by hand is the user’s').toEqual(['d1', 'd2']);
  });

  it('shows a refusal next to its field and keeps what was typed', async () => {
    const user = userEvent.setup();
    fake.logActivity.mockRejectedValueOnce(new AppError('invalid', 'Duration (minutes) must be a number, not "ten".', 'duration'));
    const { form, onDone } = renderComposer();
    await user.type(within(form).getByLabelText('Title'), 'Intro call');
    await user.type(within(form).getByLabelText('Duration (minutes)'), 'ten');
    await user.click(await within(form).findByRole('button', { name: 'Log call' }));
    const duration = within(form).getByLabelText('Duration (minutes)');
    expect(await within(form).findByRole('alert')).toHaveTextContent('must be a number');
    expect(duration).toHaveAttribute('aria-invalid', 'true');
    expect(duration).toHaveValue('ten');
    expect(within(form).getByLabelText('Title')).toHaveValue('Intro call');
    expect(onDone).not.toHaveBeenCalled();
  });

  it('shows a refusal of the records by the dropdown', async () => {
    const user = userEvent.setup();
    fake.logActivity.mockRejectedValueOnce(new AppError('invalid', 'Associate the call with at least one record.', 'records'));
    const { form } = renderComposer();
    await user.click(await within(form).findByRole('button', { name: 'Log call' }));
    const alert = await within(form).findByRole('alert');
    expect(alert).toHaveTextContent('at least one record');
    expect(within(form).getByRole('button', { name: /Associated with/ })).toHaveAttribute('aria-describedby', alert.id);
  });

  it('cancels with Escape', async () => {
    const user = userEvent.setup();
    const { onCancel } = renderComposer();
    await user.keyboard('{Escape}');
    expect(onCancel).toHaveBeenCalled();
    expect(fake.logActivity).not.toHaveBeenCalled();
  });
});
