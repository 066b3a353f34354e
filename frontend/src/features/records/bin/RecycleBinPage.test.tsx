import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { RecordData } from '../../../api/backend';
import { AppError } from '../../../api/errors';
import { contactsObject } from '../../../test/fixtures';
import { renderWithClient } from '../../../test/render';

const fake = vi.hoisted(() => ({
  recycleBin: vi.fn<(object: string) => Promise<RecordData[]>>(),
  restoreRecords: vi.fn<(ids: string[]) => Promise<number>>(),
  deleteRecordsPermanently: vi.fn<(ids: string[]) => Promise<number>>(),
}));
vi.mock('../../../api/backend', async (original) => ({ ...(await original<object>()), backend: fake }));

import { RecycleBinPage } from './RecycleBinPage';

const contacts = contactsObject();

const ids = ['0190a1b2-c3d4-7e5f-8a9b-000000000001', '0190a1b2-c3d4-7e5f-8a9b-000000000002', '0190a1b2-c3d4-7e5f-8a9b-000000000003'];

function deleted(id: string, displayName: string, deletedAt: string): RecordData {
  const actor = { id: 'u1', name: 'Ann Tester' };
  return { id, object: 'contacts', displayName, props: {}, createdAt: deletedAt, updatedAt: deletedAt, createdBy: actor, updatedBy: actor, deletedAt };
}

let bin: RecordData[];

function renderPage(navigate = vi.fn()) {
  renderWithClient(<RecycleBinPage object={contacts} navigate={navigate} />);
  return { navigate };
}

beforeEach(() => {
  vi.clearAllMocks();
  bin = [
    deleted(ids[0], 'Ann Lee', '2025-03-04T10:00:00Z'),
    deleted(ids[1], '<script>alert(1)</script>', '2025-03-03T10:00:00Z'),
    deleted(ids[2], 'Bob Ray', '2025-03-02T10:00:00Z'),
  ];
  fake.recycleBin.mockImplementation(async () => bin);
  fake.restoreRecords.mockImplementation(async (chosen) => {
    bin = bin.filter((r) => !chosen.includes(r.id));
    return chosen.length;
  });
  fake.deleteRecordsPermanently.mockImplementation(async (chosen) => {
    bin = bin.filter((r) => !chosen.includes(r.id));
    return chosen.length;
  });
});

describe('RecycleBinPage', () => {
  it('lists deleted records as text, most recent first, with the retention rule', async () => {
    renderPage();
    const rows = (await screen.findAllByRole('row')).slice(1);
    expect(rows.map((r) => within(r).getByRole('link').textContent)).toEqual(['Ann Lee', '<script>alert(1)</script>', 'Bob Ray']);
    expect(screen.getByText(/Deleted records are kept for 90 days/)).toBeInTheDocument();
    expect(screen.getByRole('checkbox', { name: 'Select <script>alert(1)</script>' })).toBeInTheDocument();
    expect(document.querySelector('tbody script')).toBeNull();
    expect(screen.getByRole('link', { name: 'Contacts' })).toHaveAttribute('href', '#/contacts');
    expect(screen.getByRole('button', { name: 'Restore' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Delete permanently' })).toBeDisabled();
  });

  it('restores the selected records', async () => {
    const user = userEvent.setup();
    renderPage();
    await user.click(await screen.findByRole('checkbox', { name: 'Select Ann Lee' }));
    await user.click(screen.getByRole('checkbox', { name: 'Select Bob Ray' }));
    expect(screen.getByText('2 selected')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Restore' }));
    expect(fake.restoreRecords).toHaveBeenCalledWith([ids[0], ids[2]]);
    expect(await screen.findByText('Restored 2 contacts.')).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByRole('checkbox', { name: 'Select Ann Lee' })).toBeNull());
    expect(screen.getByRole('checkbox', { name: 'Select <script>alert(1)</script>' })).not.toBeChecked();
  });

  it('deletes permanently only after confirming', async () => {
    const user = userEvent.setup();
    renderPage();
    await user.click(await screen.findByRole('checkbox', { name: 'Select all' }));
    await user.click(screen.getByRole('button', { name: 'Delete permanently' }));
    const dialog = await screen.findByRole('dialog', { name: 'Delete 3 contacts permanently?' });
    expect(dialog).toHaveTextContent('cannot be undone');
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(fake.deleteRecordsPermanently).not.toHaveBeenCalled();

    await user.click(screen.getByRole('button', { name: 'Delete permanently' }));
    await user.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Delete permanently' }));
    expect(await screen.findByRole('heading', { name: 'The recycle bin is empty' })).toBeInTheDocument();
    expect(fake.deleteRecordsPermanently).toHaveBeenCalledWith(ids);
    expect(screen.getByText('Deleted 3 contacts permanently.')).toBeInTheDocument();
  });

  it('keeps the dialog open with the reason when deleting fails', async () => {
    const user = userEvent.setup();
    fake.deleteRecordsPermanently.mockRejectedValue(new AppError('invalid', 'Ann Lee is not in the recycle bin. Delete it first.', 'id'));
    renderPage();
    await user.click(await screen.findByRole('checkbox', { name: 'Select Ann Lee' }));
    await user.click(screen.getByRole('button', { name: 'Delete permanently' }));
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: 'Delete permanently' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('Ann Lee is not in the recycle bin. Delete it first.');
  });

  it('opens a record from its name', async () => {
    const user = userEvent.setup();
    const { navigate } = renderPage();
    await user.click(await screen.findByRole('link', { name: 'Bob Ray' }));
    expect(navigate).toHaveBeenCalledWith({ page: 'record', object: 'contacts', id: ids[2] });
  });

  it('says when the bin is empty', async () => {
    bin = [];
    renderPage();
    expect(await screen.findByRole('heading', { name: 'The recycle bin is empty' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Restore' })).toBeNull();
  });
});
