import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ObjectDef, PropValue, RecordData } from '../../../api/backend';
import { companiesObject, contactNameProperties, contactsObject, property } from '../../../test/fixtures';
import { renderWithClient } from '../../../test/render';

const fake = vi.hoisted(() => ({
  createRecord: vi.fn(),
  duplicates: vi.fn(),
}));
vi.mock('../../../api/backend', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../api/backend')>();
  return { ...real, backend: fake };
});

import { CreateRecordDialog } from './CreateRecordDialog';

const actor = { id: 'u', name: 'Ann' };
function record(id: string, object: string, displayName: string, props: Record<string, PropValue>): RecordData {
  const at = '2024-01-01T00:00:00Z';
  return { id, object, displayName, props, createdAt: at, updatedAt: at, createdBy: actor, updatedBy: actor };
}
const annLee = record('0190a0b2-1c3d-7e4f-8a5b-6c7d8e9f0a1b', 'contacts', 'Ann Lee', { email: 'ann@acme.example' });
const acme = record('0190a0b2-1c3d-7e4f-8a5b-6c7d8e9f0a1c', 'companies', 'Acme <Ltd>', { domain: 'acme.example' });

function renderDialog(object: ObjectDef) {
  const onOpenChange = vi.fn();
  renderWithClient(<CreateRecordDialog object={object} open onOpenChange={onOpenChange} onCreated={() => {}} />);
  return { user: userEvent.setup(), dialog: screen.getByRole('dialog'), onOpenChange };
}

describe('CreateRecordDialog duplicate warning', () => {
  beforeEach(() => {
    // The backend's rule, in small: a contact's email, a company's domain, case-insensitively.
    fake.duplicates.mockReset().mockImplementation(async (object: string, props: Record<string, PropValue>) => {
      if (object === 'contacts' && String(props.email ?? '').toLowerCase() === 'ann@acme.example') return [annLee];
      if (object === 'companies' && String(props.domain ?? '').toLowerCase() === 'acme.example') return [acme];
      return [];
    });
    fake.createRecord.mockReset().mockImplementation(async (object: string, props: Record<string, PropValue>) => record('new', object, 'New', props));
  });

  it('names the contact that has the email, links to it, and still creates', async () => {
    const { user, dialog, onOpenChange } = renderDialog(contactsObject([...contactNameProperties(), property('phone', 'Phone', 'phone')]));
    await user.type(within(dialog).getByLabelText('First name'), 'Ann');
    await user.type(within(dialog).getByLabelText('Email'), 'ANN@acme.example');

    const notice = await within(dialog).findByText(/already exists/);
    expect(notice).toHaveTextContent('A contact with this email already exists: Ann Lee — Open');
    const open = within(dialog).getByRole('link', { name: 'Open Ann Lee' });
    expect(open).toHaveAttribute('href', `#/contacts/${annLee.id}`);
    // Checked once typing paused, with the email only (not per keystroke).
    expect(fake.duplicates).toHaveBeenCalledTimes(1);
    expect(fake.duplicates).toHaveBeenCalledWith('contacts', { email: 'ANN@acme.example' });

    await user.click(within(dialog).getByRole('button', { name: 'Create' }));
    await waitFor(() => expect(fake.createRecord).toHaveBeenCalledWith('contacts', { firstname: 'Ann', email: 'ANN@acme.example' }));

    onOpenChange.mockClear();
    await user.click(open);
    expect(onOpenChange).toHaveBeenCalledWith(false);
  });

  it('goes away when the email changes to one nobody has', async () => {
    const { user, dialog } = renderDialog(contactsObject(contactNameProperties()));
    const email = within(dialog).getByLabelText('Email');
    await user.type(email, 'ann@acme.example');
    expect(await within(dialog).findByRole('link', { name: 'Open Ann Lee' })).toBeInTheDocument();
    await user.type(email, '.org');
    await waitFor(() => expect(within(dialog).queryByText(/already exists/)).toBeNull());
    expect(fake.duplicates).toHaveBeenLastCalledWith('contacts', { email: 'ann@acme.example.org' });
  });

  it('names the company that has the domain, as text', async () => {
    const { user, dialog } = renderDialog(companiesObject([property('name', 'Company name'), property('domain', 'Company domain name', 'url')]));
    await user.type(within(dialog).getByLabelText('Company domain name'), 'Acme.example');
    expect(await within(dialog).findByText(/already exists/)).toHaveTextContent(
      'A company with this company domain name already exists: Acme <Ltd> — Open',
    );
    expect(within(dialog).getByRole('link', { name: 'Open Acme <Ltd>' })).toHaveAttribute('href', `#/companies/${acme.id}`);
    expect(within(dialog).getByRole('button', { name: 'Create' })).toBeEnabled();
  });

  it('checks nothing while no email or domain is typed', async () => {
    const { user, dialog } = renderDialog(contactsObject(contactNameProperties()));
    await user.type(within(dialog).getByLabelText('First name'), 'Ann');
    await new Promise((r) => setTimeout(r, 400));
    expect(fake.duplicates).not.toHaveBeenCalled();
    expect(within(dialog).queryByRole('status')).toBeNull();
  });
});
