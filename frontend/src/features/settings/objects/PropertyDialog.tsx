import { Plus, Trash2 } from 'lucide-react';
import { useId, useRef, useState } from 'react';
import { backend, type ObjectDef, type Property, type PropertyInput, type PropertyType } from '../../../api/backend';
import { propertyTypes, typeLabel } from '../../records/fields/propertyTypes';
import { FieldError, FormFooter, SchemaDialog } from './SchemaDialog';
import { fieldErrors, useSchemaChange } from './useSchemaChange';

interface OptionRow {
  key: number; // only for React
  value: string; // "" for a new option: the backend gives it a stable value
  label: string;
}

// emptyRow is a new option row, keyed apart from the rows already there.
const emptyRow = (rows: OptionRow[]): OptionRow => ({ key: Math.max(-1, ...rows.map((r) => r.key)) + 1, value: '', label: '' });

// PropertyDialog adds a property to an object, or edits one (property
// given): its label and, for dropdowns, its options. The type is fixed once
// the property exists.
export function PropertyDialog({
  object,
  property,
  onClose,
  onSaved,
}: {
  object: ObjectDef;
  property?: Property;
  onClose: () => void;
  onSaved: () => void;
}) {
  const [label, setLabel] = useState(property?.label ?? '');
  const [type, setType] = useState<PropertyType>(property?.type ?? 'text');
  const [options, setOptions] = useState<OptionRow[]>(() =>
    property?.options?.length ? property.options.map((o, key) => ({ key, value: o.value, label: o.label })) : [emptyRow([])],
  );
  const optionsRef = useRef<HTMLUListElement>(null);
  const save = useSchemaChange((input: PropertyInput) =>
    property ? backend.updateProperty(object.id, property.name, input) : backend.addProperty(object.id, input),
  );
  const { byField, general } = fieldErrors(save.error, ['label', 'type', 'options']);
  const id = useId();

  const addOption = () => {
    setOptions((rows) => [...rows, emptyRow(rows)]);
    // Focus the new option once it is rendered.
    requestAnimationFrame(() => {
      const inputs = optionsRef.current?.querySelectorAll('input');
      inputs?.[inputs.length - 1]?.focus();
    });
  };

  return (
    <SchemaDialog
      open
      onOpenChange={(open) => !open && onClose()}
      title={property ? `Edit property ${property.label}` : `Add property to ${object.plural}`}
    >
      <form
        className="schema-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (save.isPending) return;
          const input: PropertyInput = {
            label,
            type,
            options: type === 'dropdown' ? options.map(({ value, label }) => ({ value, label })) : [],
          };
          save.mutate(input, { onSuccess: onSaved });
        }}
      >
        <div className="schema-field">
          <label htmlFor={`${id}-label`}>Property name</label>
          <input
            id={`${id}-label`}
            className="field-input"
            value={label}
            autoFocus
            aria-invalid={byField.label ? true : undefined}
            aria-describedby={byField.label ? `${id}-label-error` : undefined}
            onChange={(e) => setLabel(e.target.value)}
          />
          <FieldError id={`${id}-label-error`} message={byField.label} />
        </div>
        <div className="schema-field">
          <label htmlFor={`${id}-type`}>Type</label>
          {property ? (
            <>
              <input id={`${id}-type`} className="field-input" value={typeLabel(property.type)} readOnly aria-describedby={`${id}-type-hint`} />
              <p id={`${id}-type-hint`} className="muted schema-hint">
                The type cannot be changed once the property exists.
              </p>
            </>
          ) : (
            <select
              id={`${id}-type`}
              className="field-input"
              value={type}
              aria-invalid={byField.type ? true : undefined}
              aria-describedby={byField.type ? `${id}-type-error` : undefined}
              onChange={(e) => setType(e.target.value as PropertyType)}
            >
              {propertyTypes.map((t) => (
                <option key={t.value} value={t.value}>
                  {t.label}
                </option>
              ))}
            </select>
          )}
          <FieldError id={`${id}-type-error`} message={byField.type} />
        </div>
        {type === 'dropdown' && (
          <fieldset className="schema-field schema-options" aria-describedby={byField.options ? `${id}-options-error` : undefined}>
            <legend>Options</legend>
            <ul ref={optionsRef} className="schema-option-list">
              {options.map((o, i) => (
                <li key={o.key} className="schema-option">
                  <input
                    className="field-input"
                    aria-label={`Option ${i + 1}`}
                    value={o.label}
                    aria-invalid={byField.options ? true : undefined}
                    onChange={(e) => setOptions((rows) => rows.map((r) => (r.key === o.key ? { ...r, label: e.target.value } : r)))}
                  />
                  <button
                    type="button"
                    className="icon-button"
                    aria-label={`Remove option ${o.label.trim() || i + 1}`}
                    title="Remove option"
                    onClick={() => setOptions((rows) => rows.filter((r) => r.key !== o.key))}
                  >
                    <Trash2 size={14} aria-hidden />
                  </button>
                </li>
              ))}
            </ul>
            <button type="button" className="button small" onClick={addOption}>
              <Plus size={14} aria-hidden /> Add option
            </button>
            <FieldError id={`${id}-options-error`} message={byField.options} />
          </fieldset>
        )}
        <FormFooter error={general} busy={save.isPending} submitLabel={property ? 'Save' : 'Add property'} onCancel={onClose} />
      </form>
    </SchemaDialog>
  );
}
