import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { companiesObject, contactNameProperties, contactsObject, property } from '../../../test/fixtures';
import { renderWithClient } from '../../../test/render';
import { ColumnsEditor } from './ColumnsEditor';
import { columnProperties, nameColumnLabel, visibleColumns } from './useColumns';

const companies = companiesObject([property('name', 'Company name'), property('domain', 'Domain'), property('city', 'City')]);

describe('columns', () => {
  it('never offers the display property: the Name column shows it', () => {
    expect(columnProperties(companies).map((p) => p.name)).toEqual(['domain', 'city']);
    // A remembered list from before keeps its other columns only.
    expect(visibleColumns(companies, ['name', 'city']).map((c) => c.id)).toEqual(['city']);
    expect(visibleColumns(companies, null).map((c) => c.id)).toEqual(['domain', 'city']);
  });

  it('heads the name column with the naming property, Name for contacts', () => {
    expect(nameColumnLabel(companies)).toBe('Company name');
    expect(nameColumnLabel(contactsObject(contactNameProperties()))).toBe('Name');
  });

  it("keeps a contact's name parts choosable", () => {
    const contacts = contactsObject(contactNameProperties());
    expect(columnProperties(contacts).map((p) => p.name)).toEqual(['firstname', 'lastname', 'email']);
  });

  it('lists no display-name checkbox in Edit columns', async () => {
    const onChange = vi.fn();
    renderWithClient(<ColumnsEditor object={companies} columns={visibleColumns(companies, ['name', 'domain'])} onChange={onChange} />);
    await userEvent.click(screen.getByRole('button', { name: 'Edit columns' }));
    const pop = await screen.findByRole('dialog', { name: 'Edit columns' });
    expect(
      within(pop)
        .getAllByRole('checkbox')
        .map((c) => c.parentElement!.textContent),
    ).toEqual(['Domain', 'City']);
    await userEvent.click(within(pop).getByRole('checkbox', { name: 'City' }));
    expect(onChange).toHaveBeenCalledWith(['domain', 'city']);
  });
});
