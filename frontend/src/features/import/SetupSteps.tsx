import { FileText, Info, LoaderCircle, Plus, X } from 'lucide-react';
import { useId, useState, type RefObject } from 'react';
import { ImportMode, type ImportFile, type ImportObject, type ObjectDef } from '../../api/backend';
import { delimiterName, fileSize } from './format';
import { modeLabels } from './mapping';

// maxObjects is how many objects one row may hold.
export const maxObjects = 3;

function Reading({ text }: { text: string }) {
  return (
    <p className="imp-status" role="status">
      <LoaderCircle className="spin" size={14} aria-hidden />
      {text}
    </p>
  );
}

// FileStep picks the file with the native dialog and says what was read.
export function FileStep({
  file,
  busy,
  error,
  onChoose,
  chooseButton,
}: {
  file: ImportFile | null;
  busy: '' | 'choosing' | 'reading';
  error: string;
  onChoose: () => void;
  chooseButton: RefObject<HTMLButtonElement | null>;
}) {
  return (
    <>
      <p className="muted">
        A CSV file whose first row names the columns: separated by commas, semicolons or tabs, in UTF-8, UTF-16 or Windows-1252. Files exported from HubSpot
        import as they are.
      </p>
      <div className="imp-choose">
        <button ref={chooseButton} type="button" className={file ? 'button' : 'button primary'} onClick={onChoose} disabled={busy !== ''}>
          <FileText size={14} aria-hidden />
          {file ? 'Choose another file…' : 'Choose file…'}
        </button>
        {busy === 'reading' && <Reading text="Reading the file…" />}
      </div>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {file && (
        <dl className="facts imp-facts">
          <dt>File</dt>
          <dd className="imp-file-name">{file.name}</dd>
          <dt>Size</dt>
          <dd>{fileSize(file.size)}</dd>
          <dt>Encoding</dt>
          <dd>{file.encoding}</dd>
          <dt>Separator</dt>
          <dd>{delimiterName(file.delimiter)}</dd>
          <dt>Columns</dt>
          <dd>{file.headers.length.toLocaleString()}</dd>
        </dl>
      )}
    </>
  );
}

function andList(words: string[]): string {
  return words.length < 2 ? words.join('') : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

// ObjectsStep is "What each row holds": one object, or up to three that
// each row's records associate with each other, each with what the import
// may do to its records. onChange gets the new list (the wizard inspects
// the file again for it); onMode only changes a mode.
export function ObjectsStep({
  file,
  chosen,
  objects,
  reading,
  error,
  onChange,
  onMode,
}: {
  file: ImportFile;
  chosen: ImportObject[];
  objects: ObjectDef[]; // those a row may hold
  reading: boolean;
  error: string;
  onChange: (next: ImportObject[]) => void;
  onMode: (object: string, mode: ImportMode) => void;
}) {
  const idPrefix = useId();
  const taken = new Set(chosen.map((c) => c.object));
  const free = objects.filter((o) => !taken.has(o.id));
  const [adding, setAdding] = useState('');
  const toAdd = free.some((o) => o.id === adding) ? adding : (free[0]?.id ?? '');
  const nameOf = (id: string) => objects.find((o) => o.id === id)?.plural ?? id;
  const singularOf = (id: string) => objects.find((o) => o.id === id)?.singular ?? id;
  const ordinal = ['Object', 'Second object', 'Third object'];

  return (
    <>
      {file.hubspot && (
        <p className="imp-note imp-hubspot" role="note">
          <Info size={14} aria-hidden />
          HubSpot export recognised: its IDs and associations are kept (source Migration).
        </p>
      )}
      <div className="imp-objects" role="group" aria-label="What each row holds" aria-busy={reading || undefined}>
        {chosen.map((c, i) => {
          const id = `${idPrefix}-${i}`;
          const plural = nameOf(c.object).toLowerCase();
          return (
            <div key={i} className="imp-object-row">
              <div className="imp-field">
                <label htmlFor={`${id}-object`}>{ordinal[i]}</label>
                <select
                  id={`${id}-object`}
                  className="field-input"
                  value={c.object}
                  disabled={reading}
                  onChange={(e) => onChange(chosen.map((x, j) => (j === i ? { object: e.target.value, mode: x.mode } : x)))}
                >
                  {objects
                    .filter((o) => o.id === c.object || !taken.has(o.id))
                    .map((o) => (
                      <option key={o.id} value={o.id}>
                        {o.plural}
                      </option>
                    ))}
                </select>
              </div>
              <div className="imp-field">
                <label htmlFor={`${id}-mode`}>What to do with {plural}</label>
                <select id={`${id}-mode`} className="field-input" value={c.mode} onChange={(e) => onMode(c.object, e.target.value as ImportMode)}>
                  {Object.values(ImportMode).map((m) => (
                    <option key={m} value={m}>
                      {modeLabels[m]}
                    </option>
                  ))}
                </select>
              </div>
              {i > 0 && (
                <button
                  type="button"
                  className="icon-button imp-remove"
                  aria-label={`Remove ${plural}`}
                  title={`Remove ${plural}`}
                  disabled={reading}
                  onClick={() => onChange(chosen.filter((_, j) => j !== i))}
                >
                  <X size={14} aria-hidden />
                </button>
              )}
            </div>
          );
        })}
        {chosen.length < maxObjects && free.length > 0 && (
          <div className="imp-object-row imp-add">
            <div className="imp-field">
              <label htmlFor={`${idPrefix}-add`}>Each row also holds a…</label>
              <select id={`${idPrefix}-add`} className="field-input" value={toAdd} disabled={reading} onChange={(e) => setAdding(e.target.value)}>
                {free.map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.singular}
                  </option>
                ))}
              </select>
            </div>
            <button
              type="button"
              className="button"
              disabled={reading || !toAdd}
              onClick={() => onChange([...chosen, { object: toAdd, mode: ImportMode.CreateUpdate }])}
            >
              <Plus size={14} aria-hidden />
              Add
            </button>
          </div>
        )}
      </div>
      {chosen.length > 1 && (
        <p className="muted">Each row&apos;s {andList(chosen.map((c) => singularOf(c.object).toLowerCase()))} are associated with each other.</p>
      )}
      <ul className="imp-modes muted">
        <li>Create and update: rows that match an existing record update it; the others create one.</li>
        <li>Create only: rows that match an existing record are left alone. Update only: a row that matches nothing is a problem, skipped.</li>
        <li>Contacts match by email, companies by domain, any object by a Record ID column.</li>
      </ul>
      {reading && <Reading text="Matching the columns…" />}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </>
  );
}
