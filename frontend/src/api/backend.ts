// The one module that talks to the Go side. Components import from here and
// never touch window.go or the generated bindings directly.
import * as Shell from '../wailsjs/go/app/Shell';
import * as SettingsService from '../wailsjs/go/app/Settings';
import * as SchemaService from '../wailsjs/go/app/Schema';
import * as RecordsService from '../wailsjs/go/app/Records';
import * as AssociationsService from '../wailsjs/go/app/Associations';
import * as ActivitiesService from '../wailsjs/go/app/Activities';
import * as ImportsService from '../wailsjs/go/app/Imports';
import * as CompaniesService from '../wailsjs/go/app/Companies';
import * as DuplicatesService from '../wailsjs/go/app/Duplicates';
import { BrowserOpenURL, EventsOn } from '../wailsjs/runtime/runtime';
import { toAppError } from './errors';

import {
  activities,
  app,
  associations,
  autodomain,
  changelog,
  domains,
  duplicates,
  errs,
  exporter,
  importer,
  records,
  sample,
  schema,
  settings,
} from '../wailsjs/go/models';

// The Go types, as Wails generates them from the bound services
// (wailsjs/go/models.ts). A few fields are narrowed where Go's type says
// less than the values do (a theme, a property type, a record's values).

// The shared vocabulary, bound from Go as enums (app/enums.go).
export const ChangeKind = changelog.Kind;
export type ChangeKind = changelog.Kind;
export const ChangeSource = changelog.Source;
export type ChangeSource = changelog.Source;
export const ErrorCode = errs.Code;
export type ErrorCode = errs.Code;
export const AssociationChange = associations.Change;
export type AssociationChange = associations.Change;
export const LabelKind = associations.LabelKind;
export type LabelKind = associations.LabelKind;
export const FilterOp = records.FilterOp;
export type FilterOp = records.FilterOp;
export const AssociationOp = records.AssociationOp;
export type AssociationOp = records.AssociationOp;
export const BuiltInObject = schema.BuiltInID;
export type BuiltInObject = schema.BuiltInID;

export type Theme = 'system' | 'light' | 'dark';

export type Problem = errs.Error;
export type AppInfo = app.Info;
export interface Settings extends settings.Settings {
  theme: Theme;
}
export type Profile = app.ProfileInfo; // set: false until the user has told us their name

export type PropertyType = 'text' | 'long_text' | 'number' | 'currency' | 'date' | 'datetime' | 'bool' | 'dropdown' | 'email' | 'phone' | 'url' | 'domains';

export type PropertyOption = schema.Option;
// options is null for a property that is not a dropdown (a nil Go slice).
export type Property = Omit<schema.Property, 'type' | 'options'> & { type: PropertyType; options: PropertyOption[] | null };
// An object with the rules the UI follows (primaryCompany, nameCandidates).
export type ObjectDef = Omit<schema.ObjectView, 'properties'> & { properties: Property[] };
export type ObjectInput = schema.ObjectInput;
export type PropertyInput = Omit<schema.PropertyInput, 'type'> & { type: PropertyType };
export type Actor = changelog.Actor;

export type PropValue = string | number | boolean | null;

export type RecordData = Omit<records.RecordView, 'props'> & { props: Record<string, PropValue> };
export type Filter = records.Filter;
export type AssociationFilter = records.AssociationFilter;

// Sorting by a property name, or by the pseudo-properties below.
export const sortName = '_name';
export const sortCreated = '_created';
export const sortUpdated = '_updated';

export type ListQuery = records.ListQuery; // limit: at most 500
export type ListPage = Omit<records.Page, 'records'> & { records: RecordData[] };
export type SearchHit = records.Hit;
export type Change = app.ChangeView;
export type HistoryEntry = app.HistoryEntry;
export type SampleSizes = sample.Sizes;

// Associations (backend/associations; rules in docs/associations.md).
export type LabelOption = associations.LabelOption;
export type LabelRef = associations.LabelRef;
export type Associated = associations.Associated;
export type AssociationGroup = associations.Group;
// An edit from the record's page. primary: the target that becomes the
// record's primary company. newPrimary: record ID → the company that becomes
// its primary when the edit takes its primary away.
export type AssociationEdit = associations.Edit;
export type EditResult = associations.Result;
export type Label = associations.Label;
export type LabelInput = associations.LabelInput;
export type Limit = associations.Limit;
export type Pair = associations.PairView;
export type AssociationEvent = associations.Event;
export type BulkResult = associations.BulkResult;
export type AssociationColumn = associations.Column;

// A cell of an association column. Wails types Columns' [][]Cell answer
// as any, so this one is written here.
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

// — Activities (backend/activities): notes, calls, emails, meetings and
// tasks logged on records' timelines. Activity objects have activityDate. —
export const ItemKind = activities.ItemKind;
export type ItemKind = activities.ItemKind;
export type Activity = Omit<activities.Activity, 'props'> & { props: Record<string, PropValue> };
export type LinkedRecord = associations.Linked;
// A record the composer pre-ticks: the record itself (rule ''), then the rules' picks.
export type Suggestion = activities.Suggestion;
// on: the record whose timeline it is logged on; records: every ticked record ID.
export type ActivityInput = Omit<activities.LogInput, 'props'> & { props: Record<string, PropValue> };
export type TimelineQuery = activities.TimelineQuery; // limit: at most 200; cursor: the previous page's next
export type TimelineEvent = activities.Event;
export type TimelineItem = Omit<activities.TimelineItem, 'activity'> & { activity?: Activity };
export type TimelinePage = Omit<activities.TimelinePage, 'items'> & { items: TimelineItem[] };
// What a whole timeline holds (for its filters): activities in all, per type, and their authors.
export type ActivityOverview = activities.Overview;
// — end of Activities —

// — Activity association rules: which of a record's associated records an
// activity logged on it is also associated with (count: recent_open only). —
export const RuleMode = activities.Mode;
export type RuleMode = activities.Mode;
export type ActivityRule = activities.Rule;

// — Imports and exports (backend/importer, backend/exporter; contract in
// notes/import-api.md). Jobs (check, import, undo) run in the background and
// report through onImportProgress and backend.imports.job. —
export const ImportMode = importer.Mode;
export type ImportMode = importer.Mode;
export const ColumnKind = importer.ColumnKind;
export type ColumnKind = importer.ColumnKind;
export const MatchBy = importer.Match;
export type MatchBy = importer.Match;
export const ImportState = importer.State;
export type ImportState = importer.State;
export const JobKind = importer.JobKind;
export type JobKind = importer.JobKind;
export type ImportSetup = importer.Setup;
export type ImportObject = importer.ObjectSetup;
export type ImportColumn = importer.Column;
export type ImportFile = importer.File;
export type ImportJob = importer.Job;
export type ImportProblem = importer.Problem;
export type ImportCounts = importer.Counts;
export type ImportKept = importer.Kept;
export type ImportUndoCounts = importer.UndoCounts;
export type ImportRecord = importer.Import;
export type ExportRequest = exporter.Request;
export type ExportResult = exporter.Result;
// — end of Imports and exports —

// — Companies by domain (backend/autodomain, backend/domains): the
// automation, its run over the existing contacts (reported through
// onAutoDomainProgress and backend.companies.applyStatus), the free-mail and
// excluded domains, and the suggestion on a contact's Companies card. —
export type AutomationSetting = autodomain.Setting;
export type AutoDomainRun = app.AutoDomainRun;
export type AutoDomainResult = autodomain.Result;
export type DomainLists = domains.Lists;
// others: how many more live companies share the domain.
export type CompanySuggestion = Omit<autodomain.Suggestion, 'company'> & { company: RecordData };
// — end of Companies by domain —

// — Duplicates (backend/duplicates): likely duplicate contacts or companies,
// found with progress (onDuplicatesProgress), merged or marked "Not a
// duplicate". a is the older record (created first); reasons are short
// phrases such as "Same email"; score: 1–100, the pairs come best first. —
export type DuplicatePair = Omit<duplicates.Pair, 'a' | 'b'> & { a: RecordData; b: RecordData };
// How far a Find has read (app.DuplicatesProgress, not bound as a type):
// done of total records of object; canceled: the last event of a Find that
// was canceled (by Cancel or by the next Find).
export interface DuplicatesProgress {
  object: string;
  done: number;
  total: number;
  canceled: boolean;
}
// — end of Duplicates —

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
  savePreference: (key: string, value: unknown) => call<void>(() => SettingsService.SavePreference(key, JSON.stringify(value))),

  objects: () => call<ObjectDef[]>(() => SchemaService.Objects()),
  createObject: (input: ObjectInput) => call<ObjectDef>(() => SchemaService.CreateObject(input)),
  renameObject: (id: string, input: ObjectInput) => call<ObjectDef>(() => SchemaService.RenameObject(id, input)),
  deleteObject: (id: string) => call<void>(() => SchemaService.DeleteObject(id)),
  addProperty: (object: string, input: PropertyInput) => call<ObjectDef>(() => SchemaService.AddProperty(object, input)),
  updateProperty: (object: string, name: string, input: PropertyInput) => call<ObjectDef>(() => SchemaService.UpdateProperty(object, name, input)),
  removeProperty: (object: string, name: string) => call<ObjectDef>(() => SchemaService.RemoveProperty(object, name)),
  setDisplayProperty: (object: string, name: string) => call<ObjectDef>(() => SchemaService.SetDisplayProperty(object, name)),

  listRecords: (q: ListQuery) => call<ListPage>(() => RecordsService.List(q)),
  getRecord: (id: string) => call<RecordData>(() => RecordsService.Get(id)),
  createRecord: (object: string, props: Record<string, PropValue>) => call<RecordData>(() => RecordsService.Create(object, props)),
  updateRecord: (id: string, props: Record<string, PropValue>) => call<RecordData>(() => RecordsService.Update(id, props)),
  deleteRecords: (ids: string[]) => call<number>(() => RecordsService.Delete(ids)),
  restoreRecords: (ids: string[]) => call<number>(() => RecordsService.Restore(ids)),
  deleteRecordsPermanently: (ids: string[]) => call<number>(() => RecordsService.DeletePermanently(ids)),
  recycleBin: (object: string) => call<RecordData[]>(() => RecordsService.Bin(object)),
  recordHistory: (id: string) => call<HistoryEntry[]>(() => RecordsService.History(id)),
  search: (text: string, limit = 10) => call<SearchHit[]>(() => RecordsService.Search(text, limit)),
  // Live records a new one would duplicate (a contact's email, a company's domain).
  duplicates: (object: string, props: Record<string, PropValue>) => call<RecordData[]>(() => RecordsService.Duplicates(object, props)),
  loadSampleData: () => call<SampleSizes>(() => RecordsService.LoadSampleData()),

  associationSummary: (record: string, perGroup = 10) => call<AssociationGroup[]>(() => AssociationsService.Summary(record, perGroup)),
  associationPage: (record: string, object: string, offset: number, limit: number) =>
    call<AssociationGroup>(() => AssociationsService.Page(record, object, offset, limit)),
  associationColumns: (records: string[], columns: AssociationColumn[]) => call<AssociationCell[][]>(() => AssociationsService.Columns(records, columns)),
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
  createLabel: (from: string, to: string, input: LabelInput) => call<Pair>(() => AssociationsService.CreateLabel(from, to, input)),
  renameLabel: (from: string, to: string, id: number, input: LabelInput) => call<Pair>(() => AssociationsService.RenameLabel(from, to, id, input)),
  labelUsage: (from: string, to: string, id: number) => call<number>(() => AssociationsService.LabelUsage(from, to, id)),
  deleteLabel: (from: string, to: string, id: number) => call<number>(() => AssociationsService.DeleteLabel(from, to, id)),
  setLimit: (from: string, to: string, limit: Limit) => call<Pair>(() => AssociationsService.SetLimit(from, to, limit)),
  exceeding: (from: string, to: string, limit: Limit) => call<number>(() => AssociationsService.Exceeding(from, to, limit)),
  associationHistory: (record: string, object: string, limit = 100, before = '') =>
    call<AssociationEvent[]>(() => AssociationsService.History(record, object, limit, before)),
  pairHistory: (record: string, other: string) => call<AssociationEvent[]>(() => AssociationsService.PairHistory(record, other)),

  // Merge: keep takes the chosen values; other's associations move to keep.
  mergeRecords: (keep: string, other: string, props: Record<string, PropValue>) => call<RecordData>(() => RecordsService.Merge(keep, other, props)),

  // — bulk association (index page) —
  bulkAssociate: (edit: AssociationEdit) => call<BulkResult>(() => AssociationsService.BulkAssociate(edit)),

  // — activities (timeline and composer) —
  suggestActivityRecords: (record: string) => call<Suggestion[]>(() => ActivitiesService.Suggest(record)),
  logActivity: (input: ActivityInput) => call<Activity>(() => ActivitiesService.Log(input)),
  getActivity: (id: string) => call<Activity>(() => ActivitiesService.Get(id)),
  // props: only the changed ones, as updateRecord.
  updateActivity: (id: string, props: Record<string, PropValue>) => call<Activity>(() => ActivitiesService.Update(id, props)),
  // Exactly these associations, in one transaction; an empty list is refused (field 'records').
  setActivityRecords: (id: string, records: string[]) => call<Activity>(() => ActivitiesService.SetRecords(id, records)),
  deleteActivity: (id: string) => call<void>(() => ActivitiesService.Delete(id)),
  restoreActivity: (id: string) => call<Activity>(() => ActivitiesService.Restore(id)),
  timeline: (q: TimelineQuery) => call<TimelinePage>(() => ActivitiesService.Timeline(q)),
  activityOverview: (record: string) => call<ActivityOverview>(() => ActivitiesService.Overview(record)),
  // For each activity (at most 500), the live records it is associated with.
  activityRecordsOf: (ids: string[]) => call<LinkedRecord[][]>(() => ActivitiesService.RecordsOf(ids)),
  // — end of activities —

  // — activity association rules (Settings → Activities) —
  activityRules: () => call<ActivityRule[]>(() => ActivitiesService.Rules()),
  // Returns every rule in force, the one changed included.
  setActivityRule: (rule: ActivityRule) => call<ActivityRule[]>(() => ActivitiesService.SetRule(rule)),
  // — end of activity association rules —

  // — imports and exports —
  imports: {
    // The native open dialog; '' when canceled.
    chooseFile: () => call<string>(() => ImportsService.ChooseFile()),
    // objects: what each row holds ([] lets the backend guess); the answer's setup is the suggested mapping.
    inspect: (path: string, objects: string[]) => call<ImportFile>(() => ImportsService.Inspect(path, objects)),
    check: (setup: ImportSetup) => call<ImportJob>(() => ImportsService.Check(setup)),
    start: (setup: ImportSetup) => call<ImportJob>(() => ImportsService.Start(setup)),
    job: (id: string) => call<ImportJob>(() => ImportsService.Job(id)),
    cancel: (id: string) => call<void>(() => ImportsService.Cancel(id)),
    list: () => call<ImportRecord[]>(() => ImportsService.List()),
    undo: (importId: string) => call<ImportJob>(() => ImportsService.Undo(importId)),
    // id: a check's job ID or an import's ID; asks where with the save dialog; '' when canceled.
    saveProblems: (id: string) => call<string>(() => ImportsService.SaveProblems(id)),
    // Asks where with the save dialog; path '' when canceled.
    export: (req: ExportRequest) => call<ExportResult>(() => ImportsService.Export(req)),
  },
  // — end of imports and exports —

  // — companies by domain (Settings → Companies, a contact's Companies card) —
  companies: {
    automation: () => call<AutomationSetting>(() => CompaniesService.Automation()),
    saveAutomation: (s: AutomationSetting) => call<AutomationSetting>(() => CompaniesService.SaveAutomation(s)),
    // Starts the run over every existing contact; refused while one runs.
    applyToExisting: () => call<AutoDomainRun>(() => CompaniesService.ApplyToExisting()),
    applyStatus: () => call<AutoDomainRun>(() => CompaniesService.ApplyStatus()),
    cancelApply: () => call<void>(() => CompaniesService.CancelApply()),
    // The changes to the shipped free-mail list, and the excluded domains.
    domainLists: () => call<DomainLists>(() => CompaniesService.DomainLists()),
    // Returns the lists normalised; a malformed domain is refused (field: the list's name).
    saveDomainLists: (lists: DomainLists) => call<DomainLists>(() => CompaniesService.SaveDomainLists(lists)),
    shippedFreeMail: () => call<number>(() => CompaniesService.ShippedFreeMail()),
    // null: nothing to suggest (automation on, a company already, no match, dismissed).
    suggestion: (contact: string) => call<CompanySuggestion | null>(() => CompaniesService.Suggestion(contact)),
    dismissSuggestion: (contact: string, company: string) => call<void>(() => CompaniesService.DismissSuggestion(contact, company)),
  },
  // — end of companies by domain —

  // — duplicates (Settings → Data quality, the contacts' and companies' index pages) —
  duplicateFinder: {
    // object: contacts or companies; at most 5,000 pairs. A new find stops
    // the one before; a canceled find answers [].
    find: (object: string) => call<DuplicatePair[]>(() => DuplicatesService.Find(object)),
    cancel: () => call<void>(() => DuplicatesService.Cancel()),
    // "Not a duplicate": find leaves the pair out from now on, until undismiss.
    dismiss: (a: string, b: string) => call<void>(() => DuplicatesService.Dismiss(a, b)),
    undismiss: (a: string, b: string) => call<void>(() => DuplicatesService.Undismiss(a, b)),
  },
  // — end of duplicates —

  // Opens an http(s) link from user text in the system browser, never in the app's window.
  openExternal: (url: string) => {
    if ((window as unknown as { runtime?: unknown }).runtime) BrowserOpenURL(url);
    else window.open(url, '_blank', 'noopener,noreferrer');
  },

  // — links —
  // The last link Fieldbook was launched with or handed by a second launch
  // (id 0: none); features/links opens each id once per window.
  pendingLink: () => call<{ id: number; link: string }>(() => Shell.PendingLink()),
};

// Every association query's key starts here: a change to any association
// refreshes them all (both records' cards update at once).
export const associationsKey = ['associations'];

// Every timeline and suggestion query's key starts here: an activity shows on
// several records' timelines, so a change refreshes them all. It sits under
// associationsKey because timelines are associations: deleting, restoring or
// merging records, which refreshes those, refreshes timelines too.
export const activitiesKey = [...associationsKey, 'activities'];

// Settings → Imports' list; an import or an undo refreshes it.
export const importsKey = ['imports'];

// Events the Go side emits (see app/lifecycle.go and app/menu.go).
export type MenuCommand = 'search' | 'settings' | 'open-link' | 'import' | 'export';

export function onMenu(handler: (command: MenuCommand) => void): () => void {
  return subscribe('app:menu', handler);
}

// A check's, an import's or an undo's progress, a few times a second and once
// when it ends.
export function onImportProgress(handler: (job: ImportJob) => void): () => void {
  return subscribe('import:progress', handler);
}

// The run over the existing contacts (companies by domain), a few times a
// second and once when it ends.
export function onAutoDomainProgress(handler: (run: AutoDomainRun) => void): () => void {
  return subscribe('autodomain:progress', handler);
}

// A duplicate find's progress, at most once per percent of the records
// read, and once more with canceled: true if it is canceled.
export function onDuplicatesProgress(handler: (progress: DuplicatesProgress) => void): () => void {
  return subscribe('duplicates:progress', handler);
}

export function onSecondInstance(handler: (args: string[]) => void): () => void {
  return subscribe('app:second-instance', handler);
}

function subscribe<T>(name: string, handler: (payload: T) => void): () => void {
  // Outside the app (unit tests) there is no Wails runtime to listen to.
  if (!(window as unknown as { runtime?: unknown }).runtime) return () => {};
  return EventsOn(name, handler as (...data: unknown[]) => void);
}
