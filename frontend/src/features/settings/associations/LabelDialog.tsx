import { useId, useState } from 'react';
import { backend, LabelKind, type Label, type LabelInput } from '../../../api/backend';
import { FieldError, FormFooter, SchemaDialog } from '../objects/SchemaDialog';
import { fieldErrors } from '../objects/useSchemaChange';
import { labelTitle, lower, type Named } from './pairs';
import { useAssociationChange } from './useAssociationChange';

const kinds: { value: LabelKind; label: string; hint: string }[] = [
  { value: LabelKind.Single, label: 'Single', hint: 'Reads the same both ways, like “Colleague” or “Advisor”.' },
  { value: LabelKind.Paired, label: 'Paired', hint: 'A name each way, like “Manager” ↔ “Employee”.' },
  { value: LabelKind.Primary, label: 'Primary', hint: 'One per record: a record can give it to only one other, like “Primary contact”.' },
];

// LabelDialog adds a label to a pair, or renames one (label given). object
// is the object whose settings are shown, other the pair's other object
// (the same one for a pair of one object). The kind and the side a label is
// read from are fixed once it exists.
export function LabelDialog({
  object,
  other,
  label,
  onClose,
  onSaved,
}: {
  object: Named;
  other: Named;
  label?: Label;
  onClose: () => void;
  onSaved: () => void;
}) {
  const [kind, setKind] = useState<LabelKind>(label?.kind ?? LabelKind.Single);
  const [from, setFrom] = useState(label?.from ?? object.id);
  const [name, setName] = useState(label?.name ?? '');
  // Kept while the kind is single, so switching back loses nothing.
  const [inverse, setInverse] = useState(label && label.kind !== LabelKind.Single ? label.inverse : '');
  const save = useAssociationChange((input: LabelInput) =>
    label ? backend.renameLabel(object.id, other.id, label.id, input) : backend.createLabel(object.id, other.id, input),
  );
  const { byField, general } = fieldErrors(save.error, ['kind', 'from', 'name', 'inverse']);
  const id = useId();

  const same = object.id === other.id;
  const fromObj = from === other.id ? other : object;
  const toObj = from === other.id ? object : other;
  const f = lower(fromObj.singular);
  const t = lower(toObj.singular);
  const showFrom = !same && kind !== LabelKind.Single;

  const nameHint =
    kind === LabelKind.Single
      ? `Shown on both sides of the association.`
      : kind === LabelKind.Paired
        ? same
          ? `What one ${f} is to the other, like “Manager”.`
          : `What a ${t} is to a ${f}: shown on ${lower(fromObj.plural)}.`
        : same
          ? `Each ${f} can give it to one other ${f} only.`
          : `Each ${f} can give it to one ${t} only; shown on ${lower(fromObj.plural)}.`;
  const inverseHint =
    kind === LabelKind.Paired
      ? same
        ? `The other way round, like “Employee”.`
        : `What a ${f} is to a ${t}: shown on ${lower(toObj.plural)}.`
      : same
        ? `The other way round. Leave it empty to use the same name.`
        : `Shown on ${lower(toObj.plural)}. Leave it empty to use the same name.`;

  const text = (key: 'name' | 'inverse', text: string, value: string, set: (v: string) => void, hint: string, autoFocus: boolean) => (
    <div className="schema-field">
      <label htmlFor={`${id}-${key}`}>{text}</label>
      <input
        id={`${id}-${key}`}
        className="field-input"
        value={value}
        autoFocus={autoFocus}
        aria-invalid={byField[key] ? true : undefined}
        aria-describedby={[`${id}-${key}-hint`, byField[key] ? `${id}-${key}-error` : ''].filter(Boolean).join(' ')}
        onChange={(e) => set(e.target.value)}
      />
      <p id={`${id}-${key}-hint`} className="muted schema-hint">
        {hint}
      </p>
      <FieldError id={`${id}-${key}-error`} message={byField[key]} />
    </div>
  );

  return (
    <SchemaDialog
      open
      onOpenChange={(open) => !open && onClose()}
      title={label ? `Rename label ${labelTitle(label)}` : `Add label to ${object.plural} ↔ ${other.plural}`}
      description={
        label
          ? 'The new name shows on every association that carries the label.'
          : `Associations between ${lower(object.plural)} and ${same ? 'each other' : lower(other.plural)} can then carry this label.`
      }
    >
      <form
        className="schema-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (save.isPending) return;
          const input: LabelInput = { kind, from, name, inverse: kind === LabelKind.Single ? '' : inverse };
          save.mutate(input, { onSuccess: onSaved });
        }}
      >
        {!label && (
          <fieldset className="schema-field schema-options" aria-describedby={byField.kind ? `${id}-kind-error` : undefined}>
            <legend>Kind</legend>
            <div className="label-kinds">
              {kinds.map((k) => (
                <div key={k.value} className="label-kind">
                  <input
                    type="radio"
                    id={`${id}-kind-${k.value}`}
                    name={`${id}-kind`}
                    value={k.value}
                    checked={kind === k.value}
                    autoFocus={kind === k.value}
                    aria-describedby={`${id}-kind-${k.value}-hint`}
                    onChange={() => setKind(k.value)}
                  />
                  <label htmlFor={`${id}-kind-${k.value}`}>{k.label}</label>
                  <span id={`${id}-kind-${k.value}-hint`} className="muted">
                    {k.hint}
                  </span>
                </div>
              ))}
            </div>
            <FieldError id={`${id}-kind-error`} message={byField.kind} />
          </fieldset>
        )}
        {showFrom && (
          <div className="schema-field">
            <label htmlFor={`${id}-from`}>Read from</label>
            {label ? (
              <input id={`${id}-from`} className="field-input" value={fromObj.plural} readOnly aria-describedby={`${id}-from-hint`} />
            ) : (
              <select
                id={`${id}-from`}
                className="field-input"
                value={from}
                aria-invalid={byField.from ? true : undefined}
                aria-describedby={[`${id}-from-hint`, byField.from ? `${id}-from-error` : ''].filter(Boolean).join(' ')}
                onChange={(e) => setFrom(e.target.value)}
              >
                {[object, other].map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.plural}
                  </option>
                ))}
              </select>
            )}
            <p id={`${id}-from-hint`} className="muted schema-hint">
              {label
                ? 'The side a label is read from cannot be changed once it exists.'
                : kind === LabelKind.Primary
                  ? `Each ${f} can have only one ${t} with this label.`
                  : `The name is read on ${lower(fromObj.plural)}, the inverse name on ${lower(toObj.plural)}.`}
            </p>
            <FieldError id={`${id}-from-error`} message={byField.from} />
          </div>
        )}
        {text('name', 'Name', name, setName, nameHint, !!label)}
        {kind !== LabelKind.Single && text('inverse', 'Inverse name', inverse, setInverse, inverseHint, false)}
        <FormFooter error={general} busy={save.isPending} submitLabel={label ? 'Save' : 'Add label'} onCancel={onClose} />
      </form>
    </SchemaDialog>
  );
}
