export namespace activities {
	
	export enum ItemKind {
	    Activity = "activity",
	    Association = "association",
	    Merge = "merge",
	    Property = "property",
	}
	export enum Mode {
	    All = "all",
	    None = "none",
	    Primary = "primary",
	    RecentOpen = "recent_open",
	}
	export interface Activity {
	    id: string;
	    object: string;
	    displayName: string;
	    props: Record<string, any>;
	    createdAt: string;
	    updatedAt: string;
	    createdBy: changelog.Actor;
	    updatedBy: changelog.Actor;
	    deletedAt?: string;
	    at: string;
	    records: associations.Linked[];
	}
	export interface Event {
	    actor: changelog.Actor;
	    source: changelog.Source;
	    text: string;
	    record?: string;
	}
	export interface LogInput {
	    object: string;
	    props: Record<string, any>;
	    records: string[];
	    auto?: string[];
	}
	export interface Overview {
	    total: number;
	    types: Record<string, number>;
	    authors: changelog.Actor[];
	}
	export interface Rule {
	    source: string;
	    target: string;
	    mode: Mode;
	    count?: number;
	}
	export interface Suggestion {
	    record: string;
	    object: string;
	    name: string;
	    rule?: Mode;
	}
	export interface TimelineItem {
	    kind: ItemKind;
	    at: string;
	    activity?: Activity;
	    event?: Event;
	}
	export interface TimelinePage {
	    items: TimelineItem[];
	    next: string;
	}
	export interface TimelineQuery {
	    record: string;
	    types?: string[];
	    authors?: string[];
	    search?: string;
	    changes?: boolean;
	    cursor?: string;
	    limit: number;
	}

}

export namespace app {
	
	export interface AutoDomainRun {
	    running: boolean;
	    progress: autodomain.Progress;
	    result: autodomain.Result;
	    canceled: boolean;
	    error?: string;
	}
	export interface ChangeView {
	    kind: changelog.Kind;
	    property?: string;
	    before?: any;
	    after?: any;
	}
	export interface HistoryEntry {
	    opId: string;
	    time: string;
	    actor: changelog.Actor;
	    source: string;
	    changes: ChangeView[];
	}
	export interface Info {
	    version: string;
	    dataDir: string;
	    problem?: errs.Error;
	}
	export interface LinkRequest {
	    id: number;
	    link: string;
	}
	export interface ProfileInfo {
	    id: string;
	    name: string;
	    set: boolean;
	}

}

export namespace associations {
	
	export enum Change {
	    Created = "created",
	    LabelAdded = "label_added",
	    LabelRemoved = "label_removed",
	    PrimarySet = "primary_set",
	    PrimaryUnset = "primary_unset",
	    Removed = "removed",
	}
	export enum LabelKind {
	    Paired = "paired",
	    Primary = "primary",
	    Single = "single",
	}
	export interface LabelOption {
	    id: number;
	    inverse: boolean;
	    name: string;
	    kind: LabelKind;
	    builtIn: boolean;
	}
	export interface Associated {
	    id: string;
	    object: string;
	    name: string;
	    labels: LabelOption[];
	    primary: boolean;
	    since: string;
	}
	export interface BulkResult {
	    associated: number;
	    already: number;
	    refused: number;
	    reasons: string[];
	}
	export interface Column {
	    object: string;
	    primary: boolean;
	}
	export interface LabelRef {
	    id: number;
	    inverse: boolean;
	}
	export interface Edit {
	    record: string;
	    targets: string[];
	    labels: LabelRef[];
	    primary: string;
	    newPrimary: Record<string, string>;
	}
	export interface Event {
	    opId: string;
	    time: string;
	    actor: changelog.Actor;
	    source: changelog.Source;
	    change: Change;
	    label?: string;
	    note?: string;
	    record: string;
	    object: string;
	    name: string;
	}
	export interface Group {
	    object: string;
	    total: number;
	    items: Associated[];
	}
	export interface LabelInput {
	    kind: LabelKind;
	    from: string;
	    name: string;
	    inverse: string;
	}
	
	
	export interface Limit {
	    from: string;
	    label: number;
	    inverse: boolean;
	    max: number;
	}
	export interface Linked {
	    id: string;
	    object: string;
	    name: string;
	}
	export interface Label {
	    id: number;
	    kind: LabelKind;
	    from: string;
	    to: string;
	    name: string;
	    inverse: string;
	    builtIn: boolean;
	}
	export interface PairView {
	    a: string;
	    b: string;
	    defined: boolean;
	    labels: Label[];
	    limits: Limit[];
	    nextId: number;
	    key: string;
	}
	export interface Result {
	    changed: number;
	    unchanged: number;
	}

}

export namespace autodomain {
	
	export interface Progress {
	    done: number;
	    total: number;
	}
	export interface Result {
	    contacts: number;
	    associated: number;
	    companiesCreated: number;
	    associatedNew: number;
	    hasCompany: number;
	    noDomain: number;
	    freeMail: number;
	    excluded: number;
	    refused: number;
	}
	export interface Setting {
	    enabled: boolean;
	}
	export interface Suggestion {
	    company: records.RecordView;
	    domain: string;
	    others: number;
	}

}

export namespace changelog {
	
	export enum Kind {
	    AssociationCreated = "association.created",
	    AssociationLabelAdded = "association.label_added",
	    AssociationLabelCreated = "association.label_created",
	    AssociationLabelDeleted = "association.label_deleted",
	    AssociationLabelRemoved = "association.label_removed",
	    AssociationLabelRenamed = "association.label_renamed",
	    AssociationLimitSet = "association.limit_set",
	    AssociationPairDefined = "association.pair_defined",
	    AssociationPrimarySet = "association.primary_set",
	    AssociationPrimaryUnset = "association.primary_unset",
	    AssociationRemoved = "association.removed",
	    ObjectCreated = "object.created",
	    ObjectDeleted = "object.deleted",
	    ObjectDisplayChanged = "object.display_changed",
	    ObjectRenamed = "object.renamed",
	    PropertyAdded = "property.added",
	    PropertyRemoved = "property.removed",
	    PropertyUpdated = "property.updated",
	    RecordCreated = "record.created",
	    RecordDeleted = "record.deleted",
	    RecordMerged = "record.merged",
	    RecordMergedInto = "record.merged_into",
	    RecordPurged = "record.purged",
	    RecordRestored = "record.restored",
	    RecordUpdated = "record.updated",
	    SettingUpdated = "setting.updated",
	}
	export enum Source {
	    API = "API",
	    ActivityAutoAssociation = "Activity auto association",
	    AutoAssociationByDomain = "Auto association by domain",
	    Import = "Import",
	    Job = "Job",
	    Migration = "Migration",
	    ObjectDeletion = "Object deletion",
	    ObjectMerge = "Object merge",
	    ObjectRestore = "Object restore",
	    Unknown = "Unknown",
	    User = "User",
	}
	export interface Actor {
	    id: string;
	    name: string;
	}

}

export namespace domains {
	
	export interface Lists {
	    freeMailAdded: string[];
	    freeMailRemoved: string[];
	    excluded: string[];
	}

}

export namespace duplicates {
	
	export interface Pair {
	    a: records.RecordView;
	    b: records.RecordView;
	    reasons: string[];
	    score: number;
	}

}

export namespace errs {
	
	export enum Code {
	    Internal = "internal",
	    Invalid = "invalid",
	    LimitReached = "limit_reached",
	    NotDefined = "not_defined",
	    NotFound = "not_found",
	    PrimaryRequired = "primary_required",
	    StoreLocked = "store_locked",
	    Unavailable = "unavailable",
	}
	export interface FieldError {
	    field: string;
	    message: string;
	}
	export interface Error {
	    code: Code;
	    message: string;
	    field?: string;
	    others?: FieldError[];
	}

}

export namespace exporter {
	
	export interface Request {
	    query: records.ListQuery;
	    columns: string[];
	    associations: associations.Column[];
	    all: boolean;
	}
	export interface Result {
	    path: string;
	    rows: number;
	}

}

export namespace importer {
	
	export enum ColumnKind {
	    Association = "association",
	    Id = "id",
	    Labels = "labels",
	    Property = "property",
	    Skip = "skip",
	}
	export enum JobKind {
	    Check = "check",
	    Import = "import",
	    Undo = "undo",
	}
	export enum Match {
	    Domain = "domain",
	    Email = "email",
	    Id = "id",
	    Name = "name",
	}
	export enum Mode {
	    Create = "create",
	    CreateUpdate = "create_update",
	    Update = "update",
	}
	export enum State {
	    Canceled = "canceled",
	    Checked = "checked",
	    Done = "done",
	    Failed = "failed",
	    Interrupted = "interrupted",
	    Running = "running",
	    Undone = "undone",
	}
	export interface Column {
	    header: string;
	    kind: ColumnKind;
	    object: string;
	    property?: string;
	    target?: string;
	    match?: Match;
	    primary?: boolean;
	    label?: string;
	}
	export interface Counts {
	    rows: number;
	    created: number;
	    updated: number;
	    unchanged: number;
	    associations: number;
	    labels: number;
	    skipped: number;
	    pending: number;
	}
	export interface ErrorView {
	    code: string;
	    message: string;
	    field: string;
	}
	export interface ObjectSetup {
	    object: string;
	    mode: Mode;
	}
	export interface Setup {
	    path: string;
	    source: changelog.Source;
	    objects: ObjectSetup[];
	    columns: Column[];
	}
	export interface File {
	    path: string;
	    name: string;
	    size: number;
	    encoding: string;
	    delimiter: string;
	    headers: string[];
	    preview: string[][];
	    hubspot: boolean;
	    setup: Setup;
	}
	export interface UndoCounts {
	    records: number;
	    associations: number;
	    labels: number;
	    values: number;
	    kept: number;
	}
	export interface Import {
	    id: string;
	    file: string;
	    by: changelog.Actor;
	    at: string;
	    source: changelog.Source;
	    state: State;
	    counts: Counts;
	    problems: number;
	    undoneAt?: string;
	    undo?: UndoCounts;
	}
	export interface Kept {
	    record: string;
	    object: string;
	    name: string;
	    property?: string;
	    message: string;
	}
	export interface Problem {
	    row: number;
	    column: string;
	    value: string;
	    message: string;
	}
	export interface Job {
	    id: string;
	    kind: JobKind;
	    import: string;
	    file: string;
	    state: State;
	    size: number;
	    read: number;
	    rate: number;
	    left: number;
	    counts: Counts;
	    problems: Problem[];
	    total: number;
	    badRows: number;
	    undo?: UndoCounts;
	    kept: Kept[];
	    error?: ErrorView;
	}
	
	
	
	

}

export namespace records {
	
	export enum AssociationOp {
	    HasAny = "has_any",
	    HasNone = "has_none",
	    With = "with",
	}
	export enum FilterOp {
	    Contains = "contains",
	    Empty = "empty",
	    Gt = "gt",
	    Is = "is",
	    IsNot = "is_not",
	    Lt = "lt",
	    NotEmpty = "not_empty",
	}
	export interface AssociationFilter {
	    op: AssociationOp;
	    object?: string;
	    record?: string;
	}
	export interface Filter {
	    property: string;
	    op: FilterOp;
	    value: string;
	}
	export interface Hit {
	    id: string;
	    object: string;
	    displayName: string;
	    detail: string;
	}
	export interface ListQuery {
	    object: string;
	    sort: string;
	    desc: boolean;
	    search: string;
	    filters: Filter[];
	    associations?: AssociationFilter[];
	    offset: number;
	    limit: number;
	}
	export interface RecordView {
	    id: string;
	    object: string;
	    displayName: string;
	    props: Record<string, any>;
	    createdAt: string;
	    updatedAt: string;
	    createdBy: changelog.Actor;
	    updatedBy: changelog.Actor;
	    deletedAt?: string;
	}
	export interface Page {
	    total: number;
	    offset: number;
	    records: RecordView[];
	}

}

export namespace sample {
	
	export interface Sizes {
	    contacts: number;
	    companies: number;
	    deals: number;
	    tickets: number;
	    associations: number;
	}

}

export namespace schema {
	
	export enum BuiltInID {
	    Calls = "calls",
	    Companies = "companies",
	    Contacts = "contacts",
	    Deals = "deals",
	    Emails = "emails",
	    Meetings = "meetings",
	    Notes = "notes",
	    Tasks = "tasks",
	    Tickets = "tickets",
	}
	export interface ObjectInput {
	    singular: string;
	    plural: string;
	}
	export interface Option {
	    value: string;
	    label: string;
	}
	export interface Property {
	    name: string;
	    label: string;
	    type: string;
	    options: Option[];
	    builtIn: boolean;
	}
	export interface ObjectView {
	    id: string;
	    num: number;
	    singular: string;
	    plural: string;
	    builtIn: boolean;
	    properties: Property[];
	    displayProperty: string;
	    retired: string[];
	    activityDate?: string;
	    primaryCompany: boolean;
	    nameCandidates: string[];
	}
	
	export interface PropertyInput {
	    label: string;
	    type: string;
	    options: Option[];
	}

}

export namespace settings {
	
	export interface Settings {
	    theme: string;
	}

}

