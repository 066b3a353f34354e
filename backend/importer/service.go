// Package importer brings CSV files into Fieldbook: it suggests how a
// file's columns map onto objects, checks every row before anything is
// written (a dry run), imports the rows without problems in batches of
// whole rows that carry the source Import (or Migration) and the import's
// operations, lists the imports, and undoes one. It reads files with
// backend/csvfile and writes only through the associations engine's batch
// path, so records, associations, labels and primaries follow the
// engine's rules.
package importer

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/dgraph-io/badger/v4"
	"github.com/google/uuid"

	"fieldbook/backend/associations"
	"fieldbook/backend/changelog"
	"fieldbook/backend/csvfile"
	"fieldbook/backend/errs"
	"fieldbook/backend/keys"
	"fieldbook/backend/records"
	"fieldbook/backend/schema"
)

// MaxRows bounds the data rows of one file.
const MaxRows = 1_000_000

// previewRows is how many rows Inspect shows.
const previewRows = 5

// Service runs checks, imports and undos, one job at a time per file.
type Service struct {
	log    *changelog.Log
	schema *schema.Service
	recs   *records.Service
	links  *associations.Service
	dir    string // where the problems files go

	mu       sync.Mutex
	jobs     map[string]*job
	progress func(Job) // told of every job's progress; may be nil
}

// New returns the importer. dir is the folder its problems files go in
// (created when needed). An import the app was running when it stopped
// is marked interrupted: what it wrote stays, and it can be undone.
func New(log *changelog.Log, sch *schema.Service, recs *records.Service, links *associations.Service, dir string) (*Service, error) {
	s := &Service{log: log, schema: sch, recs: recs, links: links, dir: dir, jobs: map[string]*job{}}
	var stale []stored
	err := s.each(func(st stored) error {
		if st.Import.State == Running {
			stale = append(stale, st)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	for _, st := range stale {
		st.Import.State = Interrupted
		if err := s.log.Store().Update(func(txn *badger.Txn) error { return put(txn, st) }); err != nil {
			return nil, err
		}
	}
	return s, nil
}

// OnProgress sets who is told of the jobs' progress (the app's events),
// a few times a second and once when a job ends.
func (s *Service) OnProgress(fn func(Job)) {
	s.mu.Lock()
	s.progress = fn
	s.mu.Unlock()
}

// Inspect reads a file's first rows and suggests a setup for a row
// holding objects (guessed from the file when none is given).
func (s *Service) Inspect(path string, objects []string) (File, error) {
	f, err := os.Open(path)
	if err != nil {
		return File{}, fileError(path, err)
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return File{}, fileError(path, err)
	}
	if info.IsDir() {
		return File{}, errs.Invalid("path", fmt.Sprintf("%s is a folder; choose a CSV file.", filepath.Base(path)))
	}
	r, err := csvfile.NewReader(f)
	if err != nil {
		return File{}, errs.Invalid("path", fmt.Sprintf("%s cannot be read as a CSV file: %s", filepath.Base(path), errs.As(err).Message))
	}
	headers, err := readHeaders(r)
	if err != nil {
		return File{}, err
	}
	out := File{Path: path, Name: filepath.Base(path), Size: info.Size(), Encoding: r.Format().Encoding,
		Delimiter: string(r.Format().Delimiter), Headers: headers, Preview: [][]string{}}
	for len(out.Preview) < previewRows {
		row, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		var rowErr *csvfile.RowError
		if errors.As(err, &rowErr) {
			continue
		}
		if err != nil {
			return File{}, fileError(path, err)
		}
		out.Preview = append(out.Preview, cells(row))
	}
	out.HubSpot = IsHubSpot(headers) && !namesFieldbookIDs(headers, out.Preview)
	objs, err := s.rowObjects(objects, out, headers)
	if err != nil {
		return File{}, err
	}
	out.Setup = Setup{Path: path, Source: changelog.SourceImport, Columns: suggest(objs, s.schema.Objects(), headers, out.HubSpot)}
	if out.HubSpot {
		out.Setup.Source = changelog.SourceMigration
	}
	for _, o := range objs {
		out.Setup.Objects = append(out.Setup.Objects, ObjectSetup{Object: o.ID, Mode: CreateAndUpdate})
	}
	return out, nil
}

// namesFieldbookIDs says whether a file's Record ID column holds
// Fieldbook's IDs: its own export, which names columns as HubSpot does.
func namesFieldbookIDs(headers []string, preview [][]string) bool {
	for i, h := range headers {
		if words(h) != "record id" {
			continue
		}
		for _, row := range preview {
			if i < len(row) && isFieldbookID(row[i]) {
				return true
			}
		}
	}
	return false
}

// rowObjects are the objects asked for, or the one the file seems to hold.
func (s *Service) rowObjects(ids []string, f File, headers []string) ([]schema.ObjectDef, error) {
	var out []schema.ObjectDef
	for _, id := range ids {
		obj, err := s.schema.Object(id)
		if err != nil {
			return nil, errs.Invalid("objects", errs.As(err).Message)
		}
		if !importable(&obj) {
			return nil, errs.Invalid("objects", fmt.Sprintf("%s are logged on timelines; they cannot be imported from a file yet.", obj.Plural))
		}
		out = append(out, obj)
	}
	if len(out) > 0 {
		return out, nil
	}
	if f.HubSpot {
		if id := HubSpotObject(f.Name, headers); id != "" {
			if obj, err := s.schema.Object(id); err == nil {
				return []schema.ObjectDef{obj}, nil
			}
		}
	}
	// The object whose properties most headers name, the first on a tie.
	best, bestScore := schema.ObjectDef{}, -1
	for _, obj := range s.schema.Objects() {
		if !importable(&obj) {
			continue
		}
		score := 0
		used := map[[2]string]bool{}
		for _, h := range headers {
			if c, ok := guessColumn([]schema.ObjectDef{obj}, nil, h, used); ok && c.Kind == Property {
				score++
			}
		}
		if strings.Contains(words(f.Name), words(obj.Plural)) {
			score += 2
		}
		if score > bestScore {
			best, bestScore = obj, score
		}
	}
	return []schema.ObjectDef{best}, nil
}

// readHeaders reads the header row: present, with names.
func readHeaders(r *csvfile.Reader) ([]string, error) {
	row, err := r.Read()
	if err != nil {
		if errors.Is(err, io.EOF) {
			return nil, errs.Invalid("path", "The file is empty: it needs a first row naming its columns.")
		}
		return nil, errs.Invalid("path", fmt.Sprintf("The first row, naming the columns, cannot be read: %s", errs.As(err).Message))
	}
	headers := cells(row)
	for i, h := range headers {
		if h == "" {
			headers[i] = fmt.Sprintf("Column %d", i+1)
		}
	}
	return headers, nil
}

// cells are a row's values as the importer reads them: trimmed, and with
// the apostrophe an export put before formula-like values taken off.
func cells(row []string) []string {
	out := make([]string, len(row))
	for i, c := range row {
		out[i] = csvfile.UnescapeFormula(strings.TrimSpace(c))
	}
	return out
}

func fileError(path string, err error) error {
	name := filepath.Base(path)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return errs.Invalid("path", fmt.Sprintf("%s is not there any more; choose the file again.", name))
	case errors.Is(err, os.ErrPermission):
		return errs.Invalid("path", fmt.Sprintf("Fieldbook may not read %s (permission denied).", name))
	}
	return errs.Invalid("path", fmt.Sprintf("%s cannot be read: %v", name, err))
}

// stored is an import's record under keys.Import.
type stored struct {
	Import   Import `json:"import"`
	Setup    Setup  `json:"setup"`
	Problems string `json:"problems"` // the problems file
	Hash     string `json:"hash"`     // of the file, naming its rows (see rowSystem)
	Kept     []Kept `json:"kept,omitempty"`
	Undo     string `json:"undo,omitempty"` // the undo's batch
}

func put(txn *badger.Txn, st stored) error {
	id, err := uuid.Parse(st.Import.ID)
	if err != nil {
		return err
	}
	b, err := json.Marshal(st)
	if err != nil {
		return err
	}
	return txn.Set(keys.Import(id), b)
}

func get(txn *badger.Txn, id uuid.UUID) (stored, error) {
	var st stored
	item, err := txn.Get(keys.Import(id))
	if errors.Is(err, badger.ErrKeyNotFound) {
		return st, errs.New(errs.CodeNotFound, "There is no such import. It may have been in another data folder.")
	}
	if err != nil {
		return st, err
	}
	return st, item.Value(func(v []byte) error { return json.Unmarshal(v, &st) })
}

func (s *Service) each(fn func(stored) error) error {
	return s.log.Store().View(func(txn *badger.Txn) error {
		it := txn.NewIterator(badger.IteratorOptions{Prefix: []byte{keys.PrefixImport}})
		defer it.Close()
		for it.Rewind(); it.Valid(); it.Next() {
			var st stored
			if err := it.Item().Value(func(v []byte) error { return json.Unmarshal(v, &st) }); err != nil {
				return err
			}
			if err := fn(st); err != nil {
				return err
			}
		}
		return nil
	})
}

// List returns every import, newest first.
func (s *Service) List() ([]Import, error) {
	out := []Import{}
	err := s.each(func(st stored) error {
		out = append(out, st.Import)
		return nil
	})
	sort.SliceStable(out, func(i, j int) bool { return out[i].At > out[j].At })
	return out, err
}

// Job returns a job's state.
func (s *Service) Job(id string) (Job, error) {
	s.mu.Lock()
	j := s.jobs[id]
	s.mu.Unlock()
	if j == nil {
		return Job{}, errs.New(errs.CodeNotFound, "That import job is not running any more; see Settings → Imports.")
	}
	return j.snapshot(), nil
}

// Cancel stops a job between two batches; what it wrote stays.
func (s *Service) Cancel(id string) error {
	s.mu.Lock()
	j := s.jobs[id]
	s.mu.Unlock()
	if j == nil {
		return errs.New(errs.CodeNotFound, "That import job is not running any more; see Settings → Imports.")
	}
	j.cancel()
	return nil
}

// Wait blocks until a job ends and returns its final state (tests, and
// the app on shutdown).
func (s *Service) Wait(id string) (Job, error) {
	s.mu.Lock()
	j := s.jobs[id]
	s.mu.Unlock()
	if j == nil {
		return Job{}, errs.New(errs.CodeNotFound, "No such job.")
	}
	<-j.done
	return j.snapshot(), nil
}

// Running lists the jobs under way.
func (s *Service) Running() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []string
	for id, j := range s.jobs {
		if j.snapshot().State == Running {
			out = append(out, id)
		}
	}
	slices.Sort(out)
	return out
}

// ProblemsFile is the problems file of a job or an import ("" for none).
func (s *Service) ProblemsFile(id string) (string, error) {
	s.mu.Lock()
	j := s.jobs[id]
	s.mu.Unlock()
	if j != nil && j.problemsPath != "" {
		return j.problemsPath, nil
	}
	importID, err := uuid.Parse(id)
	if err != nil {
		return "", errs.New(errs.CodeNotFound, "There is no such import.")
	}
	var st stored
	err = s.log.Store().View(func(txn *badger.Txn) (err error) {
		st, err = get(txn, importID)
		return err
	})
	return st.Problems, err
}

// start registers a job and runs work on a goroutine.
// importID: the import it belongs to ("" for a check). Its view is whole
// before work starts: work may end before start returns.
func (s *Service) start(kind JobKind, importID, file string, size int64, work func(ctx context.Context, j *job) error) *job {
	ctx, cancel := context.WithCancel(context.Background())
	view := Job{ID: uuid.NewString(), Kind: kind, Import: importID, File: file, State: Running, Size: size, Problems: []Problem{}, Kept: []Kept{}}
	if kind == UndoJob {
		view.Undo = &UndoCounts{}
	}
	j := &job{view: view, cancel: cancel, done: make(chan struct{}), began: time.Now(), s: s}
	s.mu.Lock()
	s.jobs[j.view.ID] = j
	s.mu.Unlock()
	go func() {
		defer close(j.done)
		defer cancel()
		err := work(ctx, j)
		j.finish(ctx, err)
	}()
	return j
}
