import { getCoreRowModel, useReactTable, type ColumnDef } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { ArrowDown, ArrowUp } from 'lucide-react';
import { useEffect, useLayoutEffect, useMemo, useRef, type ReactNode } from 'react';
import { sortCreated, sortName, sortUpdated, type ObjectDef, type RecordData } from '../../../api/backend';
import { routeHash, type Route } from '../../shell/navigation';
import { formatTimestamp, formatValue } from '../fields/format';
import { ResizeHandle } from './ResizeHandle';
import { useColumnWidths } from './useColumnWidths';
import { nameColumnLabel, type IndexColumn } from './useColumns';

// timeWidth fits a date and time ("Dec 31, 2026, 12:59 PM") in full.
const timeWidth = 176;

export const rowHeight = 34;

// LeadingColumn is a narrow column before the name, of one control per row
// (the Tasks page's "Completed" checkbox); label names it to screen readers.
export interface LeadingColumn {
  id: string;
  label: string;
  render: (r: RecordData) => ReactNode;
}

// PropertyCell is how a page draws a property's cells instead of the
// formatted value, and the width they need.
export interface PropertyCell {
  render: (r: RecordData) => ReactNode;
  width?: { min: number; fr: number };
}

export interface Sort {
  sort: string;
  desc: boolean;
}

interface ColumnMeta {
  sortKey?: string;
  width: string; // its grid track while the user has not resized it
  min: number; // the track's least width, px
  className?: string;
  render: (r: RecordData) => ReactNode;
}

// share is a column that takes fr of the table's spare width, and at least min px.
const share = (min: number, fr: number) => ({ width: `minmax(${min}px, ${fr}fr)`, min });

function meta(c: { columnDef: ColumnDef<RecordData> }): ColumnMeta {
  return c.columnDef.meta as ColumnMeta;
}

export function displayName(r: RecordData): string {
  return r.displayName || 'Unnamed';
}

// RecordTable is the virtualized table of one object's records. Only the
// rows in view (plus a few) are in the DOM; rows whose block is still
// loading show a light placeholder.
export function RecordTable({
  object,
  columns,
  leadingColumn,
  assocCell,
  propertyCells,
  total,
  getRow,
  sort,
  onSort,
  selected,
  onToggle,
  allLoadedState,
  onToggleAllLoaded,
  onRangeChange,
  navigate,
  busy,
  query,
}: {
  object: ObjectDef;
  columns: IndexColumn[];
  leadingColumn?: LeadingColumn;
  assocCell: (r: RecordData, c: IndexColumn) => ReactNode; // a column that is not a property's
  propertyCells?: Record<string, PropertyCell>; // by property name
  total: number;
  getRow: (index: number) => RecordData | undefined;
  sort: Sort;
  onSort: (s: Sort) => void;
  selected: ReadonlySet<string>;
  onToggle: (r: RecordData) => void;
  allLoadedState: 'none' | 'some' | 'all';
  onToggleAllLoaded: () => void;
  onRangeChange: (first: number, last: number) => void;
  navigate: (r: Route) => void;
  busy: boolean;
  // The list's search, filters and sort: a new one starts at the top.
  query?: unknown;
}) {
  const scrollRef = useRef<HTMLDivElement>(null);

  const columnDefs = useMemo<ColumnDef<RecordData>[]>(() => {
    const open = (r: RecordData) => ({ page: 'record', object: object.id, id: r.id }) as Route;
    return [
      {
        id: '_select',
        header: 'Select',
        meta: { width: '40px', min: 40, className: 'idx-cell-check', render: () => null } satisfies ColumnMeta,
      },
      ...(leadingColumn
        ? [
            {
              id: leadingColumn.id,
              header: leadingColumn.label,
              meta: { width: '36px', min: 36, className: 'idx-cell-check idx-cell-lead', render: leadingColumn.render } satisfies ColumnMeta,
            },
          ]
        : []),
      {
        id: sortName,
        header: nameColumnLabel(object),
        meta: {
          sortKey: sortName,
          ...share(180, 1.4),
          className: 'idx-cell-name',
          render: (r) => (
            <a
              href={routeHash(open(r))}
              className={r.displayName ? 'idx-name' : 'idx-name muted'}
              onClick={(e) => {
                if (e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0) return;
                e.preventDefault();
                navigate(open(r));
              }}
            >
              {displayName(r)}
            </a>
          ),
        } satisfies ColumnMeta,
      },
      ...columns.map((c): ColumnDef<RecordData> => {
        const p = c.property;
        const custom = p && propertyCells?.[p.name];
        if (!p) {
          return {
            id: c.id,
            header: c.label,
            meta: { ...share(c.width?.min ?? 130, c.width?.fr ?? 0.9), className: 'idx-cell-assoc', render: (r) => assocCell(r, c) } satisfies ColumnMeta,
          };
        }
        return {
          id: p.name,
          header: p.label,
          meta: {
            sortKey: p.name,
            ...(custom?.width
              ? share(custom.width.min, custom.width.fr)
              : p.type === 'number' || p.type === 'currency' || p.type === 'bool'
                ? share(100, 0.7)
                : share(130, 1)),
            className: p.type === 'number' || p.type === 'currency' ? 'idx-cell-num' : undefined,
            render: custom?.render ?? ((r) => formatValue(p, r.props[p.name])),
          } satisfies ColumnMeta,
        };
      }),
      {
        id: sortCreated,
        header: 'Created',
        meta: {
          sortKey: sortCreated,
          ...share(timeWidth, 0.8),
          className: 'idx-cell-time',
          render: (r) => formatTimestamp(r.createdAt),
        } satisfies ColumnMeta,
      },
      {
        id: sortUpdated,
        header: 'Updated',
        meta: {
          sortKey: sortUpdated,
          ...share(timeWidth, 0.8),
          className: 'idx-cell-time',
          render: (r) => formatTimestamp(r.updatedAt),
        } satisfies ColumnMeta,
      },
    ];
  }, [object, columns, leadingColumn, assocCell, propertyCells, navigate]);

  const table = useReactTable<RecordData>({
    data: [],
    columns: columnDefs,
    getCoreRowModel: getCoreRowModel(),
    manualSorting: true,
    state: { sorting: [{ id: sort.sort, desc: sort.desc }] },
  });
  const leafColumns = table.getVisibleLeafColumns();
  const { widths, preview, commit, reset } = useColumnWidths(object.id);
  const template = leafColumns.map((c) => (widths[c.id] ? `${widths[c.id]}px` : meta(c).width)).join(' ');
  const minWidth = leafColumns.reduce((sum, c) => sum + (widths[c.id] ?? meta(c).min), 0);

  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? -1;
  useEffect(() => onRangeChange(first, last), [first, last, onRangeChange]);

  // Rows far down the old list mean nothing in a new one: go back to the top.
  const lastQuery = useRef(query);
  useLayoutEffect(() => {
    if (lastQuery.current === query) return;
    lastQuery.current = query;
    if (scrollRef.current) scrollRef.current.scrollTop = 0;
  }, [query]);

  const handle = (id: string, label: string) => (
    <ResizeHandle label={label} width={widths[id]} onPreview={(px) => preview(id, px)} onCommit={(px) => commit(id, px)} onReset={() => reset(id)} />
  );

  const ariaSort = (key?: string) => (key && key === sort.sort ? (sort.desc ? 'descending' : 'ascending') : key ? 'none' : undefined);

  return (
    <div ref={scrollRef} className="idx-scroll" aria-busy={busy || undefined}>
      <div role="table" aria-label={object.plural} aria-rowcount={total + 1} aria-colcount={leafColumns.length} className="idx-table" style={{ minWidth }}>
        <div role="rowgroup" className="idx-thead">
          {table.getHeaderGroups().map((group) => (
            <div role="row" aria-rowindex={1} key={group.id} className="idx-row idx-head-row" style={{ gridTemplateColumns: template }}>
              {group.headers.map((h) => {
                const m = meta(h.column);
                if (h.column.id === '_select') {
                  return (
                    <div role="columnheader" key={h.id} className="idx-cell idx-cell-check">
                      <input
                        type="checkbox"
                        aria-label="Select all loaded"
                        title="Select all loaded rows"
                        checked={allLoadedState === 'all'}
                        ref={(el) => {
                          if (el) el.indeterminate = allLoadedState === 'some';
                        }}
                        onChange={onToggleAllLoaded}
                        disabled={total === 0}
                      />
                    </div>
                  );
                }
                const active = m.sortKey === sort.sort;
                const label = String(h.column.columnDef.header);
                if (h.column.id === leadingColumn?.id) {
                  return (
                    <div role="columnheader" aria-label={label} key={h.id} className={`idx-cell ${m.className ?? ''}`}>
                      <span className="visually-hidden">{label}</span>
                    </div>
                  );
                }
                if (!m.sortKey) {
                  return (
                    <div role="columnheader" aria-label={label} key={h.id} className={`idx-cell ${m.className ?? ''}`}>
                      <span className="idx-sort-label idx-head-label" title={label}>
                        {label}
                      </span>
                      {handle(h.column.id, label)}
                    </div>
                  );
                }
                return (
                  <div role="columnheader" aria-label={label} key={h.id} aria-sort={ariaSort(m.sortKey)} className={`idx-cell ${m.className ?? ''}`}>
                    <button
                      type="button"
                      className="idx-sort"
                      title={`Sort by ${label}`}
                      onClick={() => onSort({ sort: m.sortKey!, desc: active ? !sort.desc : false })}
                    >
                      <span className="idx-sort-label">{label}</span>
                      {active &&
                        (sort.desc ? (
                          <ArrowDown size={12} aria-hidden className="idx-sort-icon" />
                        ) : (
                          <ArrowUp size={12} aria-hidden className="idx-sort-icon" />
                        ))}
                    </button>
                    {handle(h.column.id, label)}
                  </div>
                );
              })}
            </div>
          ))}
        </div>
        <div role="rowgroup" className="idx-tbody" style={{ height: virtualizer.getTotalSize() }}>
          {items.map((v) => {
            const r = getRow(v.index);
            const style = { gridTemplateColumns: template, transform: `translateY(${v.start}px)`, height: rowHeight };
            if (!r) {
              return (
                <div
                  role="row"
                  aria-rowindex={v.index + 2}
                  aria-busy="true"
                  key={`loading-${v.index}`}
                  className="idx-row idx-body-row idx-loading"
                  style={style}
                >
                  {leafColumns.map((c, i) => (
                    <div role="cell" key={c.id} className={`idx-cell ${meta(c).className ?? ''}`}>
                      {i > 0 && <span className="idx-skeleton" style={{ width: `${40 + ((v.index * 7 + i * 13) % 45)}%` }} />}
                    </div>
                  ))}
                </div>
              );
            }
            const isSelected = selected.has(r.id);
            return (
              <div
                role="row"
                aria-rowindex={v.index + 2}
                key={r.id}
                data-id={r.id}
                className={`idx-row idx-body-row${isSelected ? ' selected' : ''}`}
                style={style}
              >
                {leafColumns.map((c) => {
                  const m = meta(c);
                  if (c.id === '_select') {
                    return (
                      <div role="cell" key={c.id} className="idx-cell idx-cell-check">
                        <input type="checkbox" aria-label={`Select ${displayName(r)}`} checked={isSelected} onChange={() => onToggle(r)} />
                      </div>
                    );
                  }
                  return (
                    <div role="cell" key={c.id} className={`idx-cell ${m.className ?? ''}`}>
                      {m.render(r)}
                    </div>
                  );
                })}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
