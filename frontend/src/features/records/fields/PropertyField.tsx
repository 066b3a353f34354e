import { forwardRef, type KeyboardEvent } from 'react';
import type { Property } from '../../../api/backend';
import { choiceOptions } from './propertyTypes';

export interface PropertyFieldProps {
  property: Property;
  value: string; // the input's text, see toInputValue/fromInputValue
  onChange: (text: string) => void;
  error?: string; // shown under the field and linked for screen readers
  id?: string;
  autoFocus?: boolean;
  onKeyDown?: (e: KeyboardEvent<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>) => void;
  onBlur?: () => void;
}

const inputType: Partial<Record<Property['type'], string>> = {
  number: 'text',
  currency: 'text',
  date: 'date',
  datetime: 'datetime-local',
  email: 'email',
  phone: 'tel',
  url: 'text',
};

// PropertyField is the input control for one property, by its type. Its
// accessible name is the property's label.
export const PropertyField = forwardRef<HTMLInputElement & HTMLTextAreaElement & HTMLSelectElement, PropertyFieldProps>(function PropertyField(
  { property, value, onChange, error, id, autoFocus, onKeyDown, onBlur },
  ref,
) {
  const fieldId = id ?? `field-${property.name}`;
  const errorId = `${fieldId}-error`;
  const common = {
    id: fieldId,
    name: property.name,
    'aria-label': property.label,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': error ? errorId : undefined,
    autoFocus,
    onKeyDown,
    onBlur,
    className: 'field-input',
  };
  const options = choiceOptions(property);
  let control;
  if (property.type === 'long_text') {
    control = <textarea ref={ref} {...common} rows={4} value={value} onChange={(e) => onChange(e.target.value)} />;
  } else if (options) {
    control = (
      <select ref={ref} {...common} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">—</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    );
  } else {
    control = (
      <input
        ref={ref}
        {...common}
        type={inputType[property.type] ?? 'text'}
        inputMode={property.type === 'number' || property.type === 'currency' ? 'decimal' : undefined}
        value={value}
        onChange={(e) => onChange(e.target.value)}
      />
    );
  }
  return (
    <>
      {control}
      {error && (
        <p id={errorId} className="field-error" role="alert">
          {error}
        </p>
      )}
    </>
  );
});
