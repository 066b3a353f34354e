import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { ChangeSource, ItemKind, type Activity, type TimelinePage, type TimelineQuery } from '../../api/backend';
import { AppError } from '../../api/errors';
import { renderWithClient } from '../../test/render';
import { activity, allObjects, item, overview, page, record } from './testing';

const fake = vi.hoisted(() => ({
  objects: vi.fn(),
  timeline: vi.fn<(q: TimelineQuery) => Promise<TimelinePage>>(),
  activityOverview: vi.fn(),
  suggestActivityRecords: vi.fn(),
  logActivity: vi.fn(),
  updateActivity: vi.fn<(id: string, props: Activity['props']) => Promise<Activity>>(),
  setActivityRecords: vi.fn<(id: string, records: string[]) => Promise<Activity>>(),
  deleteActivity: vi.fn<(id: string) => Promise<void>>(),
  restoreActivity: vi.fn<(id: string) => Promise<Activity>>(),
  listRecords: vi.fn(async () => ({ total: 0, offset: 0, records: [] })),
}));
vi.mock('../../api/backend', async (original) => ({ ...(await original<object>()), backend: fake }));

import { Timeline } from './Timeline';

// jsdom has no IntersectionObserver: this one lets a test say the end of
// the list came into view.
const observers: { callback: IntersectionObserverCallback; live: boolean }[] = [];
class FakeObserver {
  private entry: { callback: IntersectionObserverCallback; live: boolean };
  constructor(callback: IntersectionObserverCallback) {
    this.entry = { callback, live: false };
    observers.push(this.entry);
  }
  observe() {
    this.entry.live = true;
  }
  disconnect() {
    this.entry.live = false;
  }
}
const scrollToEnd = () =>
  act(() => {
    for (const o of observers.filter((x) => x.live)) o.callback([{ isIntersecting: true } as IntersectionObserverEntry], {} as IntersectionObserver);
  });
beforeAll(() => vi.stubGlobal('IntersectionObserver', FakeObserver));
afterAll(() => vi.unstubAllGlobals());

const objects = allObjects();
const contacts = objects[0];
const ann = record('c1', 'contacts', 'Ann Lee');

const call = activity('a1', 'calls', '2026-12-02T10:00:00Z', { title: 'Intro call', direction: 'inbound', body: 'Wants a demo' });
const note = activity('a2', 'notes', '2026-12-20T10:00:00Z', { body: 'Sent the price list' });
// Back-dated: logged last, but sorts below the others.
const old = activity('a3', 'notes', '2026-11-05T10:00:00Z', { body: 'First contact' });

beforeEach(() => {
  vi.clearAllMocks();
  observers.length = 0;
  fake.objects.mockResolvedValue(objects);
  fake.timeline.mockResolvedValue(page([item(note), item(call), item(old)]));
  fake.activityOverview.mockResolvedValue(overview(3, { calls: 1, notes: 2 }));
  fake.deleteActivity.mockResolvedValue(undefined);
  fake.restoreActivity.mockResolvedValue(call);
});

const renderTimeline = (r = ann) => renderWithClient(<Timeline object={contacts} record={r} />);
const lastQuery = () => fake.timeline.mock.calls.at(-1)![0];

describe('Timeline', () => {
  it('groups activities by month, newest first by activity date', async () => {
    fake.timeline.mockResolvedValue(page([item(call), item(old), item(note)]));
    renderTimeline();
    const months = await screen.findAllByRole('region');
    expect(months.map((m) => within(m).getByRole('heading', { level: 3 }).textContent)).toEqual(['December 2026', 'November 2026']);
    expect(
      within(months[0])
        .getAllByRole('article')
        .map((a) => a.textContent),
    ).toEqual([expect.stringContaining('Sent the price list'), expect.stringContaining('Intro call')]);
    const first = within(months[0]).getAllByRole('article')[1];
    expect(first).toHaveAccessibleName('Call Intro call');
    expect(first).toHaveTextContent('by Ann Tester');
    expect(first).toHaveTextContent('DirectionInbound');
    expect(fake.timeline).toHaveBeenCalledWith({ record: 'c1', limit: 50 });
    expect(await screen.findByText('3 activities')).toBeInTheDocument();
  });

  it('says what to do on a record without activities', async () => {
    fake.timeline.mockResolvedValue(page([]));
    renderTimeline();
    expect(await screen.findByText('No activities yet. Log a call, note or email to keep track of the work done with this contact.')).toBeInTheDocument();
  });

  it('shows events on one line', async () => {
    fake.timeline.mockResolvedValue(
      page([
        {
          kind: ItemKind.Merge,
          at: '2026-12-01T10:00:00Z',
          event: { actor: { id: 'u1', name: 'Ann Tester' }, source: ChangeSource.User, text: 'Ann L. was merged into this contact' },
        },
      ]),
    );
    renderTimeline();
    expect(await screen.findByText('Ann L. was merged into this contact')).toBeInTheDocument();
    expect(screen.queryByRole('article')).toBeNull();
  });

  it('asks again when a filter changes', async () => {
    const user = userEvent.setup();
    renderTimeline();
    await screen.findAllByRole('article');
    await user.click(screen.getByRole('button', { name: /Type: All/ }));
    // Each type with its count on the record.
    await user.click(await screen.findByRole('menuitemcheckbox', { name: 'Calls 1' }));
    await user.click(screen.getByRole('menuitemcheckbox', { name: 'Notes 2' }));
    await waitFor(() => expect(lastQuery().types).toEqual(['calls', 'notes']));
    await user.keyboard('{Escape}');
    expect(screen.getByRole('button', { name: /Type: 2/ })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: /User: All/ }));
    await user.click(await screen.findByRole('menuitemcheckbox', { name: 'Ann Tester' }));
    await waitFor(() => expect(lastQuery().authors).toEqual(['u1']));
    await user.keyboard('{Escape}');
    await user.type(screen.getByRole('searchbox', { name: 'Search activities' }), 'price');
    await waitFor(() => expect(lastQuery().search).toBe('price'));
    // Typing is debounced: no query for "p", "pr"…
    expect(fake.timeline.mock.calls.some((c) => c[0].search === 'pr')).toBe(false);
    await user.click(screen.getByRole('checkbox', { name: 'Show property and association changes' }));
    await waitFor(() =>
      expect(lastQuery()).toEqual({ record: 'c1', types: ['calls', 'notes'], authors: ['u1'], search: 'price', changes: true, limit: 50 }),
    );
  });

  it('loads the next page with the cursor when the end comes into view, once', async () => {
    let resolve: (p: TimelinePage) => void = () => {};
    fake.timeline.mockResolvedValueOnce(page([item(note), item(call)], 'cursor-2'));
    fake.timeline.mockImplementationOnce(() => new Promise((r) => (resolve = r)));
    renderTimeline();
    await screen.findAllByRole('article');
    scrollToEnd();
    scrollToEnd(); // still loading: not asked twice
    expect(await screen.findByText('Loading more…')).toBeInTheDocument();
    expect(fake.timeline).toHaveBeenCalledTimes(2);
    expect(lastQuery()).toEqual({ record: 'c1', cursor: 'cursor-2', limit: 50 });
    await act(async () => resolve(page([item(old)], '')));
    expect(await screen.findByText('First contact')).toBeInTheDocument();
    scrollToEnd(); // the last page: nothing more to ask for
    expect(fake.timeline).toHaveBeenCalledTimes(2);
  });

  it("shows the backend's refusal to remove an activity's last record", async () => {
    const user = userEvent.setup();
    fake.timeline.mockResolvedValue(page([item(call)]));
    fake.setActivityRecords.mockRejectedValue(
      new AppError('invalid', 'An activity belongs to at least one record: associate another one first.', 'records'),
    );
    renderTimeline();
    await user.click(await screen.findByRole('button', { name: /Associated with 1 record/ }));
    const menu = screen.getByRole('dialog', { name: 'Associated records' });
    await user.click(within(menu).getByRole('checkbox', { name: 'Ann Lee' }));
    expect(await within(menu).findByRole('alert')).toHaveTextContent('An activity belongs to at least one record');
    expect(fake.setActivityRecords).toHaveBeenCalledWith('a1', []);
    expect(within(menu).getByRole('checkbox', { name: 'Ann Lee' })).toBeChecked();
  });

  it('changes the records with SetRecords and refreshes', async () => {
    const user = userEvent.setup();
    const two = { ...call, records: [...call.records, { id: 'k1', object: 'companies', name: 'Acme' }] };
    fake.timeline.mockResolvedValue(page([item(two)]));
    fake.setActivityRecords.mockResolvedValue(call);
    renderTimeline();
    await user.click(await screen.findByRole('button', { name: /Associated with 2 records/ }));
    const menu = screen.getByRole('dialog', { name: 'Associated records' });
    fake.timeline.mockResolvedValue(page([item(call)]));
    await user.click(within(menu).getByRole('checkbox', { name: 'Acme' }));
    expect(fake.setActivityRecords).toHaveBeenCalledWith('a1', ['c1']);
    // Still listed, unticked, so it can be ticked back.
    await waitFor(() => expect(within(menu).getByRole('checkbox', { name: 'Acme' })).not.toBeChecked());
    expect(await screen.findByRole('button', { name: /Associated with 1 record/ })).toBeInTheDocument();
  });

  it('deletes after confirming, and Undo restores', async () => {
    const user = userEvent.setup();
    renderTimeline();
    await user.click(await screen.findByRole('button', { name: 'Delete call' }));
    await user.click(within(screen.getByRole('alertdialog', { name: 'Delete this call?' })).getByRole('button', { name: 'Delete' }));
    expect(fake.deleteActivity).toHaveBeenCalledWith('a1');
    const notice = (await screen.findByText('Activity deleted.')).parentElement!;
    await user.click(within(notice).getByRole('button', { name: 'Undo' }));
    expect(fake.restoreActivity).toHaveBeenCalledWith('a1');
    await waitFor(() => expect(screen.queryByText('Activity deleted.')).toBeNull());
  });

  it('logs from a type button and edits in place', async () => {
    const user = userEvent.setup();
    fake.suggestActivityRecords.mockResolvedValue([{ record: 'c1', object: 'contacts', name: 'Ann Lee' }]);
    fake.logActivity.mockResolvedValue(note);
    fake.updateActivity.mockResolvedValue(call);
    renderTimeline();
    await screen.findAllByRole('article');
    const calls = fake.timeline.mock.calls.length;
    await user.click(screen.getByRole('button', { name: 'Note' }));
    const form = screen.getByRole('form', { name: 'Log a note' });
    await user.type(within(form).getByLabelText('Note'), 'Line one{Enter}Line two');
    await user.click(await within(form).findByRole('button', { name: 'Log note' }));
    await waitFor(() => expect(screen.queryByRole('form')).toBeNull());
    expect(fake.logActivity).toHaveBeenCalledWith(expect.objectContaining({ object: 'notes', records: ['c1'], auto: [] }));
    expect(fake.logActivity.mock.calls[0][0].props.body).toBe('Line one\nLine two');
    await waitFor(() => expect(fake.timeline.mock.calls.length).toBeGreaterThan(calls));
    expect(fake.activityOverview.mock.calls.length).toBeGreaterThan(1); // the count too

    await user.click(screen.getByRole('button', { name: 'Edit call' }));
    const edit = screen.getByRole('form', { name: 'Edit call' });
    const title = within(edit).getByLabelText('Title');
    expect(title).toHaveValue('Intro call');
    await user.clear(title);
    await user.type(title, 'Demo call');
    await user.click(within(edit).getByRole('button', { name: 'Save' }));
    expect(fake.updateActivity).toHaveBeenCalledWith('a1', { title: 'Demo call' });
    await waitFor(() => expect(screen.getByRole('button', { name: 'Edit call' })).toHaveFocus());
  });

  it('is read-only on a deleted record', async () => {
    renderTimeline({ ...ann, deletedAt: '2026-12-21T10:00:00Z' });
    await screen.findAllByRole('article');
    expect(screen.queryByRole('button', { name: 'Note' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Edit call' })).toBeNull();
    for (const b of screen.getAllByRole('button', { name: /Associated with 1 record/ })) expect(b).toBeDisabled();
  });
});
