import { AutomationSettings } from './AutomationSettings';
import { DomainListsSettings } from './DomainListsSettings';
import './companies.css';

// Settings → Companies: associating contacts with the company of their
// email domain, and the domains that never count.
export function CompaniesSettings() {
  return (
    <div className="settings cos-settings">
      <AutomationSettings />
      <DomainListsSettings />
    </div>
  );
}
