import { describe, expect, it, vi } from 'vitest';
import type { AssociationEvent } from '../../../api/backend';
import { describeChange, fetchHistoryPage, historyPageSize, maxHistoryPage, scanHistoryFor, sourceOf, sourceText } from './describe';

const ev = (opId: string, over: Partial<AssociationEvent> = {}): AssociationEvent => ({
  opId,
  time: '2025-03-01T10:00:00Z',
  actor: { id: 'u1', name: 'Ann Tester' },
  source: 'User',
  change: 'created',
  record: 'r1',
  object: 'companies',
  name: 'Acme',
  ...over,
});

describe('association history words', () => {
  it('names the user for a user change: the name, else the ID', () => {
    expect(sourceOf(ev('o'))).toEqual({ source: 'User', who: 'Ann Tester' });
    expect(sourceOf(ev('o', { actor: { id: 'u9', name: '' } }))).toEqual({ source: 'User', who: 'u9' });
    expect(sourceText(ev('o', { actor: { id: 'u9', name: '' } }))).toBe('User: u9');
    expect(sourceText(ev('o', { actor: { id: '', name: '' } }))).toBe('User');
  });

  it('shows the other sources as their text, without a person', () => {
    for (const s of ['Object deletion', 'Object merge', 'Object restore', 'Import', 'Auto association by domain', 'API', 'Job', 'Migration', 'Unknown']) {
      expect(sourceText(ev('o', { source: s }))).toBe(s);
    }
    expect(sourceText(ev('o', { source: '' }))).toBe('Unknown');
  });

  it('says how the association changed', () => {
    expect(describeChange({ change: 'created' })).toBe('Created');
    expect(describeChange({ change: 'removed' })).toBe('Removed');
    expect(describeChange({ change: 'label_added', label: 'Manager' })).toBe('Label added “Manager”');
    expect(describeChange({ change: 'label_removed', label: 'Manager' })).toBe('Label removed “Manager”');
    expect(describeChange({ change: 'primary_set' })).toBe('Primary set');
    expect(describeChange({ change: 'primary_unset' })).toBe('Primary unset');
  });
});

describe('fetchHistoryPage', () => {
  it('a short page is the last one', async () => {
    const read = vi.fn(async () => [ev('o3'), ev('o2'), ev('o1')]);
    expect(await fetchHistoryPage(read, '')).toEqual({ events: [ev('o3'), ev('o2'), ev('o1')], next: null });
    expect(read).toHaveBeenCalledWith(historyPageSize, '');
  });

  it('a full page leaves its last operation, which may be cut, to the next page', async () => {
    const page = [...Array.from({ length: historyPageSize - 3 }, (_, i) => ev(`a${i}`)), ev('last'), ev('last'), ev('last')];
    const read = vi.fn(async () => page);
    const got = await fetchHistoryPage(read, 'x');
    expect(got.events).toHaveLength(historyPageSize - 3);
    expect(got.next).toBe(`a${historyPageSize - 4}`);
    expect(read).toHaveBeenCalledWith(historyPageSize, 'x');
  });

  it('a page of one operation is read again with the largest page', async () => {
    const read = vi.fn(async (limit: number) => Array.from({ length: limit === maxHistoryPage ? 130 : limit }, () => ev('big')));
    const got = await fetchHistoryPage(read, '');
    expect(got).toEqual({ events: Array.from({ length: 130 }, () => ev('big')), next: null });
    expect(read.mock.calls.map((c) => c[0])).toEqual([historyPageSize, maxHistoryPage]);
  });
});

describe('scanHistoryFor', () => {
  it('collects one association’s changes across pages, newest first', async () => {
    const first = [...Array.from({ length: maxHistoryPage - 1 }, (_, i) => ev(`a${i}`, { record: i % 100 === 0 ? 'gone' : 'r1' })), ev('cut', { record: 'gone' })];
    const read = vi.fn(async (_limit: number, before: string) => (before ? [ev('cut', { record: 'gone', change: 'removed' }), ev('z', { record: 'gone' })] : first));
    const got = await scanHistoryFor(read, 'gone');
    expect(got.map((e) => `${e.opId} ${e.change}`)).toEqual(['a0 created', 'a100 created', 'a200 created', 'a300 created', 'a400 created', 'cut removed', 'z created']);
    expect(read.mock.calls).toEqual([
      [maxHistoryPage, ''],
      [maxHistoryPage, `a${maxHistoryPage - 2}`],
    ]);
  });
});
