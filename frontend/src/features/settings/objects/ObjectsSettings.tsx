import { Pencil, Plus, Tag, Trash2 } from 'lucide-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { backend, type ObjectDef, type Property } from '../../../api/backend';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { typeLabel } from '../../records/fields/propertyTypes';
import { isActivity, ObjectIcon } from '../../records/objects';
import { findObject, useObjects } from '../../records/useObjects';
import { ObjectDialog } from './ObjectDialog';
import { PropertyDialog } from './PropertyDialog';
import { useSchemaChange } from './useSchemaChange';
import { canNameBy, isNameProperty } from './nameProperty';
import './objects.css';

type Open =
  | { kind: 'createObject' }
  | { kind: 'renameObject'; object: ObjectDef }
  | { kind: 'deleteObject'; object: ObjectDef }
  | { kind: 'addProperty'; object: ObjectDef }
  | { kind: 'editProperty'; object: ObjectDef; property: Property }
  | { kind: 'removeProperty'; object: ObjectDef; property: Property }
  | { kind: 'nameBy'; object: ObjectDef; property: Property };

// Settings → Objects and properties: the built-in and custom objects, and
// the properties of the one selected.
export function ObjectsSettings() {
  const objects = useObjects();
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [open, setOpen] = useState<Open | null>(null);
  const close = () => setOpen(null);
  // A confirmed schema change: the objects are read again afterwards.
  const change = useSchemaChange((action: () => Promise<unknown>) => action());
  const closeOnDismiss = (isOpen: boolean) => !isOpen && close();
  const client = useQueryClient();

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

  const all = objects.data;
  const selected = findObject(all, selectedId ?? '') ?? all[0];
  const navItem = (o: ObjectDef) => (
    <li key={o.id}>
      <button type="button" className="objects-nav-item" aria-pressed={o.id === selected?.id} onClick={() => setSelectedId(o.id)}>
        <ObjectIcon id={o.id} size={15} aria-hidden />
        <span className="objects-nav-label">{o.plural}</span>
        <span className={o.builtIn ? 'badge' : 'badge custom'}>{o.builtIn ? 'Built-in' : 'Custom'}</span>
      </button>
    </li>
  );
  const activities = all.filter(isActivity);

  return (
    <div className="objects-settings">
      <section className="objects-list" aria-labelledby="objects-heading">
        <div className="objects-list-header">
          <h2 id="objects-heading">Objects</h2>
          <button type="button" className="button small" onClick={() => setOpen({ kind: 'createObject' })}>
            <Plus size={14} aria-hidden /> Create object
          </button>
        </div>
        <ul className="objects-nav">{all.filter((o) => !isActivity(o)).map(navItem)}</ul>
        {activities.length > 0 && (
          <>
            <h3 id="activity-objects-heading" className="objects-nav-group">
              Activities
            </h3>
            <ul className="objects-nav" aria-labelledby="activity-objects-heading">
              {activities.map(navItem)}
            </ul>
          </>
        )}
      </section>

      {selected && <ObjectDetails object={selected} setOpen={setOpen} />}

      {open?.kind === 'createObject' && (
        <ObjectDialog
          onClose={close}
          onSaved={(created) => {
            setSelectedId(created.id);
            close();
          }}
        />
      )}
      {open?.kind === 'renameObject' && <ObjectDialog object={open.object} onClose={close} onSaved={close} />}
      {open?.kind === 'deleteObject' && (
        <ConfirmDialog
          open
          onOpenChange={closeOnDismiss}
          title={`Delete ${open.object.plural}?`}
          confirmLabel="Delete object"
          danger
          onConfirm={async () => {
            await change.mutateAsync(() => backend.deleteObject(open.object.id));
            setSelectedId(null);
          }}
        >
          <p>The object {open.object.plural} and its properties are removed. An object that still has records cannot be deleted.</p>
        </ConfirmDialog>
      )}
      {open?.kind === 'addProperty' && <PropertyDialog object={open.object} onClose={close} onSaved={close} />}
      {open?.kind === 'editProperty' && <PropertyDialog object={open.object} property={open.property} onClose={close} onSaved={close} />}
      {open?.kind === 'removeProperty' && (
        <ConfirmDialog
          open
          onOpenChange={closeOnDismiss}
          title={`Remove ${open.property.label}?`}
          confirmLabel="Remove property"
          danger
          onConfirm={() => change.mutateAsync(() => backend.removeProperty(open.object.id, open.property.name))}
        >
          <p>
            {open.property.label} is removed from {open.object.plural}. Values already saved stay in the records&apos; history.
          </p>
        </ConfirmDialog>
      )}
      {open?.kind === 'nameBy' && (
        <ConfirmDialog
          open
          onOpenChange={closeOnDismiss}
          title={`Name ${open.object.plural.toLowerCase()} by ${open.property.label}?`}
          confirmLabel={`Use ${open.property.label} as the name`}
          onConfirm={async () => {
            await change.mutateAsync(() => backend.setDisplayProperty(open.object.id, open.property.name));
            await client.invalidateQueries(); // every list, page and search shows the new names
          }}
        >
          <p>
            Each {open.object.singular.toLowerCase()} is then shown, sorted and found by its {open.property.label}, so every one of them needs a{' '}
            {open.property.label}.
          </p>
        </ConfirmDialog>
      )}
    </div>
  );
}

function ObjectDetails({ object, setOpen }: { object: ObjectDef; setOpen: (o: Open) => void }) {
  return (
    <section className="object-details" aria-labelledby="object-heading">
      <header className="object-details-header">
        <ObjectIcon id={object.id} size={18} className="object-details-icon" aria-hidden />
        <div className="object-details-title">
          <h2 id="object-heading">{object.plural}</h2>
          <p className="muted">
            {object.builtIn ? 'Built-in object' : 'Custom object'} · one is called “{object.singular}” · <span className="mono">{object.id}</span>
          </p>
        </div>
        {!object.builtIn && (
          <div className="object-details-actions">
            <button type="button" className="button small" onClick={() => setOpen({ kind: 'renameObject', object })}>
              <Pencil size={14} aria-hidden /> Rename
            </button>
            <button type="button" className="button small danger" onClick={() => setOpen({ kind: 'deleteObject', object })}>
              <Trash2 size={14} aria-hidden /> Delete
            </button>
          </div>
        )}
      </header>

      <div className="properties-header">
        <h3 id="properties-heading">Properties</h3>
        <button type="button" className="button small primary" onClick={() => setOpen({ kind: 'addProperty', object })}>
          <Plus size={14} aria-hidden /> Add property
        </button>
      </div>
      <table className="properties-table" aria-labelledby="properties-heading">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Type</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {object.properties.map((p) => (
            <tr key={p.name}>
              <th scope="row">
                <span className="property-label">{p.label}</span>
                {isNameProperty(object, p) && (
                  <span className="badge name" title={`Makes up the ${object.singular.toLowerCase()}'s name`}>
                    name
                  </span>
                )}
              </th>
              <td className="muted">
                {typeLabel(p.type)}
                {p.type === 'dropdown' && p.options?.length ? (
                  <span className="property-options"> · {p.options.map((o) => o.label).join(', ')}</span>
                ) : null}
              </td>
              <td className="property-actions">
                {canNameBy(object, p) && (
                  <button
                    type="button"
                    className="icon-button"
                    aria-label={`Use ${p.label} as the name`}
                    title="Use as the name"
                    onClick={() => setOpen({ kind: 'nameBy', object, property: p })}
                  >
                    <Tag size={14} aria-hidden />
                  </button>
                )}
                <button
                  type="button"
                  className="icon-button"
                  aria-label={`Edit property ${p.label}`}
                  title="Edit"
                  onClick={() => setOpen({ kind: 'editProperty', object, property: p })}
                >
                  <Pencil size={14} aria-hidden />
                </button>
                <button
                  type="button"
                  className="icon-button"
                  aria-label={`Remove property ${p.label}`}
                  title="Remove"
                  onClick={() => setOpen({ kind: 'removeProperty', object, property: p })}
                >
                  <Trash2 size={14} aria-hidden />
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {object.properties.length === 0 && <p className="muted">No properties yet.</p>}
    </section>
  );
}
