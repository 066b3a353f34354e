package app

import (
	"errors"

	"fieldbook/backend/errs"
	"fieldbook/backend/exporter"
	"fieldbook/backend/importer"
)

// EventImportProgress carries an importer.Job to the frontend while it runs
// (a few times a second) and once more when it ends.
const EventImportProgress = "import:progress"

// Imports lets the frontend bring CSV files in (check, import, undo) and
// write index views out.
type Imports struct {
	life    *Lifecycle
	dialogs dialogs
}

// NewImports binds the import and export services.
func NewImports(life *Lifecycle) *Imports {
	return &Imports{life: life, dialogs: newDialogs(life)}
}

var errNotBuilt = errs.Internal(errors.New("not built yet"))

// ChooseFile asks for a CSV file with the native dialog; "" when canceled.
func (m *Imports) ChooseFile() (path string, err error) {
	defer guard(&err)
	return m.dialogs.openCSV("Import a CSV file")
}

// Inspect reads a file's start: its encoding, delimiter, headers, first
// rows, and a suggested setup for objects (guessed when empty).
func (m *Imports) Inspect(path string, objects []string) (out importer.File, err error) {
	defer guard(&err)
	return out, errNotBuilt
}

// Check starts a dry run of setup: every row is read and checked, nothing
// is written. Progress comes as EventImportProgress.
func (m *Imports) Check(setup importer.Setup) (out importer.Job, err error) {
	defer guard(&err)
	return out, errNotBuilt
}

// Start starts importing setup's rows that have no problems.
func (m *Imports) Start(setup importer.Setup) (out importer.Job, err error) {
	defer guard(&err)
	return out, errNotBuilt
}

// Job returns a job's state.
func (m *Imports) Job(id string) (out importer.Job, err error) {
	defer guard(&err)
	return out, errNotBuilt
}

// Cancel stops a job; what an import wrote before stays.
func (m *Imports) Cancel(id string) (err error) {
	defer guard(&err)
	return errNotBuilt
}

// List returns every import, newest first.
func (m *Imports) List() (out []importer.Import, err error) {
	defer guard(&err)
	return out, errNotBuilt
}

// Undo starts taking back an import.
func (m *Imports) Undo(id string) (out importer.Job, err error) {
	defer guard(&err)
	return out, errNotBuilt
}

// SaveProblems writes the problems of a job or an import to a CSV file the
// user picks; "" when canceled.
func (m *Imports) SaveProblems(id string) (path string, err error) {
	defer guard(&err)
	return "", errNotBuilt
}

// Export writes an index view, or a whole object, to a CSV file the user
// picks; Path "" when canceled.
func (m *Imports) Export(req exporter.Request) (out exporter.Result, err error) {
	defer guard(&err)
	return out, errNotBuilt
}
