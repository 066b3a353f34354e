import { useState } from 'react';
import { BuiltInObject } from '../../api/backend';
import { findObject, useObjects } from '../records/useObjects';
import type { Route } from '../shell/navigation';
import { DuplicatesView } from './DuplicatesView';
import './duplicates.css';

const choices = [BuiltInObject.Contacts, BuiltInObject.Companies];

// DataQualitySettings is Settings → Data quality: choose contacts or
// companies, and their likely duplicates are found and listed.
export function DataQualitySettings({ navigate }: { navigate: (r: Route) => void }) {
  const objects = useObjects();
  const [chosen, setChosen] = useState<string | null>(null);
  const object = chosen ? findObject(objects.data, chosen) : undefined;
  return (
    <div className="dup-settings">
      <section className="settings-section" aria-labelledby="duplicates-heading">
        <h2 id="duplicates-heading">Duplicates</h2>
        <p className="muted">
          Find records that are likely the same person or company, then merge them or mark them as not duplicates. Contacts are paired by email, or by
          nearly the same name with something else in common; companies by domain or nearly the same name.
        </p>
        <fieldset className="choice-group">
          <legend>Find duplicates among</legend>
          <div className="dup-choice">
            {choices.map((id) => {
              const o = findObject(objects.data, id);
              return (
                <label key={id}>
                  <input type="radio" name="duplicates-object" value={id} checked={chosen === id} disabled={!o} onChange={() => setChosen(id)} />
                  {o?.plural ?? id}
                </label>
              );
            })}
          </div>
        </fieldset>
      </section>
      {object && <DuplicatesView key={object.id} object={object} navigate={navigate} />}
    </div>
  );
}
