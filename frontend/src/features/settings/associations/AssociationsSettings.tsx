import { LoaderCircle, Pencil, Plus, Trash2 } from 'lucide-react';
import { useEffect, useId, useState } from 'react';
import { backend, LabelKind, type Label, type ObjectDef, type Pair } from '../../../api/backend';
import { toAppError } from '../../../api/errors';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { isActivity, ObjectIcon } from '../../records/objects';
import { findObject, useObjects } from '../../records/useObjects';
import { LabelDialog } from './LabelDialog';
import { PairLimits } from './PairLimits';
import { kindLabels, labelTitle, lower, named, otherOf, usageSentence, type Named } from './pairs';
import { useAssociationChange, usePairs } from './useAssociationChange';
import '../objects/objects.css';
import './associations.css';

type Open =
  | { kind: 'addLabel'; pair: Pair; other: Named }
  | { kind: 'renameLabel'; pair: Pair; other: Named; label: Label }
  | { kind: 'deleteLabel'; pair: Pair; other: Named; label: Label; usage: number };

// Settings → Associations: for the selected object, its pair with every
// object (itself included), each pair's labels and limits.
export function AssociationsSettings() {
  const objects = useObjects();
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [open, setOpen] = useState<Open | null>(null);
  const close = () => setOpen(null);
  // A confirmed change: the pairs are read again afterwards.
  const change = useAssociationChange((action: () => Promise<unknown>) => action());
  // The element to focus once a dialog has closed, when the one that opened
  // it is gone (a deleted label's button).
  const [refocus, setRefocus] = useState<string | null>(null);
  useEffect(() => {
    if (!refocus || open) return;
    // After the dialog has given the focus back to where it came from.
    const t = setTimeout(() => {
      document.getElementById(refocus)?.focus();
      setRefocus(null);
    });
    return () => clearTimeout(t);
  }, [refocus, open]);

  if (objects.isPending)
    return (
      <p className="muted" aria-busy="true">
        Loading objects…
      </p>
    );
  if (objects.error)
    return (
      <p className="field-error" role="alert">
        {objects.error.message}
      </p>
    );

  // Activities are associated by the rules in Settings → Activities.
  const all = objects.data.filter((o) => !isActivity(o));
  const selected = findObject(all, selectedId ?? '') ?? all[0];

  return (
    <div className="associations-settings">
      <section className="objects-list" aria-labelledby="association-objects-heading">
        <div className="objects-list-header">
          <h2 id="association-objects-heading">Objects</h2>
        </div>
        <ul className="objects-nav">
          {all.map((o) => (
            <li key={o.id}>
              <button type="button" className="objects-nav-item" aria-pressed={o.id === selected?.id} onClick={() => setSelectedId(o.id)}>
                <ObjectIcon id={o.id} size={15} aria-hidden />
                <span className="objects-nav-label">{o.plural}</span>
              </button>
            </li>
          ))}
        </ul>
      </section>

      {selected ? <ObjectPairs key={selected.id} object={selected} objects={objects.data} setOpen={setOpen} /> : <p className="muted">No objects yet.</p>}

      {selected && open?.kind === 'addLabel' && <LabelDialog object={selected} other={open.other} onClose={close} onSaved={close} />}
      {selected && open?.kind === 'renameLabel' && <LabelDialog object={selected} other={open.other} label={open.label} onClose={close} onSaved={close} />}
      {selected && open?.kind === 'deleteLabel' && (
        <ConfirmDialog
          open
          onOpenChange={(isOpen) => !isOpen && close()}
          title={`Delete label “${labelTitle(open.label)}”?`}
          confirmLabel="Delete label"
          busyLabel="Deleting…"
          danger
          onConfirm={async () => {
            await change.mutateAsync(() => backend.deleteLabel(selected.id, open.other.id, open.label.id));
            setRefocus(addLabelId(open.pair));
          }}
        >
          <p>{usageSentence(labelTitle(open.label), open.usage)}</p>
          {open.pair.limits.some((l) => l.label === open.label.id) && <p>Its limits are removed too.</p>}
        </ConfirmDialog>
      )}
    </div>
  );
}

// addLabelId is the ID of a pair's "Add label" button, focused after the pair
// is defined or one of its labels deleted.
const addLabelId = (pair: Pair) => `add-label-${pair.key.replace('|', '--')}`;

function ObjectPairs({ object, objects, setOpen }: { object: ObjectDef; objects: ObjectDef[]; setOpen: (o: Open) => void }) {
  const pairs = usePairs(object.id);
  const activities = new Set(objects.filter(isActivity).map((o) => o.id));
  return (
    <section className="object-details" aria-labelledby="association-object-heading">
      <header className="object-details-header">
        <ObjectIcon id={object.id} size={18} className="object-details-icon" aria-hidden />
        <div className="object-details-title">
          <h2 id="association-object-heading">{object.plural}</h2>
          <p className="muted">
            The objects {lower(object.plural)} can be associated with, the labels those associations can carry, and how many each {lower(object.singular)}{' '}
            may have. A limit refuses new associations above it; records that already have more keep theirs.
          </p>
        </div>
      </header>
      {pairs.isPending ? (
        <p className="muted" aria-busy="true">
          Loading associations…
        </p>
      ) : pairs.error ? (
        <p className="field-error" role="alert">
          {toAppError(pairs.error).message}
        </p>
      ) : (
        <ul className="pair-list">
          {pairs.data
            .filter((p) => !activities.has(otherOf(p, object.id)))
            .map((p) => (
              <li key={p.key}>
                <PairCard pair={p} object={object} other={named(objects, otherOf(p, object.id))} setOpen={setOpen} />
              </li>
            ))}
        </ul>
      )}
    </section>
  );
}

function PairCard({ pair, object, other, setOpen }: { pair: Pair; object: Named; other: Named; setOpen: (o: Open) => void }) {
  const headingId = useId();
  const title = `${object.plural} ↔ ${other.plural}`;
  const define = useAssociationChange(() => backend.definePair(object.id, other.id));
  // Once defined (the pairs are read again before the mutation reports
  // success), the focus moves to the "Add label" button that replaced it.
  const addId = addLabelId(pair);
  useEffect(() => {
    if (define.isSuccess && pair.defined) document.getElementById(addId)?.focus();
  }, [define.isSuccess, pair.defined, addId]);

  return (
    <section className="pair-card" aria-labelledby={headingId}>
      <header className="pair-card-header">
        <h3 id={headingId}>{title}</h3>
        {!pair.defined && <span className="badge pair-undefined">Not defined yet</span>}
      </header>
      {pair.defined ? (
        <>
          <PairLabels pair={pair} object={object} other={other} title={title} setOpen={setOpen} />
          <h4 className="pair-section-title">Limits</h4>
          <PairLimits pair={pair} object={object} other={other} />
        </>
      ) : (
        <div className="pair-undefined-body">
          <p className="muted">
            Records of {lower(object.plural)} and {object.id === other.id ? 'each other' : lower(other.plural)} cannot be associated until this association
            is defined. Defining it lets them be associated, and lets you add labels and limits.
          </p>
          <div>
            <button
              type="button"
              className="button small primary"
              aria-disabled={define.isPending || undefined}
              onClick={() => !define.isPending && define.mutate(undefined)}
            >
              {define.isPending && <LoaderCircle className="spin" size={14} aria-hidden />}
              Define association<span className="visually-hidden"> {title}</span>
            </button>
          </div>
          {define.error && (
            <p className="field-error" role="alert">
              {define.error.message}
            </p>
          )}
        </div>
      )}
    </section>
  );
}

function PairLabels({ pair, object, other, title, setOpen }: { pair: Pair; object: Named; other: Named; title: string; setOpen: (o: Open) => void }) {
  const headingId = useId();
  // The label whose usage is being counted before asking to delete it.
  const [checking, setChecking] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const side = (id: string) => (id === object.id ? object : other);

  const askDelete = async (label: Label) => {
    if (checking !== null) return; // the button keeps its focus while counting
    setChecking(label.id);
    setError(null);
    try {
      const usage = await backend.labelUsage(object.id, other.id, label.id);
      setOpen({ kind: 'deleteLabel', pair, other, label, usage });
    } catch (err) {
      setError(toAppError(err).message);
    } finally {
      setChecking(null);
    }
  };

  const reads = (l: Label) => {
    const from = side(l.from);
    const to = side(l.to);
    if (l.builtIn) return `Marks the ${lower(to.singular)} that is the ${lower(from.singular)}'s primary one.`;
    const one = l.kind === LabelKind.Primary ? `Each ${lower(from.singular)} gives it to one ${lower(to.singular)} only. ` : '';
    if (l.kind === LabelKind.Single || l.name === l.inverse) return one || 'Reads the same both ways.';
    if (from.id === to.id) return `${one}One ${lower(from.singular)} reads “${l.name}”, the other “${l.inverse}”.`;
    return `${one}${from.plural} read “${l.name}”, ${lower(to.plural)} read “${l.inverse}”.`;
  };

  return (
    <>
      <div className="pair-section-header">
        <h4 id={headingId} className="pair-section-title">
          Labels
        </h4>
        <button type="button" id={addLabelId(pair)} className="button small" onClick={() => setOpen({ kind: 'addLabel', pair, other })}>
          <Plus size={14} aria-hidden /> Add label<span className="visually-hidden"> to {title}</span>
        </button>
      </div>
      {pair.labels.length ? (
        <table className="properties-table labels-table" aria-labelledby={headingId}>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Kind</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {pair.labels.map((l) => {
              const t = labelTitle(l);
              return (
                <tr key={l.id}>
                  <th scope="row">
                    <span className="label-name">{t}</span>
                    {l.builtIn && <span className="badge label-builtin">Built-in</span>}
                    <span className="label-reads muted">{reads(l)}</span>
                  </th>
                  <td className="muted label-kind-cell">{kindLabels[l.kind]}</td>
                  <td className="property-actions">
                    {l.builtIn ? (
                      <span className="muted label-locked">Not editable</span>
                    ) : (
                      <>
                        <button
                          type="button"
                          className="icon-button"
                          aria-label={`Rename label ${t}`}
                          title="Rename"
                          onClick={() => setOpen({ kind: 'renameLabel', pair, other, label: l })}
                        >
                          <Pencil size={14} aria-hidden />
                        </button>
                        <button
                          type="button"
                          className="icon-button"
                          aria-label={`Delete label ${t}`}
                          title="Delete"
                          aria-busy={checking === l.id || undefined}
                          onClick={() => void askDelete(l)}
                        >
                          {checking === l.id ? <LoaderCircle className="spin" size={14} aria-hidden /> : <Trash2 size={14} aria-hidden />}
                        </button>
                      </>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : (
        <p className="muted">
          No labels yet. {object.plural} and {object.id === other.id ? 'each other' : lower(other.plural)} can still be associated without one.
        </p>
      )}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </>
  );
}
