import * as Dialog from '@radix-ui/react-dialog';
import type { Ref } from 'react';
import type { ObjectDef, PropValue } from '../../../api/backend';
import { toAppError } from '../../../api/errors';
import { fromInputValue } from './format';
import { PropertyField } from './PropertyField';

// The form of a new record, shared by the create dialog and the add panel's
// "Create new": one field per property, as text until it is sent.

export type FieldTexts = Record<string, string>;

export function emptyTexts(object: ObjectDef): FieldTexts {
  return Object.fromEntries(object.properties.map((p) => [p.name, '']));
}

// propsFromTexts turns the typed texts into the values to send.
export function propsFromTexts(object: ObjectDef, texts: FieldTexts): Record<string, PropValue> {
  const props: Record<string, PropValue> = {};
  for (const p of object.properties) {
    const v = fromInputValue(p, texts[p.name] ?? '');
    if (v !== null && v !== '') props[p.name] = v;
  }
  return props;
}

// FormError is a refusal shown in a form: next to the property it names
// (on top when field is undefined), and others next to theirs.
export interface FormError {
  message: string;
  field?: string;
  others?: Record<string, string>;
}

// fieldError places a backend error next to the property it names, or on
// top of the form (field undefined) when it names none of them; every other
// property refused with it shows its own message.
export function fieldError(object: ObjectDef, err: unknown): FormError {
  const e = toAppError(err);
  const known = e.field && object.properties.some((p) => p.name === e.field);
  return { message: e.message, field: known ? e.field : undefined, others: e.others };
}

// messageFor is what a form shows under one property.
export function messageFor(error: FormError | null, property: string): string | undefined {
  if (!error) return undefined;
  return error.field === property ? error.message : error.others?.[property];
}

export function RecordFormFields({
  object,
  idPrefix,
  texts,
  onChange,
  error,
  firstField,
}: {
  object: ObjectDef;
  idPrefix: string;
  texts: FieldTexts;
  onChange: (texts: (prev: FieldTexts) => FieldTexts) => void;
  error: FormError | null;
  firstField: Ref<HTMLInputElement & HTMLTextAreaElement & HTMLSelectElement>;
}) {
  return (
    <div className="idx-form-fields">
      {object.properties.map((p, i) => (
        <div key={p.name} className="idx-form-field">
          <label htmlFor={`${idPrefix}-${p.name}`}>{p.label}</label>
          <PropertyField
            ref={i === 0 ? firstField : undefined}
            id={`${idPrefix}-${p.name}`}
            property={p}
            value={texts[p.name] ?? ''}
            autoFocus={i === 0}
            error={messageFor(error, p.name)}
            onChange={(t) => onChange((s) => ({ ...s, [p.name]: t }))}
          />
        </div>
      ))}
    </div>
  );
}

// CreateActions are a create form's buttons: Cancel closes the dialog,
// "Create and add another" keeps it open, Create submits.
export function CreateActions({ busy, onCreateAnother, className = 'form-actions' }: { busy: boolean; onCreateAnother: () => void; className?: string }) {
  return (
    <div className={className}>
      <Dialog.Close asChild>
        <button type="button" className="button">
          Cancel
        </button>
      </Dialog.Close>
      <button type="button" className="button" disabled={busy} onClick={onCreateAnother}>
        Create and add another
      </button>
      <button type="submit" className="button primary" disabled={busy}>
        {busy ? 'Creating…' : 'Create'}
      </button>
    </div>
  );
}
