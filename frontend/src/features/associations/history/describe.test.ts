import { describe, expect, it, vi } from 'vitest';
import { AssociationChange, ChangeSource, type AssociationEvent } from '../../../api/backend';
import { describeChange, fetchHistoryPage, historyPageSize, sourceOf, sourceText } from './describe';

const ev = (opId: string, over: Partial<AssociationEvent> = {}): AssociationEvent => ({
  opId,
  time: '2025-03-01T10:00:00Z',
  actor: { id: 'u1', name: 'Ann Tester' },
  source: ChangeSource.User,
  change: AssociationChange.Created,
  record: 'r1',
  object: 'companies',
  name: 'Acme',
  ...over,
});

describe('association history words', () => {
  it('names the user for a user change: the name, else the ID', () => {
    expect(sourceOf(ev('o'))).toEqual({ source: ChangeSource.User, who: 'Ann Tester' });
    expect(sourceOf(ev('o', { actor: { id: 'u9', name: '' } }))).toEqual({ source: ChangeSource.User, who: 'u9' });
    expect(sourceText(ev('o', { actor: { id: 'u9', name: '' } }))).toBe('User: u9');
    expect(sourceText(ev('o', { actor: { id: '', name: '' } }))).toBe('User');
  });

  it('shows the other sources as their text, without a person', () => {
    const others = [
      ChangeSource.ObjectDeletion,
      ChangeSource.ObjectMerge,
      ChangeSource.ObjectRestore,
      ChangeSource.Import,
      ChangeSource.AutoAssociationByDomain,
      ChangeSource.API,
      ChangeSource.Job,
      ChangeSource.Migration,
      ChangeSource.Unknown,
    ];
    expect(others.map((s) => sourceText(ev('o', { source: s })))).toEqual([
      'Object deletion',
      'Object merge',
      'Object restore',
      'Import',
      'Auto association by domain',
      'API',
      'Job',
      'Migration',
      'Unknown',
    ]);
    expect(sourceText(ev('o', { source: '' as ChangeSource }))).toBe('Unknown');
  });

  it('says how the association changed', () => {
    expect(describeChange({ change: AssociationChange.Created })).toBe('Created');
    expect(describeChange({ change: AssociationChange.Removed })).toBe('Removed');
    expect(describeChange({ change: AssociationChange.LabelAdded, label: 'Manager' })).toBe('Label added “Manager”');
    expect(describeChange({ change: AssociationChange.LabelRemoved, label: 'Manager' })).toBe('Label removed “Manager”');
    expect(describeChange({ change: AssociationChange.PrimarySet })).toBe('Primary set');
    expect(describeChange({ change: AssociationChange.PrimaryUnset })).toBe('Primary unset');
  });
});

describe('fetchHistoryPage', () => {
  it('a short page is the last one', async () => {
    const read = vi.fn(async () => [ev('o3'), ev('o2'), ev('o1')]);
    expect(await fetchHistoryPage(read, '')).toEqual({ events: [ev('o3'), ev('o2'), ev('o1')], next: null });
    expect(read).toHaveBeenCalledWith(historyPageSize, '');
  });

  it('a full page (the backend ends it with a whole operation) continues after its last operation', async () => {
    const page = [...Array.from({ length: historyPageSize - 1 }, (_, i) => ev(`a${i}`)), ev('last'), ev('last')];
    const read = vi.fn(async () => page);
    const got = await fetchHistoryPage(read, 'x');
    expect(got.events).toEqual(page);
    expect(got.next).toBe('last');
    expect(read).toHaveBeenCalledWith(historyPageSize, 'x');
  });
});
