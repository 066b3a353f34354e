import { describe, expect, it } from 'vitest';
import { AppError } from '../../../api/errors';
import { contactNameProperties, contactsObject, property } from '../../../test/fixtures';
import { fieldError, messageFor } from './RecordFormFields';

describe('fieldError and messageFor', () => {
  const contacts = contactsObject([...contactNameProperties(), property('phone', 'Phone', 'phone')]);

  it('shows every refused property next to itself', () => {
    const err = fieldError(contacts, new AppError('invalid', 'Bad email.', 'email', { phone: 'Bad phone.' }));
    expect(messageFor(err, 'email')).toBe('Bad email.');
    expect(messageFor(err, 'phone')).toBe('Bad phone.');
    expect(messageFor(err, 'firstname')).toBeUndefined();
  });

  it('puts an error naming no property of the form on top', () => {
    const err = fieldError(contacts, new AppError('invalid', 'Contacts have no property "x".', 'x'));
    expect(err.field).toBeUndefined();
    expect(messageFor(err, 'email')).toBeUndefined();
    expect(messageFor(null, 'email')).toBeUndefined();
  });
});
