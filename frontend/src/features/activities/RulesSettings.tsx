import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { LoaderCircle } from 'lucide-react';
import { useId, useState } from 'react';
import { activitiesKey, backend, BuiltInObject, RuleMode, type ActivityRule, type ObjectDef } from '../../api/backend';
import { toAppError } from '../../api/errors';
import { queryState } from '../../components/QueryState';
import { isActivity, ObjectIcon } from '../records/objects';
import { useObjects } from '../records/useObjects';
import './RulesSettings.css';

export const rulesKey = [...activitiesKey, 'rules'];

// The backend's bounds of a "most recent open" rule (backend/activities).
export const maxRecent = 50;
const defaultRecent = 5;

// Settings → Activities → Associations: for each object activities are
// logged on, which of its associated records an activity also gets.
export function RulesSettings() {
  const objects = useObjects();
  const rules = useQuery({ queryKey: rulesKey, queryFn: backend.activityRules });
  const state = queryState({ isPending: objects.isPending || rules.isPending, error: objects.error ?? rules.error }, 'Loading rules…');
  if (state) return state;
  const records = (objects.data ?? []).filter((o) => !isActivity(o));
  return (
    <section className="rules-settings" aria-labelledby="rules-heading">
      <h2 id="rules-heading">Associations</h2>
      <p className="muted rules-intro">
        When you log an activity on a record, these rules pre-tick the records it is also associated with (you can untick them before saving); they apply
        only at that moment, so records associated later do not pull in earlier activities.
      </p>
      {records.map((source) => (
        <SourceRules key={source.id} source={source} targets={records.filter((t) => t.id !== source.id)} rules={rules.data ?? []} />
      ))}
      <p className="muted rules-note">A deal is open unless it is Closed won or Closed lost, a ticket unless it is Closed.</p>
    </section>
  );
}

function SourceRules({ source, targets, rules }: { source: ObjectDef; targets: ObjectDef[]; rules: ActivityRule[] }) {
  const headingId = useId();
  return (
    <section className="rules-source" aria-labelledby={headingId}>
      <h3 id={headingId}>
        <ObjectIcon id={source.id} size={15} aria-hidden /> Logged on a {source.singular.toLowerCase()}
      </h3>
      <table className="rules-table" aria-labelledby={headingId}>
        <thead>
          <tr>
            <th scope="col">Also associate with its</th>
            <th scope="col">Rule</th>
          </tr>
        </thead>
        <tbody>
          {targets.map((target) => (
            <RuleRow
              key={target.id}
              source={source}
              target={target}
              rule={rules.find((r) => r.source === source.id && r.target === target.id) ?? { source: source.id, target: target.id, mode: RuleMode.None }}
            />
          ))}
        </tbody>
      </table>
    </section>
  );
}

// modeLabel names a mode for one target: only deals and tickets can be closed.
function modeLabel(mode: RuleMode, target: ObjectDef): string {
  switch (mode) {
    case RuleMode.None:
      return 'None';
    case RuleMode.Primary:
      return 'Primary company only';
    case RuleMode.All:
      return `All ${target.plural.toLowerCase()}`;
    case RuleMode.RecentOpen:
      return target.id === BuiltInObject.Deals || target.id === BuiltInObject.Tickets ? 'Most recent open' : 'Most recent';
  }
}

// RuleRow edits one rule. The choice shows at once and is saved; a refused
// one stays on screen with the backend's reason next to it.
function RuleRow({ source, target, rule }: { source: ObjectDef; target: ObjectDef; rule: ActivityRule }) {
  const client = useQueryClient();
  const [draft, setDraft] = useState<ActivityRule | null>(null);
  const [countText, setCountText] = useState<string | null>(null); // the number being typed
  const errorId = useId();
  const save = useMutation({
    mutationFn: (r: ActivityRule) => backend.setActivityRule(r),
    onSuccess: (all) => {
      client.setQueryData(rulesKey, all);
      setDraft(null);
      setCountText(null);
    },
  });
  const shown = draft ?? rule;
  const modes = [RuleMode.None, RuleMode.Primary, RuleMode.All, RuleMode.RecentOpen].filter(
    (m) => m !== RuleMode.Primary || (target.id === BuiltInObject.Companies && source.primaryCompany),
  );
  const submit = (next: ActivityRule) => {
    setDraft(next);
    save.mutate(next);
  };
  const count = countText ?? String(shown.count ?? defaultRecent);
  const submitCount = () => {
    const n = Number(count);
    if (countText === null || n === shown.count) return;
    submit({ ...shown, count: count.trim() === '' || !Number.isInteger(n) ? 0 : n }); // the backend says what is wrong with it
  };
  const name = `${source.singular} → ${target.plural}`;
  const error = save.error ? toAppError(save.error) : null;

  return (
    <tr>
      <th scope="row">
        <ObjectIcon id={target.id} size={14} aria-hidden /> {target.plural}
      </th>
      <td>
        <div className="rules-field">
          <select
            className="field-input rules-mode"
            aria-label={name}
            aria-invalid={(error && error.field !== 'count') || undefined}
            aria-describedby={error ? errorId : undefined}
            value={shown.mode}
            onChange={(e) => {
              const mode = e.target.value as RuleMode;
              submit({ source: source.id, target: target.id, mode, ...(mode === RuleMode.RecentOpen ? { count: rule.count ?? defaultRecent } : {}) });
              setCountText(null);
            }}
          >
            {modes.map((m) => (
              <option key={m} value={m}>
                {modeLabel(m, target)}
              </option>
            ))}
          </select>
          {shown.mode === RuleMode.RecentOpen && (
            <input
              type="number"
              className="field-input rules-count"
              aria-label={`${name}: how many`}
              aria-invalid={error?.field === 'count' || undefined}
              aria-describedby={error ? errorId : undefined}
              min={1}
              max={maxRecent}
              step={1}
              value={count}
              onChange={(e) => setCountText(e.target.value)}
              onBlur={submitCount}
              onKeyDown={(e) => e.key === 'Enter' && submitCount()}
            />
          )}
          {save.isPending && <LoaderCircle className="spin muted" size={14} aria-label="Saving" />}
        </div>
        {error && (
          <p id={errorId} className="field-error rules-error" role="alert">
            {error.message}
          </p>
        )}
      </td>
    </tr>
  );
}
