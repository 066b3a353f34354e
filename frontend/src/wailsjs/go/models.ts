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
	export interface ProfileInfo {
	    id: string;
	    name: string;
	    set: boolean;
	}

}

export namespace changelog {
	
	export interface Actor {
	    id: string;
	    name: string;
	}

}

export namespace errs {
	
	export interface Error {
	    code: string;
	    message: string;
	    field?: string;
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

