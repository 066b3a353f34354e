import { describe, expect, it } from 'vitest';
import type { ObjectDef, Pair } from '../../api/backend';
import { companiesObject, contactsObject } from '../../test/fixtures';
import { hasIndexPage, isActivity } from '../records/objects';
import { associable } from './useAssociations';

const activity = (id: string, num: number): ObjectDef => ({ ...companiesObject(), id, num, activityDate: 'at' });
const pair = (a: string, b: string): Pair => ({ key: `${a}|${b}`, a, b, defined: true, labels: [], limits: [], nextId: 2 });

describe('activity objects', () => {
  const contacts = contactsObject();
  const companies = companiesObject();
  const notes = activity('notes', 5);
  const tasks = activity('tasks', 9);

  it('are no cards, columns, filters or bulk targets, though their pairs are defined', () => {
    const pairs = [pair('contacts', 'companies'), pair('contacts', 'notes'), pair('contacts', 'tasks')];
    expect(associable([contacts, companies, notes, tasks], pairs, 'contacts').map((o) => o.id)).toEqual(['companies']);
  });

  it('have no index page, but tasks', () => {
    expect([contacts, companies, notes, tasks].map((o) => [o.id, isActivity(o), hasIndexPage(o)])).toEqual([
      ['contacts', false, true],
      ['companies', false, true],
      ['notes', true, false],
      ['tasks', true, true],
    ]);
  });
});
