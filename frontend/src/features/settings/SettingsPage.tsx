import { useState } from 'react';
import type { AppInfo, Theme } from '../../api/backend';
import { RulesSettings } from '../activities/RulesSettings';
import { DataQualitySettings } from '../duplicates/DataQualitySettings';
import { ProfileSettings } from '../profile/ProfileSettings';
import type { Route, SettingsSection } from '../shell/navigation';
import { AssociationsSettings } from './associations/AssociationsSettings';
import { CompaniesSettings } from './companies/CompaniesSettings';
import { ImportsSettings } from './imports/ImportsSettings';
import { ObjectsSettings } from './objects/ObjectsSettings';
import { useSaveSettings, useSettings } from './useSettings';

const themes: { value: Theme; label: string; hint: string }[] = [
  { value: 'system', label: 'System', hint: 'Follow the light or dark setting of your computer' },
  { value: 'light', label: 'Light', hint: 'Always light' },
  { value: 'dark', label: 'Dark', hint: 'Always dark' },
];

// The sections' tabs, in order; each names its panel too.
const labels: Record<SettingsSection, string> = {
  general: 'General',
  objects: 'Objects and properties',
  associations: 'Associations',
  activities: 'Activities',
  imports: 'Imports',
  companies: 'Companies',
  'data-quality': 'Data quality',
};
const sections = Object.entries(labels) as [SettingsSection, string][];

export function SettingsPage({ info, section, navigate }: { info: AppInfo; section: SettingsSection; navigate: (r: Route) => void }) {
  const settings = useSettings();
  const save = useSaveSettings();
  // The radio follows the click at once; the saved value takes over again
  // if saving fails.
  const [choice, setChoice] = useState<Theme | null>(null);
  const current = choice ?? settings.data?.theme ?? 'system';
  const choose = (theme: Theme) => {
    setChoice(theme);
    save.mutate({ ...settings.data!, theme }, { onError: () => setChoice(null) });
  };

  return (
    <div className="page">
      <header className="page-header">
        <h1>Settings</h1>
      </header>
      <div className="tabs" role="tablist" aria-label="Settings sections">
        {sections.map(([id, label]) => (
          <button
            key={id}
            type="button"
            role="tab"
            aria-selected={section === id}
            className="tab"
            onClick={() => navigate({ page: 'settings', section: id })}
          >
            {label}
          </button>
        ))}
      </div>
      {section === 'objects' ? (
        <div className="page-body" role="tabpanel" aria-label={labels.objects}>
          <ObjectsSettings />
        </div>
      ) : section === 'associations' ? (
        <div className="page-body" role="tabpanel" aria-label={labels.associations}>
          <AssociationsSettings />
        </div>
      ) : section === 'activities' ? (
        <div className="page-body" role="tabpanel" aria-label={labels.activities}>
          <RulesSettings />
        </div>
      ) : section === 'companies' ? (
        <div className="page-body" role="tabpanel" aria-label={labels.companies}>
          <CompaniesSettings />
        </div>
      ) : section === 'data-quality' ? (
        <div className="page-body" role="tabpanel" aria-label={labels['data-quality']}>
          <DataQualitySettings navigate={navigate} />
        </div>
      ) : section === 'imports' ? (
        <div className="page-body" role="tabpanel" aria-label={labels.imports}>
          <ImportsSettings navigate={navigate} />
        </div>
      ) : (
        <div className="page-body settings" role="tabpanel" aria-label={labels.general}>
          <ProfileSettings />
          <section className="settings-section" aria-labelledby="appearance-heading">
            <h2 id="appearance-heading">Appearance</h2>
            <fieldset className="choice-group">
              <legend>Theme</legend>
              {themes.map((t) => (
                <label key={t.value} className="choice">
                  <input
                    type="radio"
                    name="theme"
                    value={t.value}
                    checked={current === t.value}
                    disabled={!settings.data}
                    onChange={() => choose(t.value)}
                  />
                  <span className="choice-label">{t.label}</span>
                  <span className="choice-hint">{t.hint}</span>
                </label>
              ))}
            </fieldset>
            {save.error && (
              <p role="alert" className="field-error">
                {save.error.message}
              </p>
            )}
          </section>
          <section className="settings-section" aria-labelledby="about-heading">
            <h2 id="about-heading">About</h2>
            <dl className="facts">
              <dt>Version</dt>
              <dd>{info.version}</dd>
              <dt>Data folder</dt>
              <dd className="mono" data-testid="data-dir">
                {info.dataDir}
              </dd>
            </dl>
          </section>
        </div>
      )}
    </div>
  );
}
