import { describe, expect, it } from 'vitest';
import { AppError, toAppError } from './errors';

describe('toAppError', () => {
  it('parses the Go formatter’s JSON out of the Error Wails rejects with', () => {
    const err = toAppError(new Error('{"code":"invalid","message":"Email must contain @.","field":"email"}'));
    expect(err).toBeInstanceOf(AppError);
    expect(err.code).toBe('invalid');
    expect(err.message).toBe('Email must contain @.');
    expect(err.field).toBe('email');
  });

  it('keeps every other refused field with its message', () => {
    const err = toAppError(
      new Error('{"code":"invalid","message":"Bad email.","field":"email","others":[{"field":"phone","message":"Bad phone."},{"nope":1}]}'),
    );
    expect(err.field).toBe('email');
    expect(err.others).toEqual({ phone: 'Bad phone.' });
    expect(toAppError(new Error('{"code":"invalid","message":"x"}')).others).toEqual({});
  });

  it('accepts the formatted object itself', () => {
    const err = toAppError({ code: 'not_found', message: 'No contact has the ID 123.' });
    expect(err.code).toBe('not_found');
    expect(err.field).toBeUndefined();
  });

  it('keeps Wails’ own plain-text errors as internal errors with their text', () => {
    const err = toAppError(new Error("method 'app.Shell.Nope' not registered"));
    expect(err.code).toBe('internal');
    expect(err.message).toContain('not registered');
  });

  it('never shows an empty message', () => {
    for (const reason of [undefined, null, '', new Error(''), 42, '{not json']) {
      const err = toAppError(reason);
      expect(err.message.length).toBeGreaterThan(0);
    }
  });
});
