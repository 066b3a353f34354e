import { describe, expect, it } from 'vitest';
import { parseLink, recordLink } from './links';

const id = '0190a0b2-1c3d-7e4f-8a5b-6c7d8e9f0a1b';

describe('record links', () => {
  it('round-trips', () => {
    expect(recordLink('contacts', id)).toBe(`fieldbook://contacts/${id}`);
    expect(parseLink(recordLink('c_projects', id))).toEqual({ object: 'c_projects', id });
  });
  it('accepts what people paste', () => {
    expect(parseLink(`  fieldbook://companies/${id.toUpperCase()}/ `)).toEqual({ object: 'companies', id });
  });
  it('refuses anything else', () => {
    for (const bad of [
      '',
      'https://example.com',
      `fieldbook://contacts`,
      `fieldbook://contacts/not-an-id`,
      `fieldbook://Contacts/${id}`,
      `fieldbook://contacts/${id}/x`,
      `fieldbook://<script>/${id}`,
    ]) {
      expect(parseLink(bad)).toBeNull();
    }
  });
});
