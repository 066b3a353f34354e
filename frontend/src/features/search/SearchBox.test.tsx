import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { SearchHit } from '../../api/backend';
import { renderWithClient } from '../../test/render';

const fake = vi.hoisted(() => ({ search: vi.fn<(text: string, limit?: number) => Promise<SearchHit[]>>() }));
vi.mock('../../api/backend', () => ({ backend: fake }));

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
});

describe('SearchBox', () => {
  it('shows hits across objects with their detail, as text', async () => {
    const user = userEvent.setup();
    renderBox();
    await user.click(screen.getByRole('combobox'));
    await user.keyboard('navy');
    const options = await screen.findAllByRole('option');
    expect(options).toHaveLength(2);
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
    await screen.findAllByRole('option');
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

  it('shows a search failure in words', async () => {
    const user = userEvent.setup();
    fake.search.mockRejectedValue(new Error('The data folder is in use.'));
    const { input } = renderBox();
    await user.click(input);
    await user.keyboard('x');
    await waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent('The data folder is in use.'));
  });
});
