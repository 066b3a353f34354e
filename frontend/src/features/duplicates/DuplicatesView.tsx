import { CopyCheck, GitMerge, LoaderCircle, RefreshCw, Undo2, X } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import { backend, BuiltInObject, type DuplicatePair, type ObjectDef, type Property, type RecordData } from '../../api/backend';
import { toAppError } from '../../api/errors';
import { formatValue } from '../records/fields/format';
import { MergeDialog } from '../records/merge/MergeDialog';
import { RouteLink } from '../records/record/RecordPage';
import type { Route } from '../shell/navigation';
import { keyProperties } from './keys';
import { useDuplicateFinder } from './useDuplicateFinder';
import './duplicates.css';

// How many pairs show at first, and more with each "Show more".
export const pageSize = 100;

const dateFmt = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
const count = (n: number) => n.toLocaleString();

// What the notice above the list says of the last change, with Undo for a
// dismissal: the pair comes back where it was.
type Notice = { text: string; undo?: { pair: DuplicatePair; index: number } };

// DuplicatesView finds object's likely duplicate pairs as it mounts (give
// it key={object.id}): a progress bar with Cancel, then the pairs side by
// side, each merged (the record page's merge, the older record kept unless
// swapped) or marked "Not a duplicate", which can be undone.
export function DuplicatesView({ object, navigate }: { object: ObjectDef; navigate: (r: Route) => void }) {
  const { state, search, cancel, setPairs } = useDuplicateFinder(object.id);
  const [shown, setShown] = useState(pageSize);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState<string | null>(null); // the pair being dismissed or restored
  const [merging, setMerging] = useState<DuplicatePair | null>(null);
  const list = useRef<HTMLOListElement>(null);
  const top = useRef<HTMLDivElement>(null);
  // Which pair takes the focus once the list has changed (the one after a
  // pair that went, or one that came back).
  const focusAt = useRef<number | null>(null);
  const plural = object.plural.toLowerCase();
  const singular = object.singular.toLowerCase();
  const props = (keyProperties[object.id] ?? []).flatMap((name) => object.properties.filter((p) => p.name === name));
  const pairs = state.phase === 'done' ? state.pairs : null;

  useEffect(() => {
    const at = focusAt.current;
    if (at === null || !pairs) return;
    focusAt.current = null;
    const items = list.current?.querySelectorAll<HTMLElement>(':scope > li');
    const target =
      items && items.length > 0 ? items[Math.min(at, items.length - 1)] : top.current?.querySelector<HTMLElement>('.dup-notice button, .dup-again');
    target?.focus();
  }, [pairs]);

  const again = () => {
    setNotice(null);
    setError('');
    setShown(pageSize);
    search();
  };

  const dismiss = async (pair: DuplicatePair, index: number) => {
    setBusy(key(pair));
    setError('');
    try {
      await backend.duplicateFinder.dismiss(pair.a.id, pair.b.id);
      focusAt.current = index;
      setPairs((all) => all.filter((p) => key(p) !== key(pair)));
      setNotice({ text: `${nameOf(pair.a, singular)} and ${nameOf(pair.b, singular)} are marked as not duplicates.`, undo: { pair, index } });
    } catch (err) {
      setError(toAppError(err).message);
    } finally {
      setBusy(null);
    }
  };

  const undo = async ({ pair, index }: { pair: DuplicatePair; index: number }) => {
    setBusy(key(pair));
    setError('');
    try {
      await backend.duplicateFinder.undismiss(pair.a.id, pair.b.id);
      focusAt.current = index;
      setPairs((all) => [...all.slice(0, index), pair, ...all.slice(index)]);
      setShown((n) => Math.max(n, index + 1));
      setNotice({ text: `${nameOf(pair.a, singular)} and ${nameOf(pair.b, singular)} are listed again.` });
    } catch (err) {
      setError(toAppError(err).message);
    } finally {
      setBusy(null);
    }
  };

  // The record merged away leaves every pair it was in; the kept one shows
  // its new values in the pairs it is still in.
  const merged = (kept: RecordData, gone: RecordData) => {
    const at = pairs?.findIndex((p) => p.a.id === gone.id || p.b.id === gone.id) ?? 0;
    focusAt.current = Math.max(at, 0);
    setPairs((all) =>
      all
        .filter((p) => p.a.id !== gone.id && p.b.id !== gone.id)
        .map((p) => (p.a.id === kept.id ? { ...p, a: kept } : p.b.id === kept.id ? { ...p, b: kept } : p)),
    );
    setNotice({ text: `${nameOf(gone, singular)} is merged into ${nameOf(kept, singular)}.` });
  };

  let body: React.ReactNode;
  switch (state.phase) {
    case 'searching': {
      const p = state.progress;
      const pct = p && p.total > 0 ? Math.floor((p.done * 100) / p.total) : 0;
      const text = p ? `Read ${count(p.done)} of ${count(p.total)} ${plural}` : `Reading ${plural}…`;
      body = (
        <div className="dup-progress">
          <div
            className="dup-bar"
            role="progressbar"
            aria-label={`Finding duplicate ${plural}`}
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={p ? pct : undefined}
            aria-valuetext={text}
          >
            <div className="dup-bar-fill" style={{ width: `${pct}%` }} />
          </div>
          <p className="dup-progress-text">
            <LoaderCircle className="spin" size={14} aria-hidden />
            <span>{state.canceling ? 'Canceling…' : text}</span>
          </p>
          <button
            type="button"
            className="button"
            disabled={state.canceling}
            onClick={() => void cancel().catch((err: unknown) => setError(toAppError(err).message))}
          >
            <X size={14} aria-hidden /> Cancel
          </button>
        </div>
      );
      break;
    }
    case 'canceled':
      body = (
        <div className="dup-stopped" role="status">
          <p>The search was canceled.</p>
          <button type="button" className="button dup-again" onClick={again}>
            <RefreshCw size={14} aria-hidden /> Search again
          </button>
        </div>
      );
      break;
    case 'failed':
      body = (
        <div className="dup-stopped">
          <p className="field-error" role="alert">
            {state.error}
          </p>
          <button type="button" className="button dup-again" onClick={again}>
            <RefreshCw size={14} aria-hidden /> Try again
          </button>
        </div>
      );
      break;
    case 'done':
      body =
        state.pairs.length === 0 ? (
          <div className="empty-state dup-empty" role="status">
            <CopyCheck className="empty-icon" size={40} strokeWidth={1.5} aria-hidden />
            <h2>
              {state.records === null
                ? `No likely duplicates among your ${plural}`
                : `No likely duplicates among ${count(state.records)} ${state.records === 1 ? singular : plural}`}
            </h2>
            <p>{about(object)}</p>
            <button type="button" className="button dup-again" onClick={again}>
              <RefreshCw size={14} aria-hidden /> Search again
            </button>
          </div>
        ) : (
          <>
            <ol className="dup-list" ref={list} aria-label={`Likely duplicate ${plural}`}>
              {state.pairs.slice(0, shown).map((pair, i) => (
                <PairItem
                  key={key(pair)}
                  object={object}
                  pair={pair}
                  props={props}
                  busy={busy === key(pair)}
                  navigate={navigate}
                  onMerge={() => setMerging(pair)}
                  onDismiss={() => void dismiss(pair, i)}
                />
              ))}
            </ol>
            {state.pairs.length > shown && (
              <button type="button" className="button dup-more" onClick={() => setShown((n) => n + pageSize)}>
                Show {count(Math.min(pageSize, state.pairs.length - shown))} more
              </button>
            )}
          </>
        );
      break;
  }

  return (
    <div className="dup-view">
      <div className="dup-top" ref={top}>
        {state.phase === 'done' && state.pairs.length > 0 && (
          <div className="dup-summary">
            <p className="dup-count" aria-live="polite">
              {state.pairs.length === 1 ? '1 likely duplicate pair' : `${count(state.pairs.length)} likely duplicate pairs`}
              {state.pairs.length >= 5000 && <span className="muted"> (the 5,000 most likely)</span>}
            </p>
            <button type="button" className="button dup-again" onClick={again}>
              <RefreshCw size={14} aria-hidden /> Search again
            </button>
          </div>
        )}
        <div className="dup-notice" role="status">
          {notice && (
            <>
              <span>{notice.text}</span>
              {notice.undo && (
                <button type="button" className="button small" disabled={busy !== null} onClick={() => void undo(notice.undo!)}>
                  <Undo2 size={14} aria-hidden /> Undo
                </button>
              )}
            </>
          )}
        </div>
        {error && (
          <p className="field-error" role="alert">
            {error}
          </p>
        )}
      </div>
      {body}
      {merging && (
        <MergeDialog
          object={object}
          record={merging.a}
          pair={merging.b}
          navigate={navigate}
          onClose={() => setMerging(null)}
          onMerged={(kept, gone) => {
            setError('');
            merged(kept, gone);
          }}
        />
      )}
    </div>
  );
}

function PairItem({
  object,
  pair,
  props,
  busy,
  navigate,
  onMerge,
  onDismiss,
}: {
  object: ObjectDef;
  pair: DuplicatePair;
  props: Property[];
  busy: boolean;
  navigate: (r: Route) => void;
  onMerge: () => void;
  onDismiss: () => void;
}) {
  const singular = object.singular.toLowerCase();
  const label = `${nameOf(pair.a, singular)} and ${nameOf(pair.b, singular)}`;
  return (
    <li className="dup-pair" tabIndex={-1} aria-label={label}>
      <div className="dup-sides">
        <RecordSide object={object} record={pair.a} props={props} older navigate={navigate} />
        <RecordSide object={object} record={pair.b} props={props} navigate={navigate} />
      </div>
      <div className="dup-foot">
        <ul className="dup-reasons" aria-label="Why they look alike">
          {pair.reasons.map((r) => (
            <li key={r} className="dup-chip">
              {r}
            </li>
          ))}
        </ul>
        <div className="dup-actions">
          <button type="button" className="button small" disabled={busy} onClick={onMerge}>
            <GitMerge size={14} aria-hidden /> Merge…
          </button>
          <button type="button" className="button small" disabled={busy} onClick={onDismiss}>
            {busy && <LoaderCircle className="spin" size={14} aria-hidden />}
            Not a duplicate
          </button>
        </div>
      </div>
    </li>
  );
}

function RecordSide({
  object,
  record,
  props,
  older,
  navigate,
}: {
  object: ObjectDef;
  record: RecordData;
  props: Property[];
  older?: boolean;
  navigate: (r: Route) => void;
}) {
  const created = new Date(record.createdAt);
  return (
    <div className="dup-record">
      <p className="dup-name">
        <RouteLink to={{ page: 'record', object: object.id, id: record.id }} navigate={navigate}>
          {nameOf(record, object.singular.toLowerCase())}
        </RouteLink>
        {older && <span className="dup-tag">Older</span>}
      </p>
      <dl className="dup-facts">
        {props.map((p) => {
          const shown = formatValue(p, record.props[p.name]);
          return (
            <div key={p.name} className="dup-fact">
              <dt>{p.label}</dt>
              <dd>{shown || <span className="muted">—</span>}</dd>
            </div>
          );
        })}
        <div className="dup-fact">
          <dt>Created</dt>
          <dd>
            <time dateTime={record.createdAt}>{Number.isNaN(created.getTime()) ? record.createdAt : dateFmt.format(created)}</time>
          </dd>
        </div>
      </dl>
    </div>
  );
}

const key = (p: DuplicatePair) => `${p.a.id}:${p.b.id}`;

function nameOf(r: RecordData, singular: string): string {
  return r.displayName || `Unnamed ${singular}`;
}

function about(object: ObjectDef): string {
  return object.id === BuiltInObject.Companies
    ? 'Companies are paired when they have the same domain or nearly the same name.'
    : 'Contacts are paired when they have the same email, or nearly the same name and a company, an email domain or a phone in common.';
}
