import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { DuplicatePair, DuplicatesProgress, ObjectDef, PropValue, RecordData } from '../../api/backend';
import { AppError } from '../../api/errors';
import { companiesObject, contactsObject, property } from '../../test/fixtures';
import { renderWithClient } from '../../test/render';

// The duplicate finder's view against a fake backend; finding is covered in
// backend/duplicates and end to end in e2e/tests/duplicates.test.mjs.
const fake = vi.hoisted(() => ({
  backend: {
    objects: vi.fn<() => Promise<ObjectDef[]>>(),
    mergeRecords: vi.fn<(keep: string, other: string, props: Record<string, PropValue>) => Promise<RecordData>>(),
    duplicateFinder: {
      find: vi.fn<(object: string) => Promise<DuplicatePair[]>>(),
      cancel: vi.fn<() => Promise<void>>(),
      dismiss: vi.fn<(a: string, b: string) => Promise<void>>(),
      undismiss: vi.fn<(a: string, b: string) => Promise<void>>(),
    },
  },
  // The progress events' listener, as onDuplicatesProgress was given it.
  progress: null as ((p: DuplicatesProgress) => void) | null,
}));
vi.mock('../../api/backend', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../api/backend')>()),
  backend: fake.backend,
  onDuplicatesProgress: (handler: (p: DuplicatesProgress) => void) => {
    fake.progress = handler;
    return () => (fake.progress = null);
  },
}));

import { DataQualitySettings } from './DataQualitySettings';
import { DuplicatesView } from './DuplicatesView';

const finder = fake.backend.duplicateFinder;

const contacts = contactsObject([
  property('firstname', 'First name'),
  property('lastname', 'Last name'),
  property('email', 'Email', 'email'),
  property('phone', 'Phone', 'phone'),
  property('jobtitle', 'Job title'),
]);
const companies = companiesObject([property('name', 'Company name'), property('domain', 'Domain', 'url'), property('city', 'City')]);

const actor = { id: 'u1', name: 'Ann Tester' };
const id = (n: number) => `0190a1b2-c3d4-7e5f-8a9b-${String(n).padStart(12, '0')}`;
function contact(n: number, displayName: string, props: Record<string, PropValue>, createdAt: string): RecordData {
  return { id: id(n), object: 'contacts', displayName, props, createdAt, updatedAt: createdAt, createdBy: actor, updatedBy: actor };
}

const anna1 = contact(1, 'Anna Berg', { firstname: 'Anna', lastname: 'Berg', email: 'anna@acme.com', jobtitle: 'Buyer' }, '2025-01-02T10:00:00Z');
const anna2 = contact(2, 'Anna Berg', { firstname: 'Anna', lastname: 'Berg', email: 'ANNA@acme.com', phone: '555-0100' }, '2025-02-03T10:00:00Z');
const bold1 = contact(3, '<b>x</b>', { firstname: '<b>x</b>', email: 'x@beta.com' }, '2025-01-05T10:00:00Z');
const bold2 = contact(4, '<b>x</b> ', { firstname: '<b>x</b> ', email: 'x@beta.com' }, '2025-03-05T10:00:00Z');

const pairs = (): DuplicatePair[] => [
  { a: anna1, b: anna2, reasons: ['Same email', 'Same name'], score: 80 },
  { a: bold1, b: bold2, reasons: ['Same email'], score: 50 },
];

// deferred is a promise the test settles.
function deferred<T>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

const emit = (p: Partial<DuplicatesProgress>) => act(() => fake.progress?.({ object: 'contacts', done: 0, total: 0, canceled: false, ...p }));

function renderView(object: ObjectDef = contacts, navigate = vi.fn()) {
  renderWithClient(<DuplicatesView key={object.id} object={object} navigate={navigate} />);
  return { navigate };
}

const pairItems = () => within(screen.getByRole('list', { name: 'Likely duplicate contacts' })).getAllByRole('listitem', { name: /and/ });

beforeEach(() => {
  vi.resetAllMocks(); // once-answers too
  fake.progress = null;
  fake.backend.objects.mockResolvedValue([contacts, companies]);
  finder.find.mockResolvedValue(pairs());
  finder.cancel.mockResolvedValue();
  finder.dismiss.mockResolvedValue();
  finder.undismiss.mockResolvedValue();
  fake.backend.mergeRecords.mockImplementation(async (keep) => ({ ...(keep === anna1.id ? anna1 : anna2), props: { ...anna1.props, phone: '555-0100' } }));
});

describe('DuplicatesView', () => {
  it('shows the progress, then the pairs side by side with their reasons, names as text', async () => {
    const found = deferred<DuplicatePair[]>();
    finder.find.mockReturnValue(found.promise);
    const { navigate } = renderView();
    expect(finder.find).toHaveBeenCalledWith('contacts');
    expect(screen.getByText('Reading contacts…')).toBeInTheDocument();
    emit({ done: 250, total: 1000 });
    emit({ object: 'companies', done: 900, total: 1000 }); // another object's find
    const bar = screen.getByRole('progressbar', { name: 'Finding duplicate contacts' });
    expect(bar).toHaveAttribute('aria-valuenow', '25');
    expect(screen.getByText('Read 250 of 1,000 contacts')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Cancel' })).toBeEnabled();

    emit({ done: 1000, total: 1000 });
    await act(async () => found.resolve(pairs()));
    expect(screen.queryByRole('progressbar')).toBeNull();
    expect(screen.getByText('2 likely duplicate pairs')).toBeInTheDocument();
    const items = pairItems();
    expect(items).toHaveLength(2);

    const first = within(items[0]);
    const links = first.getAllByRole('link');
    expect(links.map((l) => l.textContent)).toEqual(['Anna Berg', 'Anna Berg']);
    expect(links[0]).toHaveAttribute('href', `#/contacts/${anna1.id}`);
    expect(first.getByText('Older')).toBeInTheDocument();
    expect(first.getByText('anna@acme.com')).toBeInTheDocument();
    expect(first.getByText('ANNA@acme.com')).toBeInTheDocument();
    expect(first.getByText('Buyer')).toBeInTheDocument();
    expect(first.getByText('555-0100')).toBeInTheDocument();
    expect(first.getAllByText('Created')).toHaveLength(2);
    expect(
      within(first.getByRole('list', { name: 'Why they look alike' }))
        .getAllByRole('listitem')
        .map((c) => c.textContent),
    ).toEqual(['Same email', 'Same name']);

    const second = within(items[1]);
    expect(second.getAllByRole('link')[0].textContent).toBe('<b>x</b>');
    expect(items[1].querySelector('b')).toBeNull();

    await userEvent.setup().click(links[1]);
    expect(navigate).toHaveBeenCalledWith({ page: 'record', object: 'contacts', id: anna2.id });
  });

  it('marks a pair as not a duplicate, and Undo brings it back', async () => {
    const user = userEvent.setup();
    renderView();
    await screen.findByText('2 likely duplicate pairs');
    await user.click(within(pairItems()[0]).getByRole('button', { name: 'Not a duplicate' }));
    expect(finder.dismiss).toHaveBeenCalledWith(anna1.id, anna2.id);
    await waitFor(() => expect(pairItems()).toHaveLength(1));
    expect(screen.getByText('1 likely duplicate pair')).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('Anna Berg and Anna Berg are marked as not duplicates.');
    expect(pairItems()[0]).toHaveFocus(); // the next pair, for the keyboard

    await user.click(screen.getByRole('button', { name: 'Undo' }));
    expect(finder.undismiss).toHaveBeenCalledWith(anna1.id, anna2.id);
    await waitFor(() => expect(pairItems()).toHaveLength(2));
    expect(within(pairItems()[0]).getAllByRole('link')[0]).toHaveAttribute('href', `#/contacts/${anna1.id}`);
    expect(screen.getByText('2 likely duplicate pairs')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Undo' })).toBeNull();
  });

  it('keeps a pair whose dismissal is refused, with the reason', async () => {
    const user = userEvent.setup();
    finder.dismiss.mockRejectedValue(new AppError('unavailable', 'The data folder is closed.'));
    renderView();
    await screen.findByText('2 likely duplicate pairs');
    await user.click(within(pairItems()[0]).getByRole('button', { name: 'Not a duplicate' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('The data folder is closed.');
    expect(pairItems()).toHaveLength(2);
  });

  it('merges a pair with the existing merge, the older record kept, and the pair goes', async () => {
    const user = userEvent.setup();
    renderView();
    await screen.findByText('2 likely duplicate pairs');
    await user.click(within(pairItems()[0]).getByRole('button', { name: 'Merge…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Choose the values to keep' });
    const kept = within(dialog).getAllByRole('columnheader')[1];
    expect(kept).toHaveTextContent('Anna Berg');
    expect(kept).toHaveTextContent('Kept');
    expect(within(dialog).queryByRole('button', { name: /Back/ })).toBeNull();
    await user.click(within(dialog).getByRole('button', { name: 'Merge' }));
    await user.click(await screen.findByRole('button', { name: 'Merge' }));
    // The kept record's empty phone takes the other's, as the merge dialog chooses.
    expect(fake.backend.mergeRecords).toHaveBeenCalledWith(anna1.id, anna2.id, { phone: '555-0100' });
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(pairItems()).toHaveLength(1);
    expect(within(pairItems()[0]).getAllByRole('link')[0].textContent).toBe('<b>x</b>');
    expect(screen.getByRole('status')).toHaveTextContent('Anna Berg is merged into Anna Berg.');
    expect(screen.getByText('1 likely duplicate pair')).toBeInTheDocument();
  });

  it('can keep the newer record of a pair instead', async () => {
    const user = userEvent.setup();
    renderView();
    await screen.findByText('2 likely duplicate pairs');
    await user.click(within(pairItems()[1]).getByRole('button', { name: 'Merge…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Choose the values to keep' });
    await user.click(within(dialog).getByRole('button', { name: 'Keep the other contact instead' }));
    await user.click(within(dialog).getByRole('button', { name: 'Merge' }));
    await user.click(await screen.findByRole('button', { name: 'Merge' }));
    expect(fake.backend.mergeRecords).toHaveBeenCalledWith(bold2.id, bold1.id, expect.anything());
    await waitFor(() => expect(pairItems()).toHaveLength(1));
  });

  it('says how many records it read when there is no likely duplicate', async () => {
    const found = deferred<DuplicatePair[]>();
    finder.find.mockReturnValue(found.promise);
    renderView();
    emit({ done: 1234, total: 1234 });
    await act(async () => found.resolve([]));
    expect(screen.getByRole('heading', { name: 'No likely duplicates among 1,234 contacts' })).toBeInTheDocument();
    expect(screen.queryByRole('list', { name: 'Likely duplicate contacts' })).toBeNull();

    finder.find.mockResolvedValue(pairs());
    await userEvent.setup().click(screen.getByRole('button', { name: 'Search again' }));
    expect(finder.find).toHaveBeenCalledTimes(2);
    expect(await screen.findByText('2 likely duplicate pairs')).toBeInTheDocument();
  });

  it('cancels a search, and can search again', async () => {
    const user = userEvent.setup();
    const found = deferred<DuplicatePair[]>();
    finder.find.mockReturnValue(found.promise);
    renderView();
    emit({ done: 100, total: 1000 });
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(finder.cancel).toHaveBeenCalledTimes(1);
    expect(screen.getByText('Canceling…')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Cancel' })).toBeDisabled();
    emit({ canceled: true });
    await act(async () => found.resolve([])); // a canceled find answers no pairs
    expect(screen.getByText('The search was canceled.')).toBeInTheDocument();
    expect(screen.queryByRole('progressbar')).toBeNull();
    expect(screen.queryByText(/No likely duplicates/)).toBeNull();

    finder.find.mockResolvedValue(pairs());
    await user.click(screen.getByRole('button', { name: 'Search again' }));
    expect(await screen.findByText('2 likely duplicate pairs')).toBeInTheDocument();
  });

  it('shows a failed search in words, with Try again', async () => {
    finder.find.mockRejectedValueOnce(new AppError('internal', 'The search failed.'));
    renderView();
    expect(await screen.findByRole('alert')).toHaveTextContent('The search failed.');
    await userEvent.setup().click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText('2 likely duplicate pairs')).toBeInTheDocument();
  });

  it('shows a company pair’s domain and city', async () => {
    const acme = (n: number, city: string): RecordData => ({
      ...contact(n, 'Acme', { name: 'Acme', domain: 'acme.com', city }, '2025-01-01T00:00:00Z'),
      object: 'companies',
    });
    finder.find.mockResolvedValue([{ a: acme(5, 'Oslo'), b: acme(6, 'Bergen'), reasons: ['Same domain'], score: 60 }]);
    renderView(companies);
    expect(finder.find).toHaveBeenCalledWith('companies');
    const item = await screen.findByRole('listitem', { name: 'Acme and Acme' });
    expect(within(item).getAllByText('acme.com')).toHaveLength(2);
    expect(within(item).getByText('Bergen')).toBeInTheDocument();
    expect(within(item).getByText('Same domain')).toBeInTheDocument();
    expect(screen.getByText('1 likely duplicate pair')).toBeInTheDocument();
  });
});

describe('DataQualitySettings', () => {
  it('finds the duplicates of the object chosen', async () => {
    const user = userEvent.setup();
    renderWithClient(<DataQualitySettings navigate={vi.fn()} />);
    expect(finder.find).not.toHaveBeenCalled();
    await user.click(await screen.findByRole('radio', { name: 'Contacts' }));
    expect(finder.find).toHaveBeenCalledWith('contacts');
    expect(await screen.findByText('2 likely duplicate pairs')).toBeInTheDocument();
    finder.find.mockResolvedValue([]);
    await user.click(screen.getByRole('radio', { name: 'Companies' }));
    expect(finder.find).toHaveBeenLastCalledWith('companies');
    expect(await screen.findByRole('heading', { name: 'No likely duplicates among your companies' })).toBeInTheDocument();
  });
});
