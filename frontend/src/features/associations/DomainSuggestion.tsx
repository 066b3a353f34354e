import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Building2 } from 'lucide-react';
import { useState } from 'react';
import { associationsKey, backend, emptyEdit, type RecordData } from '../../api/backend';
import { toAppError } from '../../api/errors';
import { useRefreshAssociations } from './useAssociations';

// Under associationsKey: any association change (this one included) asks again.
export const suggestionKey = (contact: string) => [...associationsKey, 'domain-suggestion', contact];

// DomainSuggestion offers the company of a contact's email domain on its
// Companies card while the contact has none and the automation is off:
// "Associate with Acme?", accepted or dismissed with one click.
export function DomainSuggestion({ record }: { record: RecordData }) {
  const client = useQueryClient();
  const refresh = useRefreshAssociations();
  const suggestion = useQuery({ queryKey: suggestionKey(record.id), queryFn: () => backend.companies.suggestion(record.id) });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');

  const s = suggestion.data;
  if (!s) return null;
  const name = s.company.displayName || 'Unnamed company';

  const act = async (what: () => Promise<unknown>) => {
    setBusy(true);
    setError('');
    try {
      await what();
    } catch (err) {
      setError(toAppError(err).message);
    } finally {
      setBusy(false);
    }
  };

  // The contact has no company: the one it gets is its primary.
  const associate = () =>
    act(async () => {
      await backend.associate({ ...emptyEdit(record.id, [s.company.id]), primary: s.company.id });
      client.setQueryData(suggestionKey(record.id), null);
      await refresh();
    });
  const dismiss = () =>
    act(async () => {
      await backend.companies.dismissSuggestion(record.id, s.company.id);
      client.setQueryData(suggestionKey(record.id), null);
    });

  return (
    <div className="assoc-suggestion" role="group" aria-label="Suggested company">
      <Building2 className="assoc-suggestion-icon" size={14} aria-hidden />
      <div className="assoc-suggestion-text">
        <span>
          Associate with <strong>{name}</strong>?
        </span>
        <span className="muted assoc-suggestion-why">
          {s.others > 0
            ? `${s.others.toLocaleString()} other ${s.others === 1 ? 'company shares' : 'companies share'} ${s.domain}`
            : `Same domain as the email: ${s.domain}`}
        </span>
        {error && (
          <span className="field-error" role="alert">
            {error}
          </span>
        )}
      </div>
      <div className="assoc-suggestion-actions">
        <button type="button" className="button small primary" disabled={busy} onClick={() => void associate()}>
          Associate
        </button>
        <button type="button" className="button small" disabled={busy} onClick={() => void dismiss()}>
          Dismiss<span className="visually-hidden"> the suggestion {name}</span>
        </button>
      </div>
    </div>
  );
}
