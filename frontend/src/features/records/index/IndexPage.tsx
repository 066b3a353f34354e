import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { CopyCheck, Download, Link2, Loader2, Plus, Search, Trash2, Upload, X } from 'lucide-react';
import { useCallback, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { associationsKey, AssociationOp, backend, type Filter, type ObjectDef, type RecordData } from '../../../api/backend';
import { toAppError } from '../../../api/errors';
import { useDebounced } from '../../../components/useDebounced';
import type { Route } from '../../shell/navigation';
import { indexView, usePublishView } from '../../export/currentView';
import { ExportDialog } from '../../export/ExportDialog';
import { ImportWizard } from '../../import/ImportWizard';
import { findsDuplicates } from '../../duplicates/keys';
import { hasIndexPage, isActivity, objectAbout, ObjectIcon } from '../objects';
import { AssocCell } from '../../associations/columns/AssocCell';
import { BulkAssociateDialog } from '../../associations/columns/BulkAssociateDialog';
import { useAssociationCells } from '../../associations/columns/useAssociationCells';
import { associable, usePairs } from '../../associations/useAssociations';
import { useObjects } from '../useObjects';
import { ColumnsEditor } from './ColumnsEditor';
import { CreateRecordDialog } from './CreateRecordDialog';
import { countLabel, DeleteDialog } from './DeleteDialog';
import { FilterBar, filterCount, noFilters, type Filters } from './FilterBar';
import { RecordTable, type LeadingColumn, type PropertyCell, type Sort } from './RecordTable';
import { associationColumns, useColumns, type IndexColumn } from './useColumns';
import { useLoadedCells } from './useLoadedCells';
import { defaultSort as newestFirst, useSort } from './useSort';
import { blockSize, loadedRecords, useInvalidateRecords, useRecordBlocks, type ListParams } from './useRecordBlocks';
import './index.css';

export const searchDebounceMs = 150;

// A quick filter is a one-click set of filters shown above the table (the
// Tasks page's Due today, Overdue…), kept apart from the user's own filters.
// make builds them when clicked, so "today" is the day it was clicked.
// empty: what the page says when it alone leaves nothing ("Nothing due today.").
export interface QuickFilter {
  id: string;
  label: string;
  make: () => Filter[];
  empty?: { title: string; hint: string };
}

const noColumns: IndexColumn[] = [];

// The index page of one object: a full-height virtualized table of its
// records with search, filters, columns, bulk delete and create.
// withRecord: show only the records associated with that one ("View
// associated …" on another index page); the filter shows as a chip.
// initialSearch: the search box starts with it (Ctrl+K's "Show all").
// quickFilters: buttons above the table, initialQuick the one pressed at
// first; leadingColumn: a column before the name.
// extraColumns: choosable columns the page loads itself; defaultColumns and
// defaultSort: until the user chooses; propertyCells: how the page draws
// some properties' cells (by property name). Give them stable identities.
export function IndexPage({
  object,
  withRecord,
  initialSearch = '',
  quickFilters = [],
  initialQuick,
  leadingColumn,
  extraColumns = noColumns,
  defaultColumns,
  defaultSort = newestFirst,
  propertyCells,
  navigate,
}: {
  object: ObjectDef;
  withRecord?: string;
  initialSearch?: string;
  quickFilters?: QuickFilter[];
  initialQuick?: string;
  leadingColumn?: LeadingColumn;
  extraColumns?: IndexColumn[];
  defaultColumns?: string[];
  defaultSort?: Sort;
  propertyCells?: Record<string, PropertyCell>;
  navigate: (r: Route) => void;
}) {
  const client = useQueryClient();
  const invalidate = useInvalidateRecords(object.id);
  const objects = useObjects();
  const pairs = usePairs(object.id);
  const others = useMemo(() => associable(objects.data ?? [], pairs.data, object.id), [objects.data, pairs.data, object.id]);
  const assocOptions = useMemo(() => [...extraColumns, ...associationColumns(object, others)], [extraColumns, object, others]);
  const { columns, ready: columnsReady, setColumns, saveError } = useColumns(object, assocOptions, defaultColumns);
  const withName = useQuery({
    queryKey: ['records', 'name', withRecord],
    queryFn: () => backend.getRecord(withRecord!),
    enabled: !!withRecord,
  });

  const { sort, ready: sortReady, setSort } = useSort(object, defaultSort);
  const [searchText, setSearchText] = useState(initialSearch);
  const search = useDebounced(searchText.trim(), searchDebounceMs);
  const [filters, setFilters] = useState<Filters>(() =>
    withRecord ? { ...noFilters, associations: [{ op: AssociationOp.With, record: withRecord }] } : noFilters,
  );
  const [quick, setQuick] = useState<{ id: string; filters: Filter[] } | null>(() => {
    const q = quickFilters.find((f) => f.id === initialQuick);
    return q ? { id: q.id, filters: q.make() } : null;
  });
  const params = useMemo<ListParams>(
    () => ({ ...sort, search, ...filters, filters: quick ? [...quick.filters, ...filters.filters] : filters.filters }),
    [sort, search, filters, quick],
  );

  // The rows in view, and the list they were in view of.
  // Set before the table's effects report a range (layout effects run first).
  const paramsRef = useRef(params);
  useLayoutEffect(() => {
    paramsRef.current = params;
  }, [params]);
  const [range, setRange] = useState({ first: 0, last: 0, params });
  const onRangeChange = useCallback((first: number, last: number) => setRange({ first, last, params: paramsRef.current }), []);
  const debounced = useDebounced(range, 40); // do not fetch blocks flown over while scrolling fast
  // A new search, filter or sort shows its first rows (the table scrolls
  // back up): do not fetch the old scroll position's blocks of it.
  const fetchRange = debounced.params === params ? debounced : { first: 0, last: range.last - range.first };
  const list = useRecordBlocks(object.id, params, fetchRange.first, fetchRange.last, sortReady); // in the remembered order from the first rows

  // The association columns of the rows in view, a block at a time.
  const getRow = list.getRow;
  const viewBlocks = useMemo(() => {
    const out: (RecordData | undefined)[][] = [];
    for (let b = Math.floor(fetchRange.first / blockSize); b <= Math.floor(Math.max(fetchRange.last, 0) / blockSize); b++) {
      const rows: (RecordData | undefined)[] = [];
      for (let i = b * blockSize; i < (b + 1) * blockSize && i < (list.total ?? 0); i++) rows.push(getRow(i));
      out.push(rows);
    }
    return out;
  }, [fetchRange.first, fetchRange.last, list.total, getRow]);
  const cellOf = useAssociationCells(columns, viewBlocks);
  const loadedOf = useLoadedCells(columns, viewBlocks);
  const assocCell = useCallback(
    (r: RecordData, c: IndexColumn) => {
      if (!c.loaded) return <AssocCell record={r} column={c} cell={cellOf(r.id, c.id)} navigate={navigate} />;
      const { value, error } = loadedOf(r.id, c.id);
      return c.loaded.render(r, value, error);
    },
    [cellOf, loadedOf, navigate],
  );

  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [creating, setCreating] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [associating, setAssociating] = useState(false);
  const [importing, setImporting] = useState(false);
  const [exporting, setExporting] = useState(false);

  const sample = useMutation({
    mutationFn: backend.loadSampleData,
    // Every object's lists change.
    onSuccess: () => client.invalidateQueries({ queryKey: ['records'] }),
  });

  const narrowed = search !== '' || filterCount(filters) > 0 || quick !== null;
  // A quick filter alone left nothing: say so in its words.
  const quickEmpty = search === '' && filterCount(filters) === 0 ? quickFilters.find((q) => q.id === quick?.id)?.empty : undefined;
  const total = list.total;
  const error = list.error ? toAppError(list.error).message : '';
  // What Export and File → Export… write: this page's rows as shown.
  const view = useMemo(() => indexView(object, params, columns, total), [object, params, columns, total]);
  usePublishView(view);

  const toggle = useCallback((r: RecordData) => {
    setSelected((s) => {
      const next = new Set(s);
      if (next.has(r.id)) next.delete(r.id);
      else next.add(r.id);
      return next;
    });
  }, []);

  // The header checkbox selects the loaded rows only (bulk actions act on
  // the IDs selected); it shows fully ticked only when that is every match.
  const loaded = loadedRecords(client, object.id, params);
  const loadedSelected = loaded.filter((r) => selected.has(r.id)).length;
  const allLoaded = loaded.length > 0 && loadedSelected === loaded.length;
  const moreMatch = allLoaded && total !== undefined && total > loaded.length;
  const allLoadedState = allLoaded && !moreMatch ? 'all' : loadedSelected > 0 ? 'some' : 'none';
  const toggleAllLoaded = () => {
    // The cache as it is now: a block may have arrived since the last render.
    const rows = loadedRecords(client, object.id, params);
    setSelected((s) => {
      const next = new Set(s);
      if (rows.every((r) => s.has(r.id))) rows.forEach((r) => next.delete(r.id));
      else rows.forEach((r) => next.add(r.id));
      return next;
    });
  };

  const clearNarrowing = () => {
    setSearchText('');
    setFilters(noFilters);
    setQuick(null);
  };

  // Activities are logged on a record's timeline, which gives them the
  // association they cannot be without.
  const createButton = isActivity(object) ? null : (
    <button type="button" className="button primary idx-tool" onClick={() => setCreating(true)}>
      <Plus size={14} aria-hidden /> Create {object.singular.toLowerCase()}
    </button>
  );

  // Import and Export, for the objects with records of their own (and tasks).
  const fileButtons = (withExport: boolean) =>
    hasIndexPage(object) && (
      <>
        <button type="button" className="button idx-tool" onClick={() => setImporting(true)}>
          <Upload size={14} aria-hidden /> Import
        </button>
        {withExport && (
          <button type="button" className="button idx-tool" onClick={() => setExporting(true)}>
            <Download size={14} aria-hidden /> Export
          </button>
        )}
      </>
    );

  // First in both layouts below, so the wizard (and the import it shows)
  // lives on when the first records arrive and the empty state goes.
  const importWizard = <ImportWizard open={importing} onOpenChange={setImporting} object={object.id} navigate={navigate} />;

  const dialogs = (
    <>
      {exporting && <ExportDialog open onOpenChange={setExporting} view={view} />}
      <CreateRecordDialog object={object} open={creating} onOpenChange={setCreating} onCreated={() => void invalidate()} />
      <DeleteDialog
        object={object}
        ids={[...selected]}
        open={deleting}
        onOpenChange={setDeleting}
        onDeleted={() => {
          setSelected(new Set());
          void invalidate();
          void client.invalidateQueries({ queryKey: associationsKey }); // their associations went with them
        }}
      />
      {associating && (
        <BulkAssociateDialog
          object={object}
          others={others}
          ids={[...selected]}
          onClose={() => setAssociating(false)}
          onDone={() => void client.invalidateQueries({ queryKey: associationsKey })}
        />
      )}
    </>
  );

  // A newcomer's empty state: nothing at all yet.
  if (total === 0 && !narrowed && !list.isPlaceholder) {
    return (
      <div className="page">
        {importWizard}
        <header className="page-header">
          <h1>{object.plural}</h1>
          <span className="idx-spacer" />
          {fileButtons(false)}
          <RecycleBinButton object={object} navigate={navigate} />
        </header>
        <div className="page-body">
          <div className="empty-state" role="status">
            <ObjectIcon id={object.id} className="empty-icon" aria-hidden size={40} strokeWidth={1.5} />
            <h2>No {object.plural.toLowerCase()} yet</h2>
            <p>{objectAbout(object)}</p>
            <div className="idx-empty-actions">
              {createButton}
              {object.builtIn && (
                <button type="button" className="button idx-tool" disabled={sample.isPending} onClick={() => sample.mutate()}>
                  {sample.isPending ? (
                    <>
                      <Loader2 size={14} className="spin" aria-hidden /> Loading sample data…
                    </>
                  ) : (
                    'Load sample data'
                  )}
                </button>
              )}
            </div>
            {sample.error && (
              <p className="field-error" role="alert">
                {toAppError(sample.error).message}
              </p>
            )}
          </div>
        </div>
        {dialogs}
      </div>
    );
  }

  return (
    <div className="page idx-page">
      {importWizard}
      <header className="page-header idx-header">
        <h1>{object.plural}</h1>
        {total !== undefined && (
          <span className="muted idx-count" data-testid="record-count" aria-live="polite">
            {countLabel(object, total)}
          </span>
        )}
        <span className="idx-spacer" />
        {fileButtons(true)}
        {findsDuplicates(object.id) && (
          <button type="button" className="button idx-tool" onClick={() => navigate({ page: 'duplicates', object: object.id })}>
            <CopyCheck size={14} aria-hidden /> Find duplicates
          </button>
        )}
        <RecycleBinButton object={object} navigate={navigate} />
        {createButton}
      </header>

      {quickFilters.length > 0 && (
        <div className="idx-quick" role="group" aria-label="Quick filters">
          {quickFilters.map((q) => (
            <button
              key={q.id}
              type="button"
              className="button small idx-quick-button"
              aria-pressed={quick?.id === q.id}
              onClick={() => setQuick(quick?.id === q.id ? null : { id: q.id, filters: q.make() })}
            >
              {q.label}
            </button>
          ))}
        </div>
      )}

      <div className="idx-toolbar" role="toolbar" aria-label={`${object.plural} tools`}>
        <div className="idx-search">
          <Search size={14} className="idx-search-icon" aria-hidden />
          <input
            type="search"
            className="field-input"
            aria-label={`Search ${object.plural.toLowerCase()}`}
            placeholder={`Search ${object.plural.toLowerCase()}`}
            value={searchText}
            onChange={(e) => setSearchText(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Escape' && searchText) {
                e.stopPropagation();
                setSearchText('');
              }
            }}
          />
        </div>
        <FilterBar
          object={object}
          associated={others}
          names={withRecord && withName.data ? { [withRecord]: withName.data.displayName } : {}}
          filters={filters}
          onChange={setFilters}
          error={narrowed ? error : ''}
        />
        <span className="idx-spacer" />
        <ColumnsEditor object={object} columns={columns} associations={assocOptions} onChange={setColumns} error={saveError} />
      </div>

      {selected.size > 0 && (
        <div className="idx-selection" role="toolbar" aria-label="Selected records">
          <span className="idx-selection-count">{selected.size.toLocaleString()} selected</span>
          {others.length > 0 && (
            <button type="button" className="button idx-tool" onClick={() => setAssociating(true)}>
              <Link2 size={14} aria-hidden /> Associate
            </button>
          )}
          <button type="button" className="button danger idx-tool" onClick={() => setDeleting(true)}>
            <Trash2 size={14} aria-hidden /> Delete
          </button>
          <button type="button" className="button idx-tool" onClick={() => setSelected(new Set())}>
            <X size={14} aria-hidden /> Clear selection
          </button>
          {moreMatch && (
            <span className="muted idx-selection-note" role="note">
              {selectionNote(object, selected.size, total ?? 0)}
            </span>
          )}
        </div>
      )}

      {error && !narrowed && (
        <p className="field-error idx-list-error" role="alert">
          {error}
        </p>
      )}

      {total === 0 && quickEmpty ? (
        <div className="idx-nomatch" role="status">
          <h2>{quickEmpty.title}</h2>
          <p className="muted">{quickEmpty.hint}</p>
          <button type="button" className="button" onClick={clearNarrowing}>
            Show all {object.plural.toLowerCase()}
          </button>
        </div>
      ) : total === 0 && narrowed ? (
        <div className="idx-nomatch" role="status">
          <h2>No {object.plural.toLowerCase()} match</h2>
          <p className="muted">Try other words, or remove a filter.</p>
          <button type="button" className="button" onClick={clearNarrowing}>
            Clear search and filters
          </button>
        </div>
      ) : total === undefined || !columnsReady || !sortReady ? (
        <div className="idx-scroll idx-pending" aria-busy="true" />
      ) : (
        <RecordTable
          object={object}
          columns={columns}
          leadingColumn={leadingColumn}
          assocCell={assocCell}
          propertyCells={propertyCells}
          total={total}
          getRow={list.getRow}
          sort={sort}
          onSort={setSort}
          selected={selected}
          onToggle={toggle}
          allLoadedState={allLoadedState}
          onToggleAllLoaded={toggleAllLoaded}
          onRangeChange={onRangeChange}
          navigate={navigate}
          busy={list.isFetching}
          query={params}
        />
      )}
      {dialogs}
    </div>
  );
}

// selectionNote says that "select all" took the loaded rows, not every match.
export function selectionNote(object: ObjectDef, selected: number, total: number): string {
  return `All ${countLabel(object, total)} match; only the ${selected.toLocaleString()} selected are acted on. Scroll to load more rows.`;
}

function RecycleBinButton({ object, navigate }: { object: ObjectDef; navigate: (r: Route) => void }) {
  return (
    <button type="button" className="button idx-tool" onClick={() => navigate({ page: 'bin', object: object.id })}>
      <Trash2 size={14} aria-hidden /> Recycle bin
    </button>
  );
}
