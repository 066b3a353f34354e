import { useQuery, useQueryClient } from '@tanstack/react-query';
import { LoaderCircle } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import { associationsKey, backend, type DomainLists } from '../../../api/backend';
import { toAppError } from '../../../api/errors';
import { queryState } from '../../../components/QueryState';

export const domainListsKey = ['companies', 'domain-lists'];
const shippedKey = ['companies', 'shipped-free-mail'];

type ListName = keyof DomainLists;

// The backend refuses more excluded domains than this.
export const maxExcluded = 1000;

const lists: { name: ListName; label: string; hint: string }[] = [
  {
    name: 'freeMailAdded',
    label: 'Also treat as free mail',
    hint: 'Domains of personal mailboxes the shipped list lacks, such as a local provider.',
  },
  {
    name: 'freeMailRemoved',
    label: 'Do not treat as free mail',
    hint: 'Shipped free-mail domains that are a company’s own domain for you.',
  },
  {
    name: 'excluded',
    label: `Excluded domains (never used, up to ${maxExcluded.toLocaleString()})`,
    hint: 'Domains never used to find or create a company, such as your own company’s.',
  },
];

// One domain a line; blank lines and surrounding spaces are dropped.
export const parseDomains = (text: string) =>
  text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
const joinDomains = (domains: string[] | null | undefined) => (domains ?? []).join('\n');

type Texts = Record<ListName, string>;
const textsOf = (l: DomainLists): Texts => ({
  freeMailAdded: joinDomains(l.freeMailAdded),
  freeMailRemoved: joinDomains(l.freeMailRemoved),
  excluded: joinDomains(l.excluded),
});

// DomainListsSettings is Settings → Companies → Free-mail domains and
// excluded domains: three lists, one domain a line, saved together.
export function DomainListsSettings() {
  const saved = useQuery({ queryKey: domainListsKey, queryFn: backend.companies.domainLists });
  const shipped = useQuery({ queryKey: shippedKey, queryFn: backend.companies.shippedFreeMail });
  const state = queryState(saved, 'Loading the domain lists…');
  return (
    <section className="settings-section cos-section" aria-labelledby="cos-lists-heading">
      <h2 id="cos-lists-heading">Free-mail domains</h2>
      <p className="muted cos-hint">
        Addresses at free-mail domains (like gmail.com) belong to people, not companies: they never create or find a company; the contact&apos;s website is
        tried instead.{' '}
        {shipped.data !== undefined && <span data-testid="shipped-free-mail">{shipped.data.toLocaleString()} domains come with Fieldbook.</span>}
      </p>
      {state ?? <ListsForm lists={saved.data!} />}
    </section>
  );
}

function ListsForm({ lists: initial }: { lists: DomainLists }) {
  const client = useQueryClient();
  const [texts, setTexts] = useState<Texts>(() => textsOf(initial));
  const [errors, setErrors] = useState<Partial<Record<ListName | '', string>>>({});
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);

  const save = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setErrors({});
    setDone(false);
    try {
      const next = await backend.companies.saveDomainLists({
        freeMailAdded: parseDomains(texts.freeMailAdded),
        freeMailRemoved: parseDomains(texts.freeMailRemoved),
        excluded: parseDomains(texts.excluded),
      });
      // The lists as stored: lower-cased, without schemes, paths or duplicates.
      setTexts(textsOf(next));
      client.setQueryData(domainListsKey, next);
      setDone(true);
      // Suggestions follow the lists.
      void client.invalidateQueries({ queryKey: associationsKey });
    } catch (err) {
      const problem = toAppError(err);
      const found: Partial<Record<ListName | '', string>> = {};
      const known = (f?: string): f is ListName => lists.some((l) => l.name === f);
      found[known(problem.field) ? problem.field : ''] = problem.message;
      for (const [field, message] of Object.entries(problem.others)) {
        if (known(field)) found[field] = message;
      }
      setErrors(found);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="cos-lists" onSubmit={(e) => void save(e)} noValidate>
      {lists.map((l) => {
        const id = `cos-list-${l.name}`;
        const n = parseDomains(texts[l.name]).length;
        const error = errors[l.name];
        return (
          <div key={l.name} className="cos-list">
            <label htmlFor={id} className="cos-list-label">
              {l.label}
            </label>
            <p id={`${id}-hint`} className="muted cos-list-hint">
              {l.hint} {n === 0 ? 'None yet: add one domain a line.' : `${n.toLocaleString()} ${n === 1 ? 'domain' : 'domains'}.`}
            </p>
            <textarea
              id={id}
              className="cos-textarea mono"
              rows={4}
              spellCheck={false}
              autoCapitalize="off"
              autoCorrect="off"
              placeholder="example.com"
              value={texts[l.name]}
              aria-invalid={!!error || undefined}
              aria-describedby={error ? `${id}-hint ${id}-error` : `${id}-hint`}
              onChange={(e) => {
                const value = e.target.value;
                setTexts((t) => ({ ...t, [l.name]: value }));
                setDone(false);
              }}
            />
            {error && (
              <p id={`${id}-error`} className="field-error cos-list-error" role="alert">
                {error}
              </p>
            )}
          </div>
        );
      })}
      {errors[''] && (
        <p className="field-error" role="alert">
          {errors['']}
        </p>
      )}
      <div className="cos-lists-actions">
        {done && (
          <span className="muted" role="status">
            Saved.
          </span>
        )}
        <button type="submit" className="button primary" disabled={busy}>
          {busy && <LoaderCircle className="spin" size={14} aria-hidden />}
          {busy ? 'Saving…' : 'Save lists'}
        </button>
      </div>
    </form>
  );
}
