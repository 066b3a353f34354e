import { describe, expect, it } from 'vitest';
import { defaultRoute, parseRoute, routeHash, type Route } from './navigation';

describe('parseRoute', () => {
  it('reads pages from the hash', () => {
    expect(parseRoute('#/companies')).toEqual({ page: 'index', object: 'companies' });
    expect(parseRoute('#/c_projects/bin')).toEqual({ page: 'bin', object: 'c_projects' });
    expect(parseRoute('#/deals/0190A0B2-0000-7000-8000-000000000001')).toEqual({
      page: 'record',
      object: 'deals',
      id: '0190a0b2-0000-7000-8000-000000000001',
    });
    expect(parseRoute('#/settings')).toEqual({ page: 'settings', section: 'general' });
    expect(parseRoute('#/settings/objects')).toEqual({ page: 'settings', section: 'objects' });
    expect(parseRoute('#/settings/associations')).toEqual({ page: 'settings', section: 'associations' });
    expect(routeHash({ page: 'settings', section: 'associations' })).toBe('#/settings/associations');
  });

  it('falls back to the default for anything unknown', () => {
    expect(parseRoute('')).toEqual(defaultRoute);
    expect(parseRoute('#/<script>')).toEqual(defaultRoute);
    expect(parseRoute('#/deals/not-an-id')).toEqual({ page: 'index', object: 'deals' });
    expect(parseRoute('#/settings/unknown')).toEqual({ page: 'settings', section: 'general' });
  });

  it('round-trips every route', () => {
    const routes: Route[] = [
      { page: 'index', object: 'tickets' },
      { page: 'bin', object: 'contacts' },
      { page: 'duplicates', object: 'companies' },
      { page: 'settings', section: 'data-quality' },
      { page: 'record', object: 'companies', id: '0190a0b2-0000-7000-8000-000000000001' },
      { page: 'settings', section: 'objects' },
      { page: 'settings', section: 'associations' },
      { page: 'settings', section: 'general' },
    ];
    for (const r of routes) expect(parseRoute(routeHash(r))).toEqual(r);
  });

  it('reads and writes an index filtered to the records associated with one', () => {
    const id = '0190a0b2-1c3d-7e4f-8a5b-6c7d8e9f0a1b';
    expect(parseRoute(`#/companies?with=${id}`)).toEqual({ page: 'index', object: 'companies', with: id });
    expect(routeHash({ page: 'index', object: 'companies', with: id })).toBe(`#/companies?with=${id}`);
    expect(parseRoute('#/companies?with=nope')).toEqual({ page: 'index', object: 'companies' });
  });

  it('reads and writes an index searched for a text', () => {
    expect(parseRoute('#/contacts?search=lee+ann')).toEqual({ page: 'index', object: 'contacts', search: 'lee ann' });
    expect(routeHash({ page: 'index', object: 'contacts', search: 'lee ann' })).toBe('#/contacts?search=lee+ann');
    expect(parseRoute('#/contacts?search=%20%20')).toEqual({ page: 'index', object: 'contacts' });
    const odd: Route = { page: 'index', object: 'c_projects', search: 'a&b=c #1 “ü”?' };
    expect(parseRoute(routeHash(odd))).toEqual(odd);
    const id = '0190a0b2-1c3d-7e4f-8a5b-6c7d8e9f0a1b';
    const both: Route = { page: 'index', object: 'companies', with: id, search: 'acme' };
    expect(routeHash(both)).toBe(`#/companies?with=${id}&search=acme`);
    expect(parseRoute(routeHash(both))).toEqual(both);
  });
});
