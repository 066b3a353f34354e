export namespace app {
	
	export interface ChangeView {
	    kind: string;
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
	
	export interface LabelOption {
	    id: number;
	    inverse: boolean;
	    name: string;
	    kind: string;
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
	    source: string;
	    change: string;
	    label?: string;
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
	    kind: string;
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
	export interface Label {
	    id: number;
	    kind: string;
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

export namespace changelog {
	
	export interface Actor {
	    id: string;
	    name: string;
	}

}

export namespace errs {
	
	export interface FieldError {
	    field: string;
	    message: string;
	}
	export interface Error {
	    code: string;
	    message: string;
	    field?: string;
	    others?: FieldError[];
	}

}

export namespace records {
	
	export interface Filter {
	    property: string;
	    op: string;
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
	export interface ObjectDef {
	    id: string;
	    num: number;
	    singular: string;
	    plural: string;
	    builtIn: boolean;
	    properties: Property[];
	    displayProperty: string;
	    retired: string[];
	}
	export interface ObjectInput {
	    singular: string;
	    plural: string;
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

