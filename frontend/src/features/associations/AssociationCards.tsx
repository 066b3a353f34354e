import * as DropdownMenu from '@radix-ui/react-dropdown-menu';
import * as Popover from '@radix-ui/react-popover';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { ArrowDown, ArrowUp, MoreHorizontal, Plus, Settings2, Star } from 'lucide-react';
import { useState } from 'react';
import { backend, BuiltInObject, LabelKind, type Associated, type AssociationGroup, type ObjectDef, type RecordData } from '../../api/backend';
import { queryState } from '../../components/QueryState';
import { useObjects } from '../records/useObjects';
import type { Route } from '../shell/navigation';
import { RouteLink } from '../records/record/RecordPage';
import { AddPanel } from './AddPanel';
import { DomainSuggestion } from './DomainSuggestion';
import { EditLabelsDialog, RemoveAssociationDialog, RemovePrimaryDialog, SetPrimaryDialog } from './ItemDialogs';
import { labelKey } from './labelKey';
import {
  arrange,
  associable,
  firstPage,
  groupOf,
  isPrimary,
  layoutKey,
  primaryOwner,
  summaryKey,
  usePairs,
  useSummary,
  type CardLayout,
} from './useAssociations';
import './associations.css';

// AssociationCards is the right side of a record page: one card per object
// the record can be associated with, in the order the user chose.
export function AssociationCards({ object, record, navigate }: { object: ObjectDef; record: RecordData; navigate: (r: Route) => void }) {
  const objects = useObjects();
  const pairs = usePairs(object.id);
  const summary = useSummary(record.id);
  const layout = useQuery({ queryKey: ['preference', layoutKey(object.id)], queryFn: () => backend.preference<CardLayout>(layoutKey(object.id)) });
  const client = useQueryClient();
  const [adding, setAdding] = useState<ObjectDef | null>(null);

  const state = queryState(
    {
      isPending: objects.isPending || pairs.isPending || summary.isPending || layout.isPending,
      error: objects.error ?? pairs.error ?? summary.error,
    },
    'Loading associations…',
  );
  if (state) return state;
  const cards = arrange(associable(objects.data ?? [], pairs.data, object.id), layout.data ?? null);
  const saveLayout = async (next: CardLayout) => {
    client.setQueryData(['preference', layoutKey(object.id)], next);
    await backend.savePreference(layoutKey(object.id), next);
  };
  const deleted = !!record.deletedAt;

  // No association is defined for this object yet: nothing to choose or hide.
  if (cards.length === 0) {
    return (
      <div className="assoc-cards">
        <div className="assoc-cards-head">
          <h2 id="associations-heading">Associations</h2>
        </div>
        <div className="assoc-none" role="status">
          <p className="muted">{object.plural} can't be associated with anything yet. Define associations in Settings → Associations.</p>
          <RouteLink to={{ page: 'settings', section: 'associations' }} navigate={navigate} className="button small">
            Define associations
          </RouteLink>
        </div>
      </div>
    );
  }

  return (
    <div className="assoc-cards">
      <div className="assoc-cards-head">
        <h2 id="associations-heading">Associations</h2>
        <CustomizeCards cards={cards} onChange={(next) => void saveLayout(next)} />
      </div>
      {cards.filter((c) => !c.hidden).length === 0 && <p className="muted">All cards are hidden. Choose some with the cards button.</p>}
      {cards
        .filter((c) => !c.hidden)
        .map(({ object: other }) => (
          <Card
            key={other.id}
            object={object}
            record={record}
            other={other}
            group={groupOf(summary.data, other.id)}
            readOnly={deleted}
            onAdd={() => setAdding(other)}
            navigate={navigate}
          />
        ))}
      {adding && <AddPanel object={object} record={record} other={adding} linked={groupOf(summary.data, adding.id)} onClose={() => setAdding(null)} />}
    </div>
  );
}

// CustomizeCards lets the user show, hide and reorder the cards.
function CustomizeCards({ cards, onChange }: { cards: { object: ObjectDef; hidden: boolean }[]; onChange: (l: CardLayout) => void }) {
  const order = cards.map((c) => c.object.id);
  const hidden = cards.filter((c) => c.hidden).map((c) => c.object.id);
  const move = (i: number, by: number) => {
    const next = [...order];
    [next[i], next[i + by]] = [next[i + by], next[i]];
    onChange({ order: next, hidden });
  };
  const toggle = (id: string) => onChange({ order, hidden: hidden.includes(id) ? hidden.filter((h) => h !== id) : [...hidden, id] });
  return (
    <Popover.Root>
      <Popover.Trigger asChild>
        <button type="button" className="icon-button" aria-label="Choose cards">
          <Settings2 size={15} aria-hidden />
        </button>
      </Popover.Trigger>
      <Popover.Portal>
        <Popover.Content className="assoc-popover" align="end" sideOffset={4}>
          <p className="assoc-popover-title">Cards on this page</p>
          <ul className="assoc-customize">
            {cards.map((c, i) => (
              <li key={c.object.id}>
                <label>
                  <input type="checkbox" checked={!c.hidden} onChange={() => toggle(c.object.id)} /> {c.object.plural}
                </label>
                <button type="button" className="icon-button" aria-label={`Move ${c.object.plural} up`} disabled={i === 0} onClick={() => move(i, -1)}>
                  <ArrowUp size={13} aria-hidden />
                </button>
                <button
                  type="button"
                  className="icon-button"
                  aria-label={`Move ${c.object.plural} down`}
                  disabled={i === cards.length - 1}
                  onClick={() => move(i, 1)}
                >
                  <ArrowDown size={13} aria-hidden />
                </button>
              </li>
            ))}
          </ul>
        </Popover.Content>
      </Popover.Portal>
    </Popover.Root>
  );
}

type ItemAction = 'set-primary' | 'remove-primary' | 'labels' | 'remove';

// Card lists a record's associations with one object, a page at a time.
function Card({
  object,
  record,
  other,
  group,
  readOnly,
  onAdd,
  navigate,
}: {
  object: ObjectDef;
  record: RecordData;
  other: ObjectDef;
  group: AssociationGroup;
  readOnly: boolean;
  onAdd: () => void;
  navigate: (r: Route) => void;
}) {
  const [shown, setShown] = useState(firstPage);
  const more = useQuery({
    queryKey: [...summaryKey(record.id), other.id, shown],
    queryFn: () => backend.associationPage(record.id, other.id, 0, shown),
    enabled: shown > firstPage,
    placeholderData: (prev) => prev,
  });
  const items = shown > firstPage && more.data ? more.data.items : group.items;
  const total = more.data && shown > firstPage ? more.data.total : group.total;
  const [action, setAction] = useState<{ kind: ItemAction; item: Associated } | null>(null);
  const headingId = `card-${other.id}`;

  return (
    <section className="assoc-card" aria-labelledby={headingId}>
      <header className="assoc-card-head">
        <h3 id={headingId}>
          {other.plural} <span className="assoc-count">({total.toLocaleString()})</span>
        </h3>
        {!readOnly && (
          <button type="button" className="button small" onClick={onAdd}>
            <Plus size={13} aria-hidden /> Add {other.singular.toLowerCase()}
          </button>
        )}
      </header>
      {total === 0 ? (
        <>
          <p className="muted assoc-empty">No {other.plural.toLowerCase()} yet.</p>
          {/* The company of the contact's email domain, when there is one. */}
          {!readOnly && object.id === BuiltInObject.Contacts && other.id === BuiltInObject.Companies && <DomainSuggestion record={record} />}
        </>
      ) : (
        <ul className="assoc-list" aria-label={`Associated ${other.plural.toLowerCase()}`}>
          {items.map((item) => (
            <Item key={item.id} object={object} item={item} readOnly={readOnly} onAction={(kind) => setAction({ kind, item })} navigate={navigate} />
          ))}
        </ul>
      )}
      {total > firstPage && (
        <div className="assoc-card-foot">
          {total > items.length && (
            <button type="button" className="link-button" onClick={() => setShown((n) => n + 20)} disabled={more.isFetching}>
              {more.isFetching ? 'Loading…' : `Show more (${(total - items.length).toLocaleString()} more)`}
            </button>
          )}
          {/* Like "View associated …" of the index page's association cells. */}
          <RouteLink to={{ page: 'index', object: other.id, with: record.id }} navigate={navigate} className="link-button">
            View all {total.toLocaleString()} {other.plural.toLowerCase()}
          </RouteLink>
        </div>
      )}
      {action?.kind === 'set-primary' && <SetPrimaryDialog object={object} record={record} item={action.item} onClose={() => setAction(null)} />}
      {action?.kind === 'remove-primary' && <RemovePrimaryDialog object={object} record={record} item={action.item} onClose={() => setAction(null)} />}
      {action?.kind === 'labels' && <EditLabelsDialog object={object} other={other} record={record} item={action.item} onClose={() => setAction(null)} />}
      {action?.kind === 'remove' && (
        <RemoveAssociationDialog object={object} other={other} record={record} item={action.item} onClose={() => setAction(null)} />
      )}
    </section>
  );
}

function Item({
  object,
  item,
  readOnly,
  onAction,
  navigate,
}: {
  object: ObjectDef;
  item: Associated;
  readOnly: boolean;
  onAction: (a: ItemAction) => void;
  navigate: (r: Route) => void;
}) {
  const owner = primaryOwner(object, item);
  const primary = isPrimary(object, item);
  const labels = item.labels.filter((l) => !(l.builtIn && l.kind === LabelKind.Primary));
  const name = item.name || 'Unnamed record';
  return (
    <li className="assoc-item">
      <div className="assoc-item-main">
        <RouteLink to={{ page: 'record', object: item.object, id: item.id }} navigate={navigate} className="assoc-name">
          {name}
        </RouteLink>
        <div className="assoc-labels">
          {primary && (
            <span className="assoc-primary" title={owner === 'record' ? 'Primary company' : `${name}'s primary company`}>
              <Star size={11} aria-hidden /> Primary
            </span>
          )}
          {labels.map((l) => (
            <span key={labelKey(l)} className="assoc-label">
              {l.name}
            </span>
          ))}
        </div>
      </div>
      {!readOnly && (
        <DropdownMenu.Root>
          <DropdownMenu.Trigger asChild>
            <button type="button" className="icon-button" aria-label={`More actions for ${name}`}>
              <MoreHorizontal size={15} aria-hidden />
            </button>
          </DropdownMenu.Trigger>
          <DropdownMenu.Portal>
            <DropdownMenu.Content className="rec-menu" align="end" sideOffset={4}>
              {owner && !primary && (
                <DropdownMenu.Item className="rec-menu-item" onSelect={() => onAction('set-primary')}>
                  Set as primary
                </DropdownMenu.Item>
              )}
              {owner && primary && (
                <DropdownMenu.Item className="rec-menu-item" onSelect={() => onAction('remove-primary')}>
                  Remove as primary
                </DropdownMenu.Item>
              )}
              <DropdownMenu.Item className="rec-menu-item" onSelect={() => onAction('labels')}>
                Edit association labels
              </DropdownMenu.Item>
              <DropdownMenu.Item className="rec-menu-item danger" onSelect={() => onAction('remove')}>
                Remove association
              </DropdownMenu.Item>
            </DropdownMenu.Content>
          </DropdownMenu.Portal>
        </DropdownMenu.Root>
      )}
    </li>
  );
}
