import * as Dialog from '@radix-ui/react-dialog';
import { useRef, useState, type FormEvent } from 'react';
import { backend, type ObjectDef, type RecordData } from '../../../api/backend';
import { DuplicateNotice } from '../duplicates/DuplicateNotice';
import { useDuplicates } from '../duplicates/useDuplicates';
import { CreateActions, emptyTexts, fieldError, propsFromTexts, RecordFormFields, type FieldTexts } from '../fields/RecordFormFields';

// CreateRecordDialog asks for one value per property and creates the record.
// A backend error shows next to the field it names; nothing typed is lost.
// A record that already has the email or domain typed is named, with a
// link to open it; Create still creates a new one.
export function CreateRecordDialog({
  object,
  open,
  onOpenChange,
  onCreated,
}: {
  object: ObjectDef;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onCreated: (r: RecordData) => void;
}) {
  const [texts, setTexts] = useState<FieldTexts>(() => emptyTexts(object));
  const [error, setError] = useState<{ message: string; field?: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [createdNote, setCreatedNote] = useState('');
  const firstField = useRef<HTMLInputElement & HTMLTextAreaElement & HTMLSelectElement>(null);
  const duplicates = useDuplicates(object, texts);

  const reset = () => {
    setTexts(emptyTexts(object));
    setError(null);
    setCreatedNote('');
  };

  const create = async (another: boolean) => {
    const props = propsFromTexts(object, texts);
    setBusy(true);
    setError(null);
    try {
      const r = await backend.createRecord(object.id, props);
      onCreated(r);
      if (another) {
        setTexts(emptyTexts(object));
        setCreatedNote(`Created ${r.displayName || object.singular}.`);
        firstField.current?.focus();
      } else {
        reset();
        onOpenChange(false);
      }
    } catch (err) {
      setError(fieldError(object, err));
      setCreatedNote('');
    } finally {
      setBusy(false);
    }
  };

  const topError = error && !error.field ? error.message : '';

  return (
    <Dialog.Root
      open={open}
      onOpenChange={(o) => {
        if (!o) setError(null);
        onOpenChange(o);
      }}
    >
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content className="dialog dialog-wide" aria-describedby={undefined}>
          <Dialog.Title className="idx-dialog-title">Create {object.singular.toLowerCase()}</Dialog.Title>
          <form
            onSubmit={(e: FormEvent) => {
              e.preventDefault();
              void create(false);
            }}
            noValidate
          >
            {topError && (
              <p className="field-error idx-top-error" role="alert">
                {topError}
              </p>
            )}
            {createdNote && (
              <p className="idx-note" role="status">
                {createdNote}
              </p>
            )}
            <RecordFormFields object={object} idPrefix={`create-${object.id}`} texts={texts} onChange={setTexts} error={error} firstField={firstField} />
            <DuplicateNotice object={object} warnings={duplicates} onOpen={() => onOpenChange(false)} />
            <CreateActions busy={busy} onCreateAnother={() => void create(true)} />
          </form>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
