import { useId, useState } from 'react';
import { backend, type ObjectDef, type ObjectInput } from '../../../api/backend';
import { FieldError, FormFooter, SchemaDialog } from './SchemaDialog';
import { fieldErrors, useSchemaChange } from './useSchemaChange';

// ObjectDialog creates a custom object, or renames one (object given).
export function ObjectDialog({ object, onClose, onSaved }: { object?: ObjectDef; onClose: () => void; onSaved: (saved: ObjectDef) => void }) {
  const [input, setInput] = useState<ObjectInput>({ singular: object?.singular ?? '', plural: object?.plural ?? '' });
  const save = useSchemaChange((i: ObjectInput) => (object ? backend.renameObject(object.id, i) : backend.createObject(i)));
  const { byField, general } = fieldErrors(save.error, ['singular', 'plural']);
  const id = useId();

  const field = (key: 'singular' | 'plural', label: string, hint: string) => (
    <div className="schema-field">
      <label htmlFor={`${id}-${key}`}>{label}</label>
      <input
        id={`${id}-${key}`}
        className="field-input"
        value={input[key]}
        placeholder={hint}
        autoFocus={key === 'singular'}
        aria-invalid={byField[key] ? true : undefined}
        aria-describedby={byField[key] ? `${id}-${key}-error` : undefined}
        onChange={(e) => setInput({ ...input, [key]: e.target.value })}
      />
      <FieldError id={`${id}-${key}-error`} message={byField[key]} />
    </div>
  );

  return (
    <SchemaDialog
      open
      onOpenChange={(open) => !open && onClose()}
      title={object ? `Rename ${object.plural}` : 'Create object'}
      description={object ? undefined : 'A custom object holds records of your own kind, for example projects or properties.'}
    >
      <form
        className="schema-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (!save.isPending) save.mutate(input, { onSuccess: onSaved });
        }}
      >
        {field('singular', 'Singular name', 'Project')}
        {field('plural', 'Plural name', 'Projects')}
        <FormFooter error={general} busy={save.isPending} submitLabel={object ? 'Save' : 'Create object'} onCancel={onClose} />
      </form>
    </SchemaDialog>
  );
}
