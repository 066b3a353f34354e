import { describe, expect, it } from 'vitest';
import { ChangeSource, ColumnKind, ImportMode, MatchBy, type ImportColumn } from '../../api/backend';
import { companiesObject, contactNameProperties, contactsObject } from '../../test/fixtures';
import { fileSize, timeLeft } from './format';
import { columnKey, duplicates, importAsGroups, withChoice } from './mapping';

const objects = [contactsObject(contactNameProperties()), companiesObject()];
const setup = (rowObjects: string[], columns: ImportColumn[] = []) => ({
  path: '/tmp/a.csv',
  source: ChangeSource.Import,
  objects: rowObjects.map((object) => ({ object, mode: ImportMode.CreateUpdate })),
  columns,
});

describe('duplicates', () => {
  it('flags a property, a Record ID or a primary company chosen for two columns, each naming the other', () => {
    const cols: ImportColumn[] = [
      { header: 'A', kind: ColumnKind.Id, object: 'contacts' },
      { header: 'B', kind: ColumnKind.Id, object: 'contacts' },
      { header: 'C', kind: ColumnKind.Id, object: 'companies' },
      { header: 'D', kind: ColumnKind.Association, object: 'contacts', target: 'companies', match: MatchBy.Name, primary: true },
      { header: 'E', kind: ColumnKind.Association, object: 'contacts', target: 'companies', match: MatchBy.Id, primary: true },
      // Several association columns with the same target are fine.
      { header: 'F', kind: ColumnKind.Association, object: 'contacts', target: 'companies', match: MatchBy.Id },
      { header: 'G', kind: ColumnKind.Association, object: 'contacts', target: 'companies', match: MatchBy.Id },
      { header: 'H', kind: ColumnKind.Skip, object: 'contacts' },
      { header: 'I', kind: ColumnKind.Skip, object: 'contacts' },
    ];
    expect([...duplicates(cols)]).toEqual([
      [0, ['B']],
      [1, ['A']],
      [3, ['E']],
      [4, ['D']],
    ]);
  });
});

describe('importAsGroups', () => {
  it('offers companies no primary company, and keeps a suggestion it does not list', () => {
    const groups = importAsGroups(setup(['companies']), objects);
    const labels = groups[0].options.map((o) => o.label);
    expect(labels).toContain('Company · Associated Contacts by email');
    expect(labels.some((l) => l.includes('Primary company'))).toBe(false);

    const odd: ImportColumn = { header: 'X', kind: ColumnKind.Association, object: 'companies', target: 'companies', match: MatchBy.Email };
    const shown = withChoice(groups, odd, objects);
    expect(shown[0].options.at(-1)).toMatchObject({ key: columnKey(odd), label: 'Company · Associated Companies by email' });
    expect(withChoice(groups, { ...odd, match: MatchBy.Domain }, objects)).toBe(groups);

    // An export's labelled association column shows as what it is.
    const labelled: ImportColumn = {
      header: 'Y',
      kind: ColumnKind.Association,
      object: 'companies',
      target: 'contacts',
      match: MatchBy.Id,
      label: 'Billing contact',
    };
    expect(withChoice(groups, labelled, objects)[0].options.at(-1)?.label).toBe('Company · Associated Contacts by ID, labelled “Billing contact”');
  });
});

describe('format', () => {
  it('says sizes and time left in words', () => {
    expect(fileSize(900)).toBe('900 bytes');
    expect(fileSize(1536)).toBe('1.5 KB');
    expect(fileSize(25 * 1024 * 1024)).toBe('25 MB');
    expect(timeLeft(0)).toBe('');
    expect(timeLeft(0.3)).toBe('1 s left');
    expect(timeLeft(42)).toBe('42 s left');
    expect(timeLeft(150)).toBe('about 3 min left');
    expect(timeLeft(7380)).toBe('about 2 h 3 min left');
  });
});
