import { describe, expect, it } from 'vitest';
import { ChangeSource, ItemKind } from '../../api/backend';
import { activity, activityObjects, item } from './testing';
import { changedProps, composerFields, details, foldChars, foldText, groupByMonth, logTitle, newTexts, propsToLog, splitLinks, when } from './timeline';

const [notes, calls, meetings, tasks] = activityObjects();

describe('groupByMonth', () => {
  it('orders items newest first by date and heads each month', () => {
    const groups = groupByMonth([
      item(activity('a', 'notes', '2026-11-20T10:00:00Z', { body: 'November' })),
      item(activity('b', 'calls', '2026-12-02T10:00:00Z', { title: 'Early December' })),
      { kind: ItemKind.Merge, at: '2026-12-20T10:00:00Z', event: { actor: { id: 'u1', name: 'Ann' }, source: ChangeSource.User, text: 'Merged' } },
      item(activity('c', 'notes', '2025-12-25T10:00:00Z', { body: 'A year before' })),
    ]);
    expect(groups.map((g) => g.label)).toEqual(['December 2026', 'November 2026', 'December 2025']);
    expect(groups[0].items.map((i) => i.event?.text ?? i.activity?.id)).toEqual(['Merged', 'b']);
  });
});

describe('splitLinks', () => {
  it('cuts http(s) links out of text, leaving sentence punctuation outside', () => {
    expect(splitLinks('See https://example.com/a?b=1, then http://x.test.')).toEqual([
      { text: 'See ' },
      { text: 'https://example.com/a?b=1', url: 'https://example.com/a?b=1' },
      { text: ', then ' },
      { text: 'http://x.test', url: 'http://x.test' },
      { text: '.' },
    ]);
  });

  it('links nothing but http(s)', () => {
    expect(splitLinks('javascript:alert(1) ftp://x <a href="https://y">')).toEqual([
      { text: 'javascript:alert(1) ftp://x <a href="' },
      { text: 'https://y', url: 'https://y' },
      { text: '">' },
    ]);
  });
});

describe('foldText', () => {
  it('keeps a short text whole', () => {
    expect(foldText('one\ntwo')).toBeNull();
  });

  it('folds after six lines, or at a space within foldChars characters', () => {
    expect(foldText('1\n2\n3\n4\n5\n6\n7')).toBe('1\n2\n3\n4\n5\n6');
    const long = 'word '.repeat(100);
    const short = foldText(long)!;
    expect(short.length).toBeLessThanOrEqual(foldChars);
    expect(short.length).toBeGreaterThan(foldChars / 2);
    expect(short.endsWith('word')).toBe(true);
  });
});

describe('composer fields', () => {
  it('puts the title, then the body, then the rest', () => {
    expect(composerFields(calls).map((p) => p.name)).toEqual(['title', 'body', 'direction', 'outcome', 'duration', 'at']);
    expect(composerFields(notes).map((p) => p.name)).toEqual(['body', 'at']);
  });

  it('starts a meeting now for 30 minutes and a task due tomorrow at 9:00', () => {
    const now = new Date(2026, 11, 3, 14, 5);
    expect(newTexts(meetings, now)).toMatchObject({ start: '2026-12-03T14:05', end: '2026-12-03T14:35', title: '' });
    expect(newTexts(tasks, now)).toMatchObject({ due: '2026-12-04T09:00', status: 'not_started', type: 'todo' });
    expect(newTexts(calls, now)).toMatchObject({ at: '2026-12-03T14:05', direction: 'outbound', outcome: '' });
  });

  it('sends filled fields with dates in UTC, and only the changed ones on edit', () => {
    const texts = { ...newTexts(calls, new Date(2026, 11, 3, 14, 5)), title: 'Intro' };
    expect(propsToLog(calls, texts)).toEqual({ title: 'Intro', direction: 'outbound', at: new Date(2026, 11, 3, 14, 5).toISOString() });
    expect(changedProps(calls, texts, { ...texts, title: '', duration: '15' })).toEqual({ title: null, duration: '15' });
  });
});

describe('logTitle', () => {
  it('takes the article the type needs', () => {
    expect(logTitle(calls)).toBe('Log a call');
    expect(logTitle({ ...notes, singular: 'Email' })).toBe('Log an email');
  });
});

describe('item details', () => {
  it('shows a meeting as start–end and other fields as details', () => {
    const m = activity('m', 'meetings', '2026-12-03T10:00:00Z', {
      title: 'Demo',
      start: '2026-12-03T10:00:00Z',
      end: '2026-12-03T10:30:00Z',
      location: 'Room 4',
    });
    expect(when(meetings, m)).toMatch(/ – /);
    expect(details(meetings, m)).toEqual([{ label: 'Location', value: 'Room 4' }]);
    const c = activity('c', 'calls', '2026-12-03T10:00:00Z', { title: 'Intro', direction: 'inbound', outcome: 'busy', duration: 15 });
    expect(details(calls, c)).toEqual([
      { label: 'Direction', value: 'Inbound' },
      { label: 'Outcome', value: 'Busy' },
      { label: 'Duration (minutes)', value: '15' },
    ]);
    expect(when(tasks, activity('t', 'tasks', '2026-12-03T10:00:00Z', { title: 'Call back' }))).toMatch(/^Due /);
  });
});
