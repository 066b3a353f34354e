import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { RuleMode, type ActivityRule, type ObjectDef } from '../../api/backend';
import { AppError } from '../../api/errors';
import { companiesObject, contactsObject, objectDef, property } from '../../test/fixtures';
import { renderWithClient } from '../../test/render';

const fake = vi.hoisted(() => ({ objects: vi.fn(), activityRules: vi.fn(), setActivityRule: vi.fn() }));
vi.mock('../../api/backend', async (importOriginal) => ({ ...(await importOriginal<typeof import('../../api/backend')>()), backend: fake }));

import { RulesSettings } from './RulesSettings';

const deals = objectDef({
  id: 'deals',
  num: 3,
  singular: 'Deal',
  plural: 'Deals',
  builtIn: true,
  displayProperty: 'name',
  properties: [property('name', 'Deal name')],
});
const notes = objectDef({
  id: 'notes',
  num: 5,
  singular: 'Note',
  plural: 'Notes',
  builtIn: true,
  displayProperty: 'body',
  activityDate: 'at',
  properties: [property('body', 'Note', 'long_text')],
});
const objects: ObjectDef[] = [contactsObject(), companiesObject(), deals, notes];

// The backend's defaults for these objects (backend/activities/rules.go).
const defaults = (): ActivityRule[] => [
  { source: 'contacts', target: 'companies', mode: RuleMode.Primary },
  { source: 'contacts', target: 'deals', mode: RuleMode.RecentOpen, count: 5 },
  { source: 'companies', target: 'deals', mode: RuleMode.RecentOpen, count: 5 },
  { source: 'deals', target: 'companies', mode: RuleMode.Primary },
  { source: 'deals', target: 'contacts', mode: RuleMode.All },
];

let rules: ActivityRule[];

beforeEach(() => {
  rules = defaults();
  fake.objects.mockResolvedValue(objects);
  fake.activityRules.mockImplementation(async () => rules);
  fake.setActivityRule.mockReset().mockImplementation(async (r: ActivityRule) => {
    if (r.mode === RuleMode.RecentOpen && (!r.count || r.count > 50)) throw new AppError('invalid', 'Choose how many, from 1 to 50.', 'count');
    rules = [r, ...rules.filter((x) => x.source !== r.source || x.target !== r.target)];
    return rules;
  });
});

const select = (name: string) => screen.getByRole<HTMLSelectElement>('combobox', { name });

describe('Settings → Activities → Associations', () => {
  it('shows the rules in force, and no activity object as a source or a target', async () => {
    renderWithClient(<RulesSettings />);
    expect(await screen.findByRole('combobox', { name: 'Contact → Companies' })).toHaveValue(RuleMode.Primary);
    expect(screen.getByText(/pre-tick the records it is also associated with/)).toBeInTheDocument();
    expect(select('Contact → Deals')).toHaveValue(RuleMode.RecentOpen);
    expect(screen.getByRole('spinbutton', { name: 'Contact → Deals: how many' })).toHaveValue(5);
    expect(select('Deal → Contacts')).toHaveValue(RuleMode.All);
    expect(select('Company → Contacts')).toHaveValue(RuleMode.None); // no rule: none
    // "Primary company only" only where the target is companies and the source has a primary company.
    const modes = (name: string) =>
      within(select(name))
        .getAllByRole('option')
        .map((o) => o.textContent);
    expect(modes('Contact → Companies')).toEqual(['None', 'Primary company only', 'All companies', 'Most recent']);
    expect(modes('Contact → Deals')).toEqual(['None', 'All deals', 'Most recent open']);
    expect(modes('Company → Deals')).toEqual(['None', 'All deals', 'Most recent open']);

    // One table per object activities are logged on; notes are none of them.
    for (const name of ['Logged on a contact', 'Logged on a company', 'Logged on a deal']) expect(screen.getByRole('table', { name })).toBeInTheDocument();
    expect(screen.getAllByRole('table')).toHaveLength(3);
    expect(screen.queryByRole('combobox', { name: /Note|Notes/ })).not.toBeInTheDocument();
  });

  it('saves a changed rule and shows what the backend returns', async () => {
    const user = userEvent.setup();
    renderWithClient(<RulesSettings />);
    await user.selectOptions(await screen.findByRole('combobox', { name: 'Company → Contacts' }), RuleMode.All);
    expect(fake.setActivityRule).toHaveBeenCalledWith({ source: 'companies', target: 'contacts', mode: RuleMode.All });
    await waitFor(() => expect(select('Company → Contacts')).toHaveValue(RuleMode.All));

    // Most recent open starts at 5; a new number is saved when the field is left.
    await user.selectOptions(select('Deal → Companies'), RuleMode.RecentOpen);
    expect(fake.setActivityRule).toHaveBeenLastCalledWith({ source: 'deals', target: 'companies', mode: RuleMode.RecentOpen, count: 5 });
    const count = await screen.findByRole('spinbutton', { name: 'Deal → Companies: how many' });
    await user.clear(count);
    await user.type(count, '12');
    await user.tab();
    expect(fake.setActivityRule).toHaveBeenLastCalledWith({ source: 'deals', target: 'companies', mode: RuleMode.RecentOpen, count: 12 });
    await waitFor(() => expect(rules[0]).toEqual({ source: 'deals', target: 'companies', mode: RuleMode.RecentOpen, count: 12 }));
  });

  it('shows a refusal next to the field, keeping what was typed', async () => {
    const user = userEvent.setup();
    renderWithClient(<RulesSettings />);
    const count = await screen.findByRole('spinbutton', { name: 'Company → Deals: how many' });
    await user.clear(count);
    await user.type(count, '80{Enter}');
    expect(await screen.findByRole('alert')).toHaveTextContent('Choose how many, from 1 to 50.');
    expect(count).toHaveValue(80);
    expect(count).toHaveAttribute('aria-invalid', 'true');
    expect(count).toHaveAccessibleDescription('Choose how many, from 1 to 50.');
    // Fixed, the error goes.
    await user.clear(count);
    await user.type(count, '8{Enter}');
    await waitFor(() => expect(screen.queryByRole('alert')).not.toBeInTheDocument());
    expect(fake.setActivityRule).toHaveBeenLastCalledWith({ source: 'companies', target: 'deals', mode: RuleMode.RecentOpen, count: 8 });
  });
});
