import { LoaderCircle } from 'lucide-react';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { Property, PropValue } from '../../../api/backend';
import { toAppError } from '../../../api/errors';
import { PropertyField } from '../fields/PropertyField';
import { formatValue, fromInputValue, toInputValue } from '../fields/format';

export interface PropertyRowProps {
  property: Property;
  value: PropValue | undefined;
  readOnly?: boolean;
  // onSave stores the new value; it rejects with an AppError when the
  // backend refuses it.
  onSave: (name: string, value: PropValue) => Promise<unknown>;
}

type Mode = { kind: 'view' } | { kind: 'edit'; draft: string; error?: string; focus: boolean } | { kind: 'saving'; draft: string; pending: PropValue };

// PropertyRow is one property on the record page: its label and value,
// edited in place. Enter (Ctrl+Enter for long text) or leaving the field
// saves, Escape cancels. While saving, the new value shows at once with a
// spinner; if the backend refuses it the editor comes back with the text
// the user typed and the reason under it.
export function PropertyRow({ property, value, readOnly, onSave }: PropertyRowProps) {
  const [mode, setMode] = useState<Mode>({ kind: 'view' });
  // Set once the edit has been decided (saved or cancelled), so the blur
  // that follows Enter or Escape does not save a second time.
  const settled = useRef(false);
  const valueButton = useRef<HTMLButtonElement>(null);
  // Set when the value should take the focus back once it shows again.
  const refocus = useRef(false);
  useEffect(() => {
    if (mode.kind === 'view' && refocus.current) {
      refocus.current = false;
      valueButton.current?.focus();
    }
  }, [mode.kind]);
  const labelId = `prop-${property.name}-label`;
  const valueId = `prop-${property.name}-value`;
  const fieldId = `prop-${property.name}-field`;

  const startEditing = () => {
    if (readOnly || mode.kind === 'edit') return;
    settled.current = false;
    setMode({ kind: 'edit', draft: toInputValue(property, value), focus: true });
  };

  const cancel = () => {
    settled.current = true;
    refocus.current = true;
    setMode({ kind: 'view' });
  };

  const save = async (draft: string, viaKeyboard: boolean) => {
    if (settled.current) return;
    settled.current = true;
    const next = fromInputValue(property, draft);
    if (draft === toInputValue(property, value) || (next === null && (value === null || value === undefined || value === ''))) {
      refocus.current = viaKeyboard;
      setMode({ kind: 'view' });
      return;
    }
    setMode({ kind: 'saving', draft, pending: next });
    try {
      await onSave(property.name, next);
      refocus.current = viaKeyboard;
      setMode({ kind: 'view' });
    } catch (err) {
      settled.current = false;
      setMode({ kind: 'edit', draft, error: toAppError(err).message, focus: viaKeyboard });
    }
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>) => {
    if (mode.kind !== 'edit') return;
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      cancel();
    } else if (e.key === 'Enter' && !e.nativeEvent.isComposing) {
      const longText = property.type === 'long_text';
      if (longText && !(e.ctrlKey || e.metaKey)) return; // a newline
      e.preventDefault();
      void save(mode.draft, true);
    }
  };

  let body;
  if (mode.kind === 'edit') {
    body = (
      <div className="prop-editor">
        <PropertyField
          id={fieldId}
          property={property}
          value={mode.draft}
          autoFocus={mode.focus}
          error={mode.error}
          onChange={(draft) => setMode({ ...mode, draft })}
          onKeyDown={onKeyDown}
          onBlur={() => void save(mode.draft, false)}
        />
        <p className="prop-hint muted">{property.type === 'long_text' ? 'Ctrl+Enter to save' : 'Enter to save'} · Esc to cancel</p>
      </div>
    );
  } else if (mode.kind === 'saving') {
    const text = formatValue(property, mode.pending);
    body = (
      <div className="prop-value is-saving" aria-busy="true">
        <span className={text ? 'prop-text' : 'prop-text prop-empty'}>{text || '—'}</span>
        <span className="prop-saving" role="status">
          <LoaderCircle className="spin" size={12} aria-hidden /> Saving…
        </span>
      </div>
    );
  } else {
    const text = formatValue(property, value);
    const content = <span className={text ? 'prop-text' : 'prop-text prop-empty'}>{text || '—'}</span>;
    body = readOnly ? (
      <div className="prop-value is-readonly" id={valueId} aria-labelledby={`${labelId} ${valueId}`}>
        {content}
      </div>
    ) : (
      <button
        ref={valueButton}
        type="button"
        id={valueId}
        className="prop-value"
        aria-labelledby={`${labelId} ${valueId}`}
        aria-description="Press Enter to edit"
        title={`Edit ${property.label}`}
        // On press, not on click: the editor being left saves and shrinks,
        // moving this row before the click would land on it.
        onMouseDown={(e) => {
          if (e.button !== 0) return;
          e.preventDefault();
          startEditing();
        }}
        onClick={startEditing}
      >
        {content}
      </button>
    );
  }

  return (
    <div className="prop">
      {mode.kind === 'edit' ? (
        <label className="prop-label" id={labelId} htmlFor={fieldId}>
          {property.label}
        </label>
      ) : (
        <div className="prop-label" id={labelId}>
          {property.label}
        </div>
      )}
      {body}
    </div>
  );
}
