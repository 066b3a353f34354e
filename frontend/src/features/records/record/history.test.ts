import { describe, expect, it } from 'vitest';
import { contactNameProperties, contactsObject } from '../../../test/fixtures';
import { ChangeKind } from '../../../api/backend';
import { describeChanges } from './history';

describe('describeChanges', () => {
  const contacts = contactsObject(contactNameProperties());

  it("counts an operation's association changes in one line per kind, after the record's own", () => {
    const removed = { kind: ChangeKind.AssociationRemoved, record: 'a' };
    expect(
      describeChanges(contacts, [
        removed,
        { kind: ChangeKind.RecordDeleted, record: 'a' },
        removed,
        { kind: ChangeKind.AssociationPrimaryUnset, record: 'a' },
        removed,
      ]),
    ).toEqual([
      'Moved to the recycle bin',
      '3 associations removed (see the association history)',
      '1 association unmarked as primary (see the association history)',
    ]);
  });

  it('describes property changes as before', () => {
    expect(describeChanges(contacts, [{ kind: ChangeKind.RecordUpdated, property: 'firstname', before: 'Ann', after: 'Anna' }])).toEqual([
      'First name changed from Ann to Anna',
    ]);
  });
});
