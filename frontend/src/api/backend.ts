// The one module that talks to the Go side. Components import from here and
// never touch window.go or the generated bindings directly.
import * as Shell from '../wailsjs/go/app/Shell';
import * as SettingsService from '../wailsjs/go/app/Settings';
import * as SchemaService from '../wailsjs/go/app/Schema';
import * as RecordsService from '../wailsjs/go/app/Records';
import * as AssociationsService from '../wailsjs/go/app/Associations';
import { EventsOn } from '../wailsjs/runtime/runtime';
import { toAppError } from './errors';

export type Theme = 'system' | 'light' | 'dark';

export interface Problem {
  code: string;
  message: string;
  field?: string;
}

export interface AppInfo {
  version: string;
  dataDir: string;
  problem?: Problem | null;
}

export interface Settings {
  theme: Theme;
}

export interface Profile {
  id: string;
  name: string;
  set: boolean; // false until the user has told us their name
}

export type PropertyType =
  | 'text'
  | 'long_text'
  | 'number'
  | 'currency'
  | 'date'
  | 'datetime'
  | 'bool'
  | 'dropdown'
  | 'email'
  | 'phone'
  | 'url';

export interface PropertyOption {
  value: string;
  label: string;
}

export interface Property {
  name: string; // stable key in record.props
  label: string;
  type: PropertyType;
  options: PropertyOption[] | null;
  builtIn: boolean;
}

export interface ObjectDef {
  id: string; // "contacts", "companies", "deals", "tickets" or "c_…"
  num: number;
  singular: string;
  plural: string;
  builtIn: boolean;
  properties: Property[];
  displayProperty: string; // "" for contacts: their name is "first last", else email
}

export interface ObjectInput {
  singular: string;
  plural: string;
}

export interface PropertyInput {
  label: string;
  type: PropertyType;
  options: PropertyOption[];
}

export interface Actor {
  id: string;
  name: string;
}

export type PropValue = string | number | boolean | null;

export interface RecordData {
  id: string;
  object: string;
  displayName: string;
  props: Record<string, PropValue>;
  createdAt: string; // RFC 3339
  updatedAt: string;
  createdBy: Actor;
  updatedBy: Actor;
  deletedAt?: string; // set while in the recycle bin
}

export type FilterOp = 'is' | 'is_not' | 'contains' | 'empty' | 'not_empty' | 'gt' | 'lt';

export interface Filter {
  property: string;
  op: FilterOp;
  value: string;
}

// Sorting by a property name, or by the pseudo-properties below.
export const sortName = '_name';
export const sortCreated = '_created';
export const sortUpdated = '_updated';

export interface ListQuery {
  object: string;
  sort: string;
  desc: boolean;
  search: string;
  filters: Filter[];
  offset: number;
  limit: number; // at most 500
}

export interface ListPage {
  total: number;
  offset: number;
  records: RecordData[];
}

export interface SearchHit {
  id: string;
  object: string;
  displayName: string;
  detail: string;
}

export interface Change {
  kind: string; // record.created, record.updated, record.deleted, record.restored, …
  property?: string;
  before?: unknown;
  after?: unknown;
}

export interface HistoryEntry {
  opId: string;
  time: string;
  actor: Actor;
  source: string;
  changes: Change[];
}

export interface SampleSizes {
  contacts: number;
  companies: number;
  deals: number;
  tickets: number;
  associations: number;
}

// Associations (backend/associations; rules in docs/associations.md).

export type LabelKind = 'single' | 'paired' | 'primary';

// A label as read from one object's records. inverse: the label's inverse
// name (paired labels between records of one object).
export interface LabelOption {
  id: number;
  inverse: boolean;
  name: string;
  kind: LabelKind;
  builtIn: boolean;
}

export interface LabelRef {
  id: number;
  inverse: boolean;
}

export interface Associated {
  id: string;
  object: string;
  name: string;
  labels: LabelOption[];
  primary: boolean; // this record is the card's record's primary company
  since: string;
}

// One card: a record's associations with one object.
export interface AssociationGroup {
  object: string;
  total: number;
  items: Associated[];
}

// An edit from the record's page. primary: the target that becomes the
// record's primary company. newPrimary: record ID → the company that becomes
// its primary when the edit takes its primary away.
export interface AssociationEdit {
  record: string;
  targets: string[];
  labels: LabelRef[];
  primary: string;
  newPrimary: Record<string, string>;
}

export interface EditResult {
  changed: number;
  unchanged: number;
}

export interface Label {
  id: number;
  kind: LabelKind;
  from: string; // records of this object show name; the others show inverse
  to: string;
  name: string;
  inverse: string;
  builtIn: boolean;
}

export interface LabelInput {
  kind: LabelKind;
  from: string;
  name: string;
  inverse: string;
}

// A limit: records of from may have at most max records of the other object
// (with the label, read from from's side, when label ≠ 0).
export interface Limit {
  from: string;
  label: number;
  inverse: boolean;
  max: number;
}

export interface Pair {
  key: string;
  a: string;
  b: string;
  defined: boolean;
  labels: Label[];
  limits: Limit[];
}

export interface AssociationEvent {
  opId: string;
  time: string;
  actor: Actor;
  source: string;
  change: 'created' | 'removed' | 'label_added' | 'label_removed' | 'primary_set' | 'primary_unset';
  label?: string;
  record: string;
  object: string;
  name: string;
}

export interface BulkResult {
  associated: number;
  already: number;
  refused: number;
  reasons: string[];
}

export interface AssociationColumn {
  object: string;
  primary: boolean;
}

export interface AssociationCell {
  count: number;
  id?: string;
  name?: string;
  primary: boolean;
}

export const emptyEdit = (record: string, targets: string[]): AssociationEdit => ({
  record,
  targets,
  labels: [],
  primary: '',
  newPrimary: {},
});

// call turns every rejection into an AppError.
async function call<T>(fn: () => Promise<unknown>): Promise<T> {
  try {
    return (await fn()) as T;
  } catch (reason) {
    throw toAppError(reason);
  }
}

export const backend = {
  info: () => call<AppInfo>(() => Shell.Info()),
  quit: () => call<void>(() => Shell.Quit()),

  getSettings: () => call<Settings>(() => SettingsService.Get()),
  saveSettings: (s: Settings) => call<Settings>(() => SettingsService.Save(s)),
  profile: () => call<Profile>(() => SettingsService.Profile()),
  saveProfile: (name: string) => call<Profile>(() => SettingsService.SaveProfile(name)),
  // Remembered UI choices (columns, card order…), as JSON values.
  preference: async <T>(key: string): Promise<T | null> => {
    const text = await call<string>(() => SettingsService.Preference(key));
    return text ? (JSON.parse(text) as T) : null;
  },
  savePreference: (key: string, value: unknown) =>
    call<void>(() => SettingsService.SavePreference(key, JSON.stringify(value))),

  objects: () => call<ObjectDef[]>(() => SchemaService.Objects()),
  createObject: (input: ObjectInput) => call<ObjectDef>(() => SchemaService.CreateObject(input)),
  renameObject: (id: string, input: ObjectInput) => call<ObjectDef>(() => SchemaService.RenameObject(id, input)),
  deleteObject: (id: string) => call<void>(() => SchemaService.DeleteObject(id)),
  addProperty: (object: string, input: PropertyInput) =>
    call<ObjectDef>(() => SchemaService.AddProperty(object, input)),
  updateProperty: (object: string, name: string, input: PropertyInput) =>
    call<ObjectDef>(() => SchemaService.UpdateProperty(object, name, input)),
  removeProperty: (object: string, name: string) =>
    call<ObjectDef>(() => SchemaService.RemoveProperty(object, name)),
  setDisplayProperty: (object: string, name: string) =>
    call<ObjectDef>(() => SchemaService.SetDisplayProperty(object, name)),

  listRecords: (q: ListQuery) => call<ListPage>(() => RecordsService.List(q)),
  getRecord: (id: string) => call<RecordData>(() => RecordsService.Get(id)),
  createRecord: (object: string, props: Record<string, PropValue>) =>
    call<RecordData>(() => RecordsService.Create(object, props)),
  updateRecord: (id: string, props: Record<string, PropValue>) =>
    call<RecordData>(() => RecordsService.Update(id, props)),
  deleteRecords: (ids: string[]) => call<number>(() => RecordsService.Delete(ids)),
  restoreRecords: (ids: string[]) => call<number>(() => RecordsService.Restore(ids)),
  deleteRecordsPermanently: (ids: string[]) => call<number>(() => RecordsService.DeletePermanently(ids)),
  recycleBin: (object: string) => call<RecordData[]>(() => RecordsService.Bin(object)),
  recordHistory: (id: string) => call<HistoryEntry[]>(() => RecordsService.History(id)),
  search: (text: string, limit = 10) => call<SearchHit[]>(() => RecordsService.Search(text, limit)),
  // Live records a new one would duplicate (a contact's email, a company's domain).
  duplicates: (object: string, props: Record<string, PropValue>) =>
    call<RecordData[]>(() => RecordsService.Duplicates(object, props)),
  loadSampleData: () => call<SampleSizes>(() => RecordsService.LoadSampleData()),

  associationSummary: (record: string, perGroup = 10) =>
    call<AssociationGroup[]>(() => AssociationsService.Summary(record, perGroup)),
  associationPage: (record: string, object: string, offset: number, limit: number) =>
    call<AssociationGroup>(() => AssociationsService.Page(record, object, offset, limit)),
  associationColumns: (records: string[], columns: AssociationColumn[]) =>
    call<AssociationCell[][]>(() => AssociationsService.Columns(records, columns)),
  // Creates a record of object and associates record with it, in one step.
  createAssociated: (record: string, object: string, props: Record<string, PropValue>, labels: LabelRef[], primary: boolean) =>
    call<RecordData>(() => AssociationsService.CreateAssociated(record, object, props, labels, primary)),
  associate: (edit: AssociationEdit) => call<EditResult>(() => AssociationsService.Associate(edit)),
  disassociate: (edit: AssociationEdit) => call<EditResult>(() => AssociationsService.Disassociate(edit)),
  addLabels: (edit: AssociationEdit) => call<EditResult>(() => AssociationsService.AddLabels(edit)),
  removeLabels: (edit: AssociationEdit) => call<EditResult>(() => AssociationsService.RemoveLabels(edit)),
  setPrimary: (record: string, company: string) => call<EditResult>(() => AssociationsService.SetPrimary(record, company)),
  removePrimary: (record: string, company: string, newPrimary: string) =>
    call<EditResult>(() => AssociationsService.RemovePrimary(record, company, newPrimary)),
  labelOptions: (from: string, to: string) => call<LabelOption[]>(() => AssociationsService.Options(from, to)),
  pairs: (object: string) => call<Pair[]>(() => AssociationsService.Pairs(object)),
  definePair: (from: string, to: string) => call<Pair>(() => AssociationsService.DefinePair(from, to)),
  createLabel: (from: string, to: string, input: LabelInput) =>
    call<Pair>(() => AssociationsService.CreateLabel(from, to, input)),
  renameLabel: (from: string, to: string, id: number, input: LabelInput) =>
    call<Pair>(() => AssociationsService.RenameLabel(from, to, id, input)),
  labelUsage: (from: string, to: string, id: number) => call<number>(() => AssociationsService.LabelUsage(from, to, id)),
  deleteLabel: (from: string, to: string, id: number) => call<number>(() => AssociationsService.DeleteLabel(from, to, id)),
  setLimit: (from: string, to: string, limit: Limit) => call<Pair>(() => AssociationsService.SetLimit(from, to, limit)),
  exceeding: (from: string, to: string, limit: Limit) =>
    call<number>(() => AssociationsService.Exceeding(from, to, limit)),
  associationHistory: (record: string, object: string, limit = 100, before = '') =>
    call<AssociationEvent[]>(() => AssociationsService.History(record, object, limit, before)),
  pairHistory: (record: string, other: string) =>
    call<AssociationEvent[]>(() => AssociationsService.PairHistory(record, other)),

  // Merge: keep takes the chosen values; other's associations move to keep.
  mergeRecords: (keep: string, other: string, props: Record<string, PropValue>) =>
    call<RecordData>(() => RecordsService.Merge(keep, other, props)),

  // — bulk association (index page) —
  bulkAssociate: (edit: AssociationEdit) => call<BulkResult>(() => AssociationsService.BulkAssociate(edit)),

  // — links —
  // The last link Fieldbook was launched with or handed by a second launch
  // (id 0: none); features/links opens each id once per window.
  pendingLink: () => call<{ id: number; link: string }>(() => Shell.PendingLink()),
};

// Every association query's key starts here: a change to any association
// refreshes them all (both records' cards update at once).
export const associationsKey = ['associations'];

// Events the Go side emits (see app/lifecycle.go and app/menu.go).
export type MenuCommand = 'search' | 'settings' | 'open-link';

export function onMenu(handler: (command: MenuCommand) => void): () => void {
  return subscribe('app:menu', handler);
}

export function onSecondInstance(handler: (args: string[]) => void): () => void {
  return subscribe('app:second-instance', handler);
}

function subscribe<T>(name: string, handler: (payload: T) => void): () => void {
  // Outside the app (unit tests) there is no Wails runtime to listen to.
  if (!(window as unknown as { runtime?: unknown }).runtime) return () => {};
  return EventsOn(name, handler as (...data: unknown[]) => void);
}
