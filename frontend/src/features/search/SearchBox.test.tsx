import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ListPage, ListQuery, SearchHit } from '../../api/backend';
import { companiesObject, contactsObject } from '../../test/fixtures';
import { renderWithClient } from '../../test/render';

const fake = vi.hoisted(() => ({
  search: vi.fn<(text: string, limit?: number) => Promise<SearchHit[]>>(),
  objects: vi.fn(),
  // How many records of an object match: the "Show all" counts.
  listRecords: vi.fn<(q: ListQuery) => Promise<ListPage>>(),
}));
vi.mock('../../api/backend', async (original) => ({ ...(await original<object>()), backend: fake }));

import { SearchBox } from './SearchBox';

const grace: SearchHit = { id: '0190a1b2-0000-7000-8000-00000000000a', object: 'contacts', displayName: 'Grace Hopper', detail: 'grace@navy.example' };
const navy: SearchHit = { id: '0190a1b2-0000-7000-8000-00000000000b', object: 'companies', displayName: 'Navy <b>Labs</b>', detail: 'navy.example' };

function renderBox() {
  const navigate = vi.fn();
  renderWithClient(<SearchBox navigate={navigate} />);
  return { navigate, input: screen.getByRole('combobox', { name: 'Search Fieldbook' }) };
}

beforeEach(() => {
  fake.search.mockReset();
  fake.search.mockImplementation(async (text) => [grace, navy].filter((h) => (h.displayName + ' ' + h.detail).toLowerCase().includes(text.toLowerCase())));
  fake.objects.mockResolvedValue([contactsObject(), companiesObject()]);
  fake.listRecords.mockReset();
  fake.listRecords.mockImplementation(async (q) => ({ total: q.object === 'contacts' ? 37 : 1, offset: 0, records: [] }));
});

describe('SearchBox', () => {
  it('shows hits across objects with their detail, as text', async () => {
    const user = userEvent.setup();
    renderBox();
    await user.click(screen.getByRole('combobox'));
    await user.keyboard('navy');
    await screen.findByRole('option', { name: /Navy/ });
    const options = screen.getAllByRole('option');
    expect(options[1]).toHaveTextContent('Navy <b>Labs</b>navy.example');
    expect(document.querySelector('b')).toBeNull();
    expect(fake.search).toHaveBeenLastCalledWith('navy', 10);
  });

  it('debounces: one backend call for quick typing', async () => {
    const user = userEvent.setup();
    renderBox();
    await user.click(screen.getByRole('combobox'));
    await user.keyboard('grace');
    await screen.findByRole('option', { name: /Grace Hopper/ });
    expect(fake.search).toHaveBeenCalledTimes(1);
  });

  it('moves through hits with the arrows and opens one with Enter', async () => {
    const user = userEvent.setup();
    const { navigate, input } = renderBox();
    await user.click(input);
    await user.keyboard('navy');
    await screen.findByRole('option', { name: /Navy/ });
    expect(input).not.toHaveAttribute('aria-activedescendant');
    await user.keyboard('{ArrowDown}{ArrowDown}');
    const second = screen.getAllByRole('option')[1];
    expect(input).toHaveAttribute('aria-activedescendant', second.id);
    expect(second).toHaveAttribute('aria-selected', 'true');
    await user.keyboard('{ArrowUp}');
    expect(input).toHaveAttribute('aria-activedescendant', screen.getAllByRole('option')[0].id);
    await user.keyboard('{ArrowDown}{Enter}');
    expect(navigate).toHaveBeenCalledWith({ page: 'record', object: 'companies', id: navy.id });
    expect(input).toHaveValue('');
    expect(screen.queryByRole('listbox')).toBeNull();
  });

  it('opens a clicked hit', async () => {
    const user = userEvent.setup();
    const { navigate, input } = renderBox();
    await user.click(input);
    await user.keyboard('gra');
    await user.click(await screen.findByRole('option', { name: /Grace Hopper/ }));
    expect(navigate).toHaveBeenCalledWith({ page: 'record', object: 'contacts', id: grace.id });
    expect(input).toHaveValue('');
  });

  it('says when nothing matches, and Escape clears', async () => {
    const user = userEvent.setup();
    const { navigate, input } = renderBox();
    await user.click(input);
    await user.keyboard('zzz');
    expect(await screen.findByText('No records match “zzz”.')).toBeInTheDocument();
    await user.keyboard('{Enter}');
    expect(navigate).not.toHaveBeenCalled();
    await user.keyboard('{Escape}');
    expect(input).toHaveValue('');
    expect(screen.queryByText(/No records match/)).toBeNull();
  });

  it('offers "Show all" per object found, which opens its index page searched for the text', async () => {
    const user = userEvent.setup();
    const { navigate, input } = renderBox();
    await user.click(input);
    await user.keyboard(' navy ');
    const all = await screen.findByRole('option', { name: 'Show all 37 contacts' });
    expect(screen.getAllByRole('option').map((o) => o.textContent)).toEqual([
      'Grace Hoppergrace@navy.example',
      'Navy <b>Labs</b>navy.example',
      'Show all 37 contacts',
      'Show 1 company',
    ]);
    expect(fake.listRecords).toHaveBeenCalledWith(expect.objectContaining({ object: 'contacts', search: 'navy', filters: [] }));
    // Reached with the arrows, after the hits; Enter opens it.
    await user.keyboard('{ArrowDown}{ArrowDown}{ArrowDown}');
    expect(input).toHaveAttribute('aria-activedescendant', all.id);
    await user.keyboard('{Enter}');
    expect(navigate).toHaveBeenCalledWith({ page: 'index', object: 'contacts', search: 'navy' });
    expect(input).toHaveValue('');

    await user.click(input);
    await user.keyboard('navy');
    await user.click(await screen.findByRole('option', { name: 'Show 1 company' }));
    expect(navigate).toHaveBeenLastCalledWith({ page: 'index', object: 'companies', search: 'navy' });
  });

  it('names the objects found while their counts load', async () => {
    const user = userEvent.setup();
    fake.listRecords.mockImplementation(() => new Promise(() => {}));
    const { input } = renderBox();
    await user.click(input);
    await user.keyboard('gra');
    expect(await screen.findByRole('option', { name: 'Show all matching contacts' })).toBeInTheDocument();
    expect(screen.queryByRole('option', { name: /compan/ })).toBeNull();
  });

  it('shows a search failure in words', async () => {
    const user = userEvent.setup();
    fake.search.mockRejectedValue(new Error('The data folder is in use.'));
    const { input } = renderBox();
    await user.click(input);
    await user.keyboard('x');
    await waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent('The data folder is in use.'));
  });
});
