package importer

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
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

// pass is one read of a file: a check (write false) or an import.
type pass struct {
	s     *Service
	p     *plan
	j     *job
	write bool
	meta  changelog.Meta

	st        stored // the import's record (an import only)
	importID  uuid.UUID
	system    string // namespace of the IDs in Record ID and association columns
	rowSystem string // namespace of this file's rows

	idColumn    map[int]int                   // a row object → its Record ID column
	columnLabel map[int]associations.LabelRef // an association column → the label it gives
	hasWaiting  bool                          // the store may hold waiting associations
	keyColumn   map[int]int                   // a row object → the column of its email or domain

	known       map[knownKey]uuid.UUID  // records this pass created or mapped
	createdHere map[uuid.UUID]uint64    // fingerprints of records this pass creates that later rows may name
	linked      map[[2]uuid.UUID]bool   // associations this pass made
	limitUse    map[limitKey]int        // limits' counts, with this pass's rows
	labels      map[labelKey]labelFound // label names read
	limits      map[[2]string][]associations.Limit
	rowPairs    map[[2]int]bool // row objects that can be associated
	byName      map[uint16]bool // objects an association column names by name
	mu          sync.Mutex      // counts, shared with an import's writer
	counts      Counts
}

// batchRows is how many rows a pass looks up at once; writeRecords and
// writeLinks bound one transaction.
const (
	batchRows    = 500
	writeRecords = records.MaxCreateLinked / 2
	writeLinks   = associations.MaxBatchLinks * 3 / 4
)

// Check starts a dry run of setup: every row is read and checked and
// nothing is written.
func (s *Service) Check(meta changelog.Meta, setup Setup) (Job, error) {
	ps, size, err := s.newPass(setup, false)
	if err != nil {
		return Job{}, err
	}
	ps.meta = meta
	j := s.start(CheckJob, "", filepath.Base(setup.Path), size, ps.run)
	return j.snapshot(), nil
}

// Start starts importing setup's rows without problems. Everything it
// writes carries meta's actor, the setup's source and the import's ID as
// the operations' batch.
func (s *Service) Start(meta changelog.Meta, setup Setup) (Job, error) {
	ps, size, err := s.newPass(setup, true)
	if err != nil {
		return Job{}, err
	}
	ps.importID = mustNewID()
	ps.meta = changelog.Meta{Actor: meta.Actor, Source: ps.p.Source, Batch: ps.importID.String()}
	ps.st = stored{
		Import: Import{ID: ps.importID.String(), File: filepath.Base(setup.Path), By: meta.Actor,
			At: time.Now().UTC().Format(time.RFC3339), Source: ps.p.Source, State: Running},
		Setup: ps.p.Setup,
	}
	if err := s.log.Store().Update(func(txn *badger.Txn) error { return put(txn, ps.st) }); err != nil {
		return Job{}, err
	}
	j := s.start(ImportJob, ps.importID.String(), ps.st.Import.File, size, ps.run)
	return j.snapshot(), nil
}

func (s *Service) newPass(setup Setup, write bool) (*pass, int64, error) {
	f, err := os.Open(setup.Path)
	if err != nil {
		return nil, 0, fileError(setup.Path, err)
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, 0, fileError(setup.Path, err)
	}
	r, err := csvfile.NewReader(f)
	if err != nil {
		return nil, 0, errs.Invalid("path", err.Error())
	}
	headers, err := readHeaders(r)
	if err != nil {
		return nil, 0, err
	}
	p, err := s.check(setup, headers)
	if err != nil {
		return nil, 0, err
	}
	ps := &pass{s: s, p: p, write: write, idColumn: map[int]int{}, keyColumn: map[int]int{}, columnLabel: map[int]associations.LabelRef{},
		known: map[knownKey]uuid.UUID{}, createdHere: map[uuid.UUID]uint64{}, rowPairs: map[[2]int]bool{}, byName: map[uint16]bool{}, linked: map[[2]uuid.UUID]bool{}, limitUse: map[limitKey]int{},
		labels: map[labelKey]labelFound{}, limits: map[[2]string][]associations.Limit{}}
	ps.system = "csv"
	if p.Source == changelog.SourceMigration {
		ps.system = "hubspot"
	}
	for ci, c := range p.Columns {
		oi, ok := p.index[c.Object]
		switch {
		case !ok:
		case c.Kind == RecordID:
			ps.idColumn[oi] = ci
		case c.Kind == Property && isKey(&p.objects[oi], c.Property):
			ps.keyColumn[oi] = ci
		case c.Kind == Association && c.Label != "":
			ps.columnLabel[ci], _, _ = s.links.FindLabel(c.Object, c.Target, c.Label) // check found it
		}
	}
	for i := range p.objects {
		for j := i + 1; j < len(p.objects); j++ {
			ps.rowPairs[[2]int{i, j}] = s.links.CheckPair(p.objects[i].ID, p.objects[j].ID) == nil
		}
	}
	for _, c := range p.Columns {
		if c.Kind == Association && c.Match == ByName {
			ps.byName[p.targets[c.Target].Num] = true
		}
	}
	err = s.log.Store().View(func(txn *badger.Txn) error {
		it := txn.NewIterator(badger.IteratorOptions{Prefix: []byte{keys.PrefixWaiting}})
		defer it.Close()
		it.Rewind()
		ps.hasWaiting = it.Valid()
		return nil
	})
	if err != nil {
		return nil, 0, err
	}
	return ps, info.Size(), nil
}

// isKey says whether prop is obj's unique key (records.KeyOf).
func isKey(obj *schema.ObjectDef, prop string) bool {
	return obj.ID == schema.Contacts && prop == "email" || obj.ID == schema.Companies && prop == "domain"
}

// hashFile names a file by its content: importing the same file again
// finds the rows the first import made.
func hashFile(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", fileError(path, err)
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", fileError(path, err)
	}
	return hex.EncodeToString(h.Sum(nil)[:16]), nil
}

// run reads the whole file batch by batch; an import records how it ended.
func (ps *pass) run(ctx context.Context, j *job) (err error) {
	ps.j = j
	if ps.write {
		defer func() { ps.end(ctx, err) }()
	}
	hash, err := hashFile(ps.p.Path)
	if err != nil {
		return err
	}
	ps.rowSystem = "file:" + hash
	ps.st.Hash = hash
	f, err := os.Open(ps.p.Path)
	if err != nil {
		return fileError(ps.p.Path, err)
	}
	defer f.Close()
	r, err := csvfile.NewReader(f)
	if err != nil {
		return errs.Invalid("path", err.Error())
	}
	if _, err := readHeaders(r); err != nil {
		return err
	}
	// Three stages overlap: batches are read, parsed and looked up ahead
	// (read), planned in file order here, and (an import) written on a
	// goroutine of their own.
	var writer *batchWriter
	if ps.write {
		writer = ps.startWriter()
		defer func() {
			if werr := writer.stop(); err == nil {
				err = werr
			}
		}()
	}
	stop := make(chan struct{})
	defer close(stop) // ends the reading stage early on an error or Cancel
	for b := range ps.read(r, stop) {
		if b.err != nil {
			return b.err
		}
		if err := ps.batch(b, writer); err != nil {
			return err
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
	}
	return nil
}

// readBatch is a batch of rows parsed and looked up, ready to plan.
type readBatch struct {
	rows []plannedRow
	lk   *lookups
	read int64 // bytes of the file read so far
	err  error
}

// read reads the file's rows in batches on a goroutine, each parsed and
// looked up, one batch ahead of the planning. Its lookups see the store as
// it is; rows planned since (records this pass creates) are found through
// pass.known, which only the planning touches.
func (ps *pass) read(r *csvfile.Reader, stop <-chan struct{}) <-chan readBatch {
	out := make(chan readBatch, 1)
	send := func(b readBatch) bool {
		select {
		case out <- b:
			return true
		case <-stop:
			return false
		}
	}
	go func() {
		defer close(out)
		batch := make([]rawRow, 0, batchRows)
		num := 0
		flush := func() bool {
			if len(batch) == 0 {
				return true
			}
			rows := make([]plannedRow, len(batch))
			inParallel(len(batch), func(i int) { rows[i] = ps.parse(batch[i]) })
			lk, err := ps.gather(rows)
			batch = make([]rawRow, 0, batchRows)
			return send(readBatch{rows: rows, lk: lk, read: r.Offset(), err: err}) && err == nil
		}
		for {
			row, err := r.Read()
			if errors.Is(err, io.EOF) {
				flush()
				return
			}
			num++
			if num > MaxRows {
				send(readBatch{err: errs.Invalid("path", fmt.Sprintf("The file has more than %d rows; split it into smaller files.", MaxRows))})
				return
			}
			var rowErr *csvfile.RowError
			switch {
			case errors.As(err, &rowErr):
				batch = append(batch, rawRow{num: num, err: rowErr.Message})
			case err != nil:
				send(readBatch{err: fileError(ps.p.Path, err)})
				return
			default:
				batch = append(batch, rawRow{num: num, cells: cells(row)})
			}
			if len(batch) == batchRows && !flush() {
				return
			}
		}
	}()
	return out
}

// batch plans a batch of rows and reports their problems; a check counts
// what the rows would do, an import hands them to its writer.
func (ps *pass) batch(b readBatch, writer *batchWriter) error {
	if writer != nil {
		if err := writer.err(); err != nil {
			return err
		}
		for _, row := range writer.takeRejected() {
			ps.forget(&row)
		}
	}
	rows, lk, read := b.rows, b.lk, b.read
	good := make([]plannedRow, 0, len(rows))
	var counts Counts
	for i := range rows {
		row := &rows[i]
		ps.plan(row, lk)
		counts.Rows++
		if len(row.problems) > 0 {
			ps.forget(row)
			counts.Skipped++
			for _, p := range row.problems {
				if err := ps.j.problem(p); err != nil {
					return err
				}
			}
			continue
		}
		ps.accept(row)
		good = append(good, *row)
	}
	if writer != nil {
		ps.addCounts(counts, 0)
		writer.send(plannedBatch{rows: good, read: read})
		return nil
	}
	for i := range good {
		ps.count(&good[i], lk, &counts)
	}
	ps.addCounts(counts, read)
	return nil
}

// addCounts adds to the pass's counts and shows them.
func (ps *pass) addCounts(c Counts, read int64) {
	ps.mu.Lock()
	ps.counts.add(c)
	total := ps.counts
	ps.mu.Unlock()
	ps.j.update(func(v *Job) {
		v.Counts = total
		if read > 0 {
			v.Read = read
		}
	})
}

// inParallel runs fn for 0..n-1 on two goroutines.
func inParallel(n int, fn func(i int)) {
	var wg sync.WaitGroup
	half := n / 2
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := half; i < n; i++ {
			fn(i)
		}
	}()
	for i := 0; i < half; i++ {
		fn(i)
	}
	wg.Wait()
}

func (c *Counts) add(o Counts) {
	c.Rows += o.Rows
	c.Created += o.Created
	c.Updated += o.Updated
	c.Unchanged += o.Unchanged
	c.Associations += o.Associations
	c.Labels += o.Labels
	c.Skipped += o.Skipped
	c.Pending += o.Pending
}

// count adds what a row will do, as a check sees it.
func (ps *pass) count(row *plannedRow, lk *lookups, c *Counts) {
	for _, o := range row.objects {
		switch {
		case !o.present:
		case o.create:
			c.Created++
		case o.again && len(o.props) == 0:
		case o.again, differs(o.props, lk.values[o.id].Props):
			c.Updated++
		default:
			c.Unchanged++
		}
	}
	c.Associations += row.newLinks
	c.Labels += row.labels
	c.Pending += row.pending
}

// differs says whether props would change a record with the values
// current (nil: not known, as good as changed).
func differs(props, current map[string]any) bool {
	if len(props) == 0 {
		return false
	}
	if current == nil {
		return true
	}
	for k, v := range props {
		if current[k] != v {
			return true
		}
	}
	return false
}
