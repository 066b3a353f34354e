import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Profile } from '../../api/backend';
import { AppError } from '../../api/errors';
import { renderWithClient } from '../../test/render';

const fake = vi.hoisted(() => ({
  profile: vi.fn<() => Promise<Profile>>(),
  saveProfile: vi.fn<(name: string) => Promise<Profile>>(),
}));
vi.mock('../../api/backend', async (original) => ({ ...(await original<object>()), backend: fake }));

import { ProfileGate } from './ProfileGate';
import { ProfileSettings } from './ProfileSettings';

const id = '0190a1b2-0000-7000-8000-000000000001';
let stored: Profile;

beforeEach(() => {
  stored = { id: '', name: '', set: false };
  fake.profile.mockReset().mockImplementation(async () => stored);
  fake.saveProfile.mockReset().mockImplementation(async (name) => {
    if (!name.trim()) throw new AppError('invalid', 'Your name is required.', 'name');
    stored = { id, name: name.trim(), set: true };
    return stored;
  });
});

describe('ProfileGate', () => {
  it('asks a newcomer for their name before the workspace', async () => {
    const user = userEvent.setup();
    renderWithClient(<ProfileGate>workspace</ProfileGate>);
    expect(await screen.findByRole('heading', { name: 'Welcome to Fieldbook' })).toBeInTheDocument();
    expect(screen.getByText("What's your name? It is shown on the changes you make.")).toBeInTheDocument();
    expect(screen.queryByText('workspace')).toBeNull();

    const input = screen.getByLabelText('Your name');
    expect(input).toHaveFocus();
    await user.type(input, '   ');
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Your name is required.');
    expect(input).toHaveAttribute('aria-invalid', 'true');
    expect(input).toHaveValue('   ');

    await user.clear(input);
    await user.type(input, 'Ann Tester{Enter}');
    expect(await screen.findByText('workspace')).toBeInTheDocument();
    expect(fake.saveProfile).toHaveBeenLastCalledWith('Ann Tester');
  });

  it('goes straight to the workspace for a returning user', async () => {
    stored = { id, name: 'Ann', set: true };
    renderWithClient(<ProfileGate>workspace</ProfileGate>);
    expect(await screen.findByText('workspace')).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'Welcome to Fieldbook' })).toBeNull();
  });
});

describe('ProfileSettings', () => {
  it('shows and renames the user, with their ID', async () => {
    const user = userEvent.setup();
    stored = { id, name: 'Ann', set: true };
    renderWithClient(<ProfileSettings />);
    const input = await screen.findByDisplayValue('Ann');
    expect(screen.getByLabelText('Your name')).toBe(input);
    expect(screen.getByTestId('user-id')).toHaveTextContent(id);

    await user.clear(input);
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Your name is required.');
    expect(input).toHaveValue('');

    await user.type(input, 'Ann Tester');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByRole('status')).toHaveTextContent('Saved.');
    expect(screen.queryByRole('alert')).toBeNull();
    expect(input).toHaveValue('Ann Tester');
    expect(fake.profile.mock.calls.length).toBeGreaterThanOrEqual(2); // read again after saving
  });
});
