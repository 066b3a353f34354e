import { X } from 'lucide-react';
import { useId, useRef, useState, type RefObject } from 'react';
import { backend, type Limit, type Pair } from '../../../api/backend';
import { labelKey, noLabelKey, parseLabelKey } from '../../associations/labelKey';
import { FieldError } from '../objects/SchemaDialog';
import { fieldErrors } from '../objects/useSchemaChange';
import { exceedingSentence, labelsFrom, limitSentence, lower, type Named } from './pairs';
import { useAssociationChange, useExceeding } from './useAssociationChange';

// PairLimits shows and changes a pair's limits, one block per direction
// (one for a pair of one object).
export function PairLimits({ pair, object, other }: { pair: Pair; object: Named; other: Named }) {
  const directions: [Named, Named][] =
    object.id === other.id
      ? [[object, other]]
      : [
          [object, other],
          [other, object],
        ];
  return (
    <div className="pair-limits">
      {directions.map(([from, to]) => (
        <LimitDirection key={from.id} pair={pair} from={from} to={to} />
      ))}
    </div>
  );
}

function LimitDirection({ pair, from, to }: { pair: Pair; from: Named; to: Named }) {
  const limits = pair.limits.filter((l) => l.from === from.id);
  const headingId = useId();
  // Where the focus goes when the limit that had it is removed.
  const maxRef = useRef<HTMLInputElement>(null);
  return (
    <div className="limit-direction" role="group" aria-labelledby={headingId}>
      <h5 id={headingId} className="limit-direction-title">
        Each {lower(from.singular)}
      </h5>
      {limits.length ? (
        <ul className="limit-list">
          {limits.map((l) => (
            <LimitItem
              key={labelKey({ id: l.label, inverse: l.inverse })}
              pair={pair}
              limit={l}
              from={from}
              to={to}
              onRemoved={() => maxRef.current?.focus()}
            />
          ))}
        </ul>
      ) : (
        <p className="muted limit-none">
          No limit: each {lower(from.singular)} can have any number of {lower(to.plural)}.
        </p>
      )}
      <LimitForm pair={pair} from={from} to={to} maxRef={maxRef} />
    </div>
  );
}

function LimitItem({ pair, limit, from, to, onRemoved }: { pair: Pair; limit: Limit; from: Named; to: Named; onRemoved: () => void }) {
  const exceeding = useExceeding(from.id, to.id, limit);
  const remove = useAssociationChange(() => backend.setLimit(from.id, to.id, { ...limit, max: 0 }));
  const sentence = limitSentence(pair, limit, from, to);
  return (
    <li className="limit-item">
      <div className="limit-item-text">
        <span>{sentence}</span>
        {exceeding.data ? <span className="limit-exceeding">{exceedingSentence(exceeding.data, from)}</span> : null}
        {exceeding.error && <span className="field-error limit-error">{exceeding.error.message}</span>}
        {remove.error && (
          <span className="field-error limit-error" role="alert">
            {remove.error.message}
          </span>
        )}
      </div>
      <button
        type="button"
        className="button small"
        aria-label={`Remove limit: ${sentence}`}
        aria-disabled={remove.isPending || undefined}
        onClick={() => !remove.isPending && void remove.mutateAsync(undefined).then(onRemoved, () => {})}
      >
        <X size={14} aria-hidden /> Remove
      </button>
    </li>
  );
}

// LimitForm sets a limit: on all associations, or on those with one label
// read from this side. Setting one that exists changes its number.
function LimitForm({ pair, from, to, maxRef }: { pair: Pair; from: Named; to: Named; maxRef: RefObject<HTMLInputElement | null> }) {
  const [max, setMax] = useState('');
  const [choice, setChoice] = useState(noLabelKey);
  const [invalid, setInvalid] = useState<string | null>(null);
  const save = useAssociationChange((limit: Limit) => backend.setLimit(from.id, to.id, limit));
  const { byField, general } = fieldErrors(save.error, ['max', 'label']);
  const maxError = invalid ?? byField.max;
  const labels = labelsFrom(pair, from.id);
  // A label deleted meanwhile falls back to all associations.
  const current = labels.some((l) => labelKey(l) === choice) ? choice : noLabelKey;
  const id = useId();

  return (
    <form
      className="limit-form"
      noValidate
      aria-label={`Set a limit for each ${lower(from.singular)}`}
      onSubmit={(e) => {
        e.preventDefault();
        if (save.isPending) return;
        const text = max.trim();
        if (!/^\d+$/.test(text) || Number(text) < 1 || Number(text) > 1_000_000) {
          setInvalid('Enter a whole number from 1 to 1,000,000.');
          return;
        }
        setInvalid(null);
        const { id: label, inverse } = parseLabelKey(current);
        save.mutate({ from: from.id, label, inverse, max: Number(text) }, { onSuccess: () => setMax('') });
      }}
    >
      <div className="limit-form-row">
        <span aria-hidden>Each {lower(from.singular)} can have at most</span>
        <input
          id={`${id}-max`}
          ref={maxRef}
          className="field-input limit-max"
          type="number"
          inputMode="numeric"
          min={1}
          max={1_000_000}
          step={1}
          value={max}
          aria-label={`Most ${lower(to.plural)} per ${lower(from.singular)}`}
          aria-invalid={maxError ? true : undefined}
          aria-describedby={maxError ? `${id}-max-error` : undefined}
          onChange={(e) => {
            setMax(e.target.value);
            setInvalid(null);
          }}
        />
        <span aria-hidden>{lower(to.plural)}</span>
        <select
          className="field-input limit-label"
          aria-label={`Which ${lower(to.plural)} count`}
          value={current}
          aria-invalid={byField.label ? true : undefined}
          aria-describedby={byField.label ? `${id}-label-error` : undefined}
          onChange={(e) => setChoice(e.target.value)}
        >
          <option value={noLabelKey}>in all</option>
          {labels.map((l) => (
            <option key={labelKey(l)} value={labelKey(l)}>
              labelled “{l.name}”
            </option>
          ))}
        </select>
        <button type="submit" className="button small" aria-disabled={save.isPending || undefined}>
          Set limit
        </button>
      </div>
      <FieldError id={`${id}-max-error`} message={maxError} />
      <FieldError id={`${id}-label-error`} message={byField.label} />
      {general && (
        <p className="field-error schema-field-error" role="alert">
          {general}
        </p>
      )}
    </form>
  );
}
