import { useId, useMemo } from 'react';
import { ColumnKind, type ImportColumn, type ImportFile, type ImportSetup, type ObjectDef } from '../../api/backend';
import { columnKey, duplicates, importAsGroups, skipKey, withChoice, type ImportAs } from './mapping';

// columnName is a column's header, or its place when the header is empty.
export function columnName(header: string, index: number): string {
  return header.trim() || `Column ${index + 1}`;
}

// MapStep is "Map columns": one row per column of the file with its first
// values and what it is imported as, then the file's first rows. A choice
// two columns share (a property, a Record ID, a primary company) is
// flagged on both. error: the backend's refusal of one column's choice.
export function MapStep({
  file,
  setup,
  objects,
  error,
  onChange,
}: {
  file: ImportFile;
  setup: ImportSetup;
  objects: ObjectDef[];
  error: { header: string; message: string } | null;
  onChange: (index: number, column: ImportColumn) => void;
}) {
  const idPrefix = useId();
  const groups = useMemo(() => importAsGroups(setup, objects), [setup, objects]);
  const repeated = duplicates(setup.columns);
  const imported = setup.columns.filter((c) => c.kind !== ColumnKind.Skip).length;

  const choose = (index: number, c: ImportColumn, key: string, options: ImportAs[]) => {
    const option = options.find((o) => o.key === key);
    onChange(index, option ? { header: c.header, ...option.column } : { header: c.header, kind: ColumnKind.Skip, object: c.object });
  };

  return (
    <>
      <p className="muted">
        Choose what each column holds. Columns whose header names a property are chosen already. {imported.toLocaleString()} of{' '}
        {setup.columns.length.toLocaleString()} columns will be imported.
      </p>
      <div className="imp-table-wrap">
        <table className="imp-table imp-map-table" aria-label="Columns of the file">
          <thead>
            <tr>
              <th scope="col">Column</th>
              <th scope="col">First values</th>
              <th scope="col">Import as</th>
            </tr>
          </thead>
          <tbody>
            {setup.columns.map((c, i) => {
              const name = columnName(c.header, i);
              const own = withChoice(groups, c, objects);
              const options = own.flatMap((g) => g.options);
              const others = repeated.get(i);
              const refused = error && error.header === c.header ? error.message : '';
              const messageId = `${idPrefix}-${i}-message`;
              const values = file.preview
                .slice(0, 3)
                .map((row) => row[i] ?? '')
                .filter((v) => v.trim() !== '');
              return (
                <tr key={i}>
                  <th scope="row" className="imp-header">
                    {name}
                  </th>
                  <td className="imp-values">
                    {values.length === 0 ? (
                      <span className="muted">(empty)</span>
                    ) : (
                      values.map((v, j) => (
                        <span key={j} className="imp-value" title={v}>
                          {v}
                        </span>
                      ))
                    )}
                  </td>
                  <td className="imp-choice">
                    <select
                      className="field-input"
                      aria-label={`Import “${name}” as`}
                      value={columnKey(c)}
                      aria-invalid={others || refused ? true : undefined}
                      aria-describedby={others || refused ? messageId : undefined}
                      onChange={(e) => choose(i, c, e.target.value, options)}
                    >
                      <option value={skipKey}>Don&apos;t import</option>
                      {own.map((g) => (
                        <optgroup key={g.object.id} label={g.object.plural}>
                          {g.options.map((o) => (
                            <option key={o.key} value={o.key}>
                              {o.label}
                            </option>
                          ))}
                        </optgroup>
                      ))}
                    </select>
                    {(others || refused) && (
                      <p id={messageId} className="field-error imp-choice-error">
                        {others ? `Also imported from ${others.map((h) => `“${h}”`).join(', ')}: choose it for one column only.` : refused}
                      </p>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <h4 className="imp-subheading">First rows of the file</h4>
      <Preview file={file} />
    </>
  );
}

function Preview({ file }: { file: ImportFile }) {
  if (file.preview.length === 0) return <p className="muted">The file has no rows under its header.</p>;
  return (
    <div className="imp-table-wrap">
      <table className="imp-table imp-preview" aria-label="First rows of the file">
        <thead>
          <tr>
            {file.headers.map((h, i) => (
              <th key={i} scope="col">
                {columnName(h, i)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {file.preview.map((row, r) => (
            <tr key={r}>
              {file.headers.map((_, i) => (
                <td key={i} title={row[i] ?? ''}>
                  {row[i] ?? ''}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
