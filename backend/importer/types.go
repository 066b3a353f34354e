package importer

import (
	"fieldbook/backend/changelog"
)

// Mode is what an import may do to one object's records.
type Mode string

const (
	CreateAndUpdate Mode = "create_update"
	CreateOnly      Mode = "create"
	UpdateOnly      Mode = "update"
)

// Modes is every Mode, for the frontend's enum.
var Modes = []Mode{CreateAndUpdate, CreateOnly, UpdateOnly}

// ColumnKind is what one column of the file holds.
type ColumnKind string

const (
	Skip        ColumnKind = "skip"        // "don't import"
	Property    ColumnKind = "property"    // a value of Object's Property
	RecordID    ColumnKind = "id"          // the record's ID: Fieldbook's, or another system's (kept in a map)
	Association ColumnKind = "association" // records of Target, named by Match, several separated by ";"
	Labels      ColumnKind = "labels"      // label names for Object's associations with Target, separated by ";"
)

// ColumnKinds is every ColumnKind, for the frontend's enum.
var ColumnKinds = []ColumnKind{Skip, Property, RecordID, Association, Labels}

// Match is how an association column names records.
type Match string

const (
	ByID     Match = "id"     // Fieldbook record ID, or an ID an earlier import mapped
	ByEmail  Match = "email"  // contacts
	ByDomain Match = "domain" // companies
	ByName   Match = "name"   // exact display name
)

// Matches is every Match, for the frontend's enum.
var Matches = []Match{ByID, ByEmail, ByDomain, ByName}

// State is where an import (or a check, or an undo) is.
type State string

const (
	Running     State = "running"
	Checked     State = "checked"     // a dry run finished
	Done        State = "done"        // an import finished
	Canceled    State = "canceled"    // stopped by the user; what was written stays
	Interrupted State = "interrupted" // the app stopped during it; what was written stays
	Failed      State = "failed"      // stopped by an error (Job.Error)
	Undone      State = "undone"      // its changes were taken back
)

// States is every State, for the frontend's enum.
var States = []State{Running, Checked, Done, Canceled, Interrupted, Failed, Undone}

// JobKind is what a job does.
type JobKind string

const (
	CheckJob  JobKind = "check"  // dry run: reads the file, writes nothing
	ImportJob JobKind = "import" // writes the rows without problems
	UndoJob   JobKind = "undo"   // takes back an import
)

// JobKinds is every JobKind, for the frontend's enum.
var JobKinds = []JobKind{CheckJob, ImportJob, UndoJob}

// ObjectSetup is one object each row holds, and what the import may do to
// its records.
type ObjectSetup struct {
	Object string `json:"object"`
	Mode   Mode   `json:"mode"`
}

// Column says what one column of the file holds; Setup.Columns has one per
// header, in the file's order.
type Column struct {
	Header   string     `json:"header"`
	Kind     ColumnKind `json:"kind"`
	Object   string     `json:"object"`             // which of the row's objects it belongs to
	Property string     `json:"property,omitempty"` // Property: the property's internal name
	Target   string     `json:"target,omitempty"`   // Association, Labels: the other object
	Match    Match      `json:"match,omitempty"`    // Association: how cells name records
	Primary  bool       `json:"primary,omitempty"`  // Association with companies: the cell's company becomes the primary
	Label    string     `json:"label,omitempty"`    // Association: the label these associations carry ("Associated Company IDs (Billing contact)")
}

// Setup is everything the user chose in the wizard.
type Setup struct {
	Path    string           `json:"path"`
	Source  changelog.Source `json:"source"`  // Import, or Migration for another CRM's export files
	Objects []ObjectSetup    `json:"objects"` // what each row holds; several are associated with each other
	Columns []Column         `json:"columns"`
}

// File is what Inspect learns from a file's start, with a suggested setup.
type File struct {
	Path      string     `json:"path"`
	Name      string     `json:"name"`
	Size      int64      `json:"size"`
	Encoding  string     `json:"encoding"`  // "UTF-8", "UTF-8 with BOM", "UTF-16LE", "UTF-16BE", "Windows-1252"
	Delimiter string     `json:"delimiter"` // ",", ";" or "\t"
	Headers   []string   `json:"headers"`
	Preview   [][]string `json:"preview"` // the first rows, as read
	HubSpot   bool       `json:"hubspot"` // a HubSpot export file: source Migration, HubSpot's names mapped
	Setup     Setup      `json:"setup"`   // the suggested choices
}

// Counts is what a check found or an import did.
type Counts struct {
	Rows         int `json:"rows"`         // data rows read
	Created      int `json:"created"`      // records
	Updated      int `json:"updated"`      // records with at least one value changed
	Unchanged    int `json:"unchanged"`    // records matched that the row does not change
	Associations int `json:"associations"` // new associations
	Labels       int `json:"labels"`       // labels added to associations
	Skipped      int `json:"skipped"`      // rows with problems, not imported
	Pending      int `json:"pending"`      // associations with records named by an ID no record has yet (another file brings them)
}

// Problem is one thing wrong with one cell (or row) of the file.
type Problem struct {
	Row     int    `json:"row"`    // data row, 1 = the first after the header
	Column  string `json:"column"` // header; "" for the whole row
	Value   string `json:"value"`
	Message string `json:"message"`
}

// Kept is a change an undo left alone because someone changed the record
// since the import.
type Kept struct {
	Record   string `json:"record"`
	Object   string `json:"object"`
	Name     string `json:"name"`
	Property string `json:"property,omitempty"`
	Message  string `json:"message"`
}

// MaxShownProblems bounds the problems a Job carries; all of them are in
// its problems file.
const MaxShownProblems = 500

// Job is a check, an import or an undo under way or finished.
type Job struct {
	ID       string      `json:"id"`
	Kind     JobKind     `json:"kind"`
	Import   string      `json:"import"` // the import it belongs to ("" for a check)
	File     string      `json:"file"`   // file name
	State    State       `json:"state"`
	Size     int64       `json:"size"`     // bytes to read
	Read     int64       `json:"read"`     // bytes read so far
	Rate     float64     `json:"rate"`     // rows per second
	Left     float64     `json:"left"`     // seconds left, estimated; 0 when unknown
	Counts   Counts      `json:"counts"`   // so far
	Problems []Problem   `json:"problems"` // the first MaxShownProblems
	Total    int         `json:"total"`    // problems in all
	BadRows  int         `json:"badRows"`  // rows with at least one problem
	Undo     *UndoCounts `json:"undo"`     // an undo's counts
	Kept     []Kept      `json:"kept"`     // an undo's
	Error    *ErrorView  `json:"error"`    // State Failed
}

// ErrorView is a failure as the frontend shows it.
type ErrorView struct {
	Code    string `json:"code"`
	Message string `json:"message"`
	Field   string `json:"field"`
}

// Import is one import in Settings → Imports.
type Import struct {
	ID       string           `json:"id"`
	File     string           `json:"file"`
	By       changelog.Actor  `json:"by"`
	At       string           `json:"at"` // RFC 3339, when it started
	Source   changelog.Source `json:"source"`
	State    State            `json:"state"`
	Counts   Counts           `json:"counts"`
	Problems int              `json:"problems"` // in its problems file
	UndoneAt string           `json:"undoneAt,omitempty"`
	Undo     *UndoCounts      `json:"undo"` // nil until undone
}

// UndoCounts is what an undo took back and what it left alone.
type UndoCounts struct {
	Records      int `json:"records"`      // created records moved to the recycle bin
	Associations int `json:"associations"` // created associations removed (those of removed records go to the bin with them)
	Labels       int `json:"labels"`       // added labels removed
	Values       int `json:"values"`       // changed values put back
	Kept         int `json:"kept"`         // changes left alone: someone changed them since
}
