package app

import (
	"fmt"
	"io"
	"log"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/google/uuid"

	"fieldbook/backend/autodomain"
	"fieldbook/backend/errs"
	"fieldbook/backend/exporter"
	"fieldbook/backend/importer"
	"fieldbook/backend/schema"
)

// EventImportProgress carries an importer.Job to the frontend while it runs
// (a few times a second) and once more when it ends.
const EventImportProgress = "import:progress"

// Imports lets the frontend bring CSV files in (check, import, undo) and
// write index views out.
type Imports struct {
	life    *Lifecycle
	svc     *importer.Service
	export  *exporter.Service
	auto    *autodomain.Service
	dialogs dialogs

	matched  sync.Map       // imports whose contacts companies by domain looked at
	matching sync.WaitGroup // those under way, which the store waits for
}

// NewImports binds the import and export services. Running jobs are
// stopped when the app quits, so that an import records where it was.
func NewImports(life *Lifecycle, sch *schema.Service) *Imports {
	m := &Imports{life: life, dialogs: newDialogs(life)}
	life.attach = append(life.attach, func(s Services) {
		m.svc = s.Importer
		m.export = exporter.New(sch, s.Records, s.Links)
		m.auto = s.AutoDomain
		m.svc.OnProgress(func(j importer.Job) {
			if w := life.window(); w != nil {
				w.emit(EventImportProgress, j)
			}
			if j.Kind == importer.ImportJob && (j.State == importer.Done || j.State == importer.Canceled) {
				m.matchCompanies(j.Import)
			}
		})
	})
	life.stopping = append(life.stopping, func() {
		if m.svc == nil {
			return
		}
		for _, id := range m.svc.Running() {
			_ = m.svc.Cancel(id)
			_, _ = m.svc.Wait(id)
		}
		m.matching.Wait()
	})
	return m
}

// matchCompanies gives the contacts an import created or re-emailed the
// company of their domain when the automation is on, after the import and
// apart from it (undoing the import leaves those companies).
func (m *Imports) matchCompanies(importID string) {
	if m.auto == nil {
		return
	}
	if _, done := m.matched.LoadOrStore(importID, true); done {
		return
	}
	m.matching.Add(1)
	go func() {
		defer m.matching.Done()
		if set, err := m.auto.Setting(); err != nil || !set.Enabled {
			return
		}
		ids, err := m.svc.Contacts(importID)
		if err == nil {
			meta := m.life.userMeta()
			meta.Batch = uuid.Must(uuid.NewV7()).String()
			_, err = m.auto.ForContacts(meta, ids)
		}
		if err != nil {
			log.Printf("matching the contacts of import %s with the companies of their domains: %v", importID, err)
		}
	}()
}

// ChooseFile asks for a CSV file with the native dialog; "" when canceled.
func (m *Imports) ChooseFile() (path string, err error) {
	defer guard(&err)
	return m.dialogs.openCSV("Import a CSV file")
}

// Inspect reads a file's start: its encoding, delimiter, headers, first
// rows, and a suggested setup for objects (guessed when empty).
func (m *Imports) Inspect(path string, objects []string) (out importer.File, err error) {
	defer guard(&err)
	if err = m.life.ready(); err != nil {
		return out, err
	}
	return m.svc.Inspect(path, objects)
}

// Check starts a dry run of setup: every row is read and checked, nothing
// is written. Progress comes as EventImportProgress.
func (m *Imports) Check(setup importer.Setup) (out importer.Job, err error) {
	defer guard(&err)
	if err = m.life.ready(); err != nil {
		return out, err
	}
	return m.svc.Check(m.life.userMeta(), setup)
}

// Start starts importing setup's rows that have no problems.
func (m *Imports) Start(setup importer.Setup) (out importer.Job, err error) {
	defer guard(&err)
	if err = m.life.ready(); err != nil {
		return out, err
	}
	return m.svc.Start(m.life.userMeta(), setup)
}

// Job returns a job's state.
func (m *Imports) Job(id string) (out importer.Job, err error) {
	defer guard(&err)
	if err = m.life.ready(); err != nil {
		return out, err
	}
	return m.svc.Job(id)
}

// Cancel stops a job; what an import wrote before stays.
func (m *Imports) Cancel(id string) (err error) {
	defer guard(&err)
	if err = m.life.ready(); err != nil {
		return err
	}
	return m.svc.Cancel(id)
}

// List returns every import, newest first.
func (m *Imports) List() (out []importer.Import, err error) {
	defer guard(&err)
	if err = m.life.ready(); err != nil {
		return nil, err
	}
	return m.svc.List()
}

// Undo starts taking back an import.
func (m *Imports) Undo(id string) (out importer.Job, err error) {
	defer guard(&err)
	if err = m.life.ready(); err != nil {
		return out, err
	}
	return m.svc.Undo(m.life.userMeta(), id)
}

// SaveProblems writes the problems of a job or an import to a CSV file the
// user picks; "" when canceled.
func (m *Imports) SaveProblems(id string) (path string, err error) {
	defer guard(&err)
	if err = m.life.ready(); err != nil {
		return "", err
	}
	from, err := m.svc.ProblemsFile(id)
	if err != nil {
		return "", err
	}
	if from == "" {
		return "", errs.Invalid("id", "This import found no problems.")
	}
	src, err := os.Open(from)
	if err != nil {
		return "", errs.Invalid("id", "The problems file is not there any more.")
	}
	defer src.Close()
	path, err = m.dialogs.saveCSV("Save the problems", "problems.csv")
	if err != nil || path == "" {
		return "", err
	}
	return path, writeFile(path, func(w io.Writer) error {
		_, err := io.Copy(w, src)
		return err
	})
}

// Export writes an index view, or a whole object, to a CSV file the user
// picks; Path "" when canceled.
func (m *Imports) Export(req exporter.Request) (out exporter.Result, err error) {
	defer guard(&err)
	if err = m.life.ready(); err != nil {
		return out, err
	}
	name := strings.ToLower(req.Query.Object) + ".csv"
	path, err := m.dialogs.saveCSV("Export to a CSV file", name)
	if err != nil || path == "" {
		return out, err
	}
	rows := 0
	err = writeFile(path, func(w io.Writer) (err error) {
		rows, err = m.export.Write(w, req)
		return err
	})
	return exporter.Result{Path: path, Rows: rows}, err
}

// writeFile writes a file through a temporary one beside it, so a failed
// export never leaves half a file under the name the user chose.
func writeFile(path string, write func(io.Writer) error) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return errs.Invalid("path", fmt.Sprintf("Fieldbook cannot write to %s: %v", filepath.Dir(path), err))
	}
	defer os.Remove(tmp.Name()) // after a successful rename, nothing to remove
	if err := write(tmp); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
