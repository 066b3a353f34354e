package importer

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
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
	j := s.start(CheckJob, filepath.Base(setup.Path), size, ps.run)
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
	j := s.start(ImportJob, ps.st.Import.File, size, ps.run)
	j.update(func(v *Job) { v.Import = ps.importID.String() })
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
			ps.rowPairs[[2]int{i, j}] = s.pairDefined(p.objects[i], p.objects[j])
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
	// An import writes each planned batch on a goroutine of its own while
	// the next is read and planned.
	var writer *batchWriter
	if ps.write {
		writer = ps.startWriter()
		defer func() {
			if werr := writer.stop(); err == nil {
				err = werr
			}
		}()
	}
	batch := make([]rawRow, 0, batchRows)
	num := 0
	for {
		row, rerr := r.Read()
		if errors.Is(rerr, io.EOF) {
			break
		}
		num++
		if num > MaxRows {
			return errs.Invalid("path", fmt.Sprintf("The file has more than %d rows; split it into smaller files.", MaxRows))
		}
		var rowErr *csvfile.RowError
		switch {
		case errors.As(rerr, &rowErr):
			batch = append(batch, rawRow{num: num, err: rowErr.Message})
		case rerr != nil:
			return fileError(ps.p.Path, rerr)
		default:
			batch = append(batch, rawRow{num: num, cells: cells(row)})
		}
		if len(batch) == batchRows {
			if err := ps.batch(batch, r.Offset(), writer); err != nil {
				return err
			}
			batch = make([]rawRow, 0, batchRows)
			if ctx.Err() != nil {
				return ctx.Err()
			}
		}
	}
	return ps.batch(batch, r.Offset(), writer)
}

// batch plans a batch of rows and reports their problems; a check counts
// what the rows would do, an import hands them to its writer.
func (ps *pass) batch(raw []rawRow, read int64, writer *batchWriter) error {
	if len(raw) == 0 {
		return nil
	}
	if writer != nil {
		if err := writer.err(); err != nil {
			return err
		}
		for _, row := range writer.takeRejected() {
			ps.forget(&row)
		}
	}
	rows := make([]plannedRow, len(raw))
	inParallel(len(raw), func(i int) { rows[i] = ps.parse(raw[i]) })
	lk, err := ps.gather(rows)
	if err != nil {
		return err
	}
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

// plannedBatch is a batch's rows without problems, for the writer.
type plannedBatch struct {
	rows []plannedRow
	read int64
}

// batchWriter writes an import's planned batches in order on a goroutine.
type batchWriter struct {
	ps       *pass
	batches  chan plannedBatch
	done     chan struct{}
	mu       sync.Mutex
	failed   error
	rejected []plannedRow // refused by the engine: the planner forgets them
}

func (ps *pass) startWriter() *batchWriter {
	w := &batchWriter{ps: ps, batches: make(chan plannedBatch, 1), done: make(chan struct{})}
	go func() {
		defer close(w.done)
		for b := range w.batches {
			if w.err() != nil {
				continue // drain
			}
			if err := ps.writeRows(b.rows, w); err != nil {
				w.mu.Lock()
				w.failed = err
				w.mu.Unlock()
				continue
			}
			ps.addCounts(Counts{}, b.read)
		}
	}()
	return w
}

func (w *batchWriter) send(b plannedBatch) { w.batches <- b }

func (w *batchWriter) err() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.failed
}

func (w *batchWriter) reject(row plannedRow) {
	w.mu.Lock()
	w.rejected = append(w.rejected, row)
	w.mu.Unlock()
}

func (w *batchWriter) takeRejected() []plannedRow {
	w.mu.Lock()
	defer w.mu.Unlock()
	out := w.rejected
	w.rejected = nil
	return out
}

// stop waits for the batches sent to be written.
func (w *batchWriter) stop() error {
	close(w.batches)
	<-w.done
	return w.err()
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

// writeRows writes good rows in transactions of whole rows; when the
// engine refuses a transaction (a rule the check could not see), its rows
// are written one by one and the refused ones reported as problems. The
// counts grow as each transaction commits, so that the next one records
// them with the import.
func (ps *pass) writeRows(rows []plannedRow, w *batchWriter) error {
	for start := 0; start < len(rows); {
		end, recs, links := start, 0, 0
		for end < len(rows) {
			r, l := len(rows[end].objects), len(rows[end].links)
			if end > start && (recs+r > writeRecords || links+l > writeLinks) {
				break
			}
			recs, links = recs+r, links+l
			end++
		}
		chunk := rows[start:end]
		var done Counts
		err := ps.writeChunk(chunk, &done)
		if err != nil && !isRefusal(err) {
			return err
		}
		if err == nil {
			ps.addCounts(done, 0)
		}
		for i := range chunk {
			if err == nil {
				break
			}
			var one Counts
			if err := ps.writeChunk(chunk[i:i+1], &one); err != nil {
				if !isRefusal(err) {
					return err
				}
				w.reject(chunk[i])
				ps.addCounts(Counts{Skipped: 1}, 0)
				if err := ps.j.problem(Problem{Row: chunk[i].num, Message: errs.As(err).Message}); err != nil {
					return err
				}
				continue
			}
			ps.addCounts(one, 0)
		}
		start = end
	}
	return nil
}

// isRefusal tells the engine's refusals of a row (a limit, a rule, a
// record deleted meanwhile) from failures of the store.
func isRefusal(err error) bool {
	switch errs.As(err).Code {
	case errs.CodeInvalid, errs.CodeLimit, errs.CodeNotFound, errs.CodePrimaryRequired, errs.CodeNotDefined:
		return true
	}
	return false
}

// writeChunk writes rows in one transaction with the import's
// bookkeeping: the IDs it mapped, its operation, its counts.
func (ps *pass) writeChunk(rows []plannedRow, c *Counts) error {
	var b associations.Batch
	keyOf := map[uuid.UUID]string{}
	creates := map[uuid.UUID]int{} // record → its position in b.Records
	edits := map[uuid.UUID]int{}   // record → its position in b.Edits
	var mapped []knownKey
	var mappedIDs []uuid.UUID
	unchanged := 0
	for ri := range rows {
		row := &rows[ri]
		for oi, o := range row.objects {
			if !o.present {
				continue
			}
			obj := &ps.p.objects[oi]
			switch at, ok := creates[o.id]; {
			case ok: // a later row of this chunk names a record it creates
				for k, v := range o.props {
					b.Records[at].Props[k] = v
				}
			case o.create:
				key := "new:" + o.id.String()
				keyOf[o.id] = key
				creates[o.id] = len(b.Records)
				props := make(map[string]any, len(o.props))
				for k, v := range o.props {
					props[k] = v
				}
				b.Records = append(b.Records, associations.NewRecord{ID: o.id, Key: key, Object: obj.ID, Props: props, Checked: true})
				c.Created++
				if o.extID != "" && !isFieldbookID(o.extID) {
					mapped, mappedIDs = append(mapped, knownKey{obj.Num, byExternal, o.extID}), append(mappedIDs, o.id)
				} else if o.key == "" && o.extID == "" {
					mapped, mappedIDs = append(mapped, knownKey{obj.Num, byRow, ps.rowKey(row.num, oi)}), append(mappedIDs, o.id)
				}
			case len(o.props) > 0:
				if at, ok := edits[o.id]; ok {
					for k, v := range o.props {
						b.Edits[at].Props[k] = v
					}
				} else {
					edits[o.id] = len(b.Edits)
					b.Edits = append(b.Edits, records.Edit{ID: o.id, Props: clone(o.props)})
				}
			case !o.again:
				unchanged++
			}
			if o.mapNew {
				mapped, mappedIDs = append(mapped, knownKey{obj.Num, byExternal, o.extID}), append(mappedIDs, o.id)
			}
		}
		for _, l := range row.links {
			from, to := l.From, l.To
			if id, err := uuid.Parse(from); err == nil && keyOf[id] != "" {
				from = keyOf[id]
			}
			if id, err := uuid.Parse(to); err == nil && keyOf[id] != "" {
				to = keyOf[id]
			}
			b.Links = append(b.Links, associations.Link{From: from, To: to, Labels: l.Labels, Primary: l.Primary})
		}
		c.Associations += row.newLinks
		c.Labels += row.labels
		c.Pending += row.pending
	}
	// Associations waiting for the records this chunk brings, and the
	// ones its rows leave waiting.
	var arrived [][]byte
	if ps.hasWaiting {
		var err error
		if arrived, err = ps.arrivals(rows, keyOf, &b, c); err != nil {
			return err
		}
	}
	type wait struct {
		key   []byte
		value []byte
	}
	var waits []wait
	for ri := range rows {
		for _, w := range rows[ri].waiting {
			v, err := json.Marshal(w)
			if err != nil {
				return err
			}
			waits = append(waits, wait{keys.Waiting(ps.waitSystem(w.ext), w.num, w.ext, rows[ri].objects[w.fromOI].id), v})
		}
	}
	if len(b.Records) == 0 && len(b.Edits) == 0 && len(b.Links) == 0 && len(waits) == 0 {
		c.Unchanged += unchanged
		return nil
	}
	st := ps.st
	b.Then = func(tx *changelog.Tx, _ []records.Created) error {
		for i, k := range mapped {
			if err := tx.Set(ps.externalKey(k), mappedIDs[i][:]); err != nil {
				return err
			}
		}
		for _, k := range arrived {
			if err := tx.Delete(k); err != nil {
				return err
			}
		}
		for _, w := range waits {
			if err := tx.Set(w.key, w.value); err != nil {
				return err
			}
		}
		if err := tx.Set(keys.ImportOp(ps.importID, tx.OpID()), nil); err != nil {
			return err
		}
		ps.mu.Lock()
		st.Import.Counts = ps.counts
		ps.mu.Unlock()
		st.Import.Counts.add(*c)
		return put(tx.Txn, st)
	}
	res, err := ps.s.links.Create(ps.meta, b)
	if err != nil {
		*c = Counts{}
		return err
	}
	if len(waits) > 0 {
		ps.hasWaiting = true
	}
	for _, changed := range res.Changed {
		if changed {
			c.Updated++
		} else {
			c.Unchanged++
		}
	}
	c.Unchanged += unchanged
	return nil
}

// waitSystem is the namespace an ID waits in: Fieldbook's own IDs in
// one of their own, whatever file names them.
func (ps *pass) waitSystem(ext string) string {
	if isFieldbookID(ext) {
		return "fieldbook"
	}
	return ps.system
}

// arrivals adds to b the waiting associations with the records rows
// create or map for the first time, and returns their keys to delete.
func (ps *pass) arrivals(rows []plannedRow, keyOf map[uuid.UUID]string, b *associations.Batch, c *Counts) ([][]byte, error) {
	var done [][]byte
	endOf := func(id uuid.UUID) string {
		if k := keyOf[id]; k != "" {
			return k
		}
		return id.String()
	}
	err := ps.s.log.Store().View(func(txn *badger.Txn) error {
		for ri := range rows {
			for oi, o := range rows[ri].objects {
				if !o.present || o.extID == "" || (o.found && !o.mapNew) {
					continue
				}
				prefix := keys.WaitingPrefix(ps.waitSystem(o.extID), ps.p.objects[oi].Num, o.extID)
				it := txn.NewIterator(badger.IteratorOptions{Prefix: prefix})
				for it.Rewind(); it.Valid(); it.Next() {
					k := it.Item().KeyCopy(nil)
					done = append(done, k)
					from := uuid.UUID(k[len(k)-16:])
					if ref, ok := ps.s.recs.Lookup(from); (!ok || ref.Deleted) && keyOf[from] == "" {
						continue // gone since it named this record
					}
					var w waitingLink
					if err := it.Item().Value(func(v []byte) error { return json.Unmarshal(v, &w) }); err != nil {
						it.Close()
						return err
					}
					b.Links = append(b.Links, associations.Link{From: endOf(from), To: endOf(o.id), Labels: w.Labels, Primary: w.Primary})
					c.Associations++
				}
				it.Close()
			}
		}
		return nil
	})
	return done, err
}

func clone(m map[string]any) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

func isFieldbookID(s string) bool {
	_, err := uuid.Parse(s)
	return err == nil && len(s) == 36
}

// end records how an import ended.
func (ps *pass) end(ctx context.Context, err error) {
	snap := ps.j.snapshot()
	st := ps.st
	st.Import.Counts = ps.counts
	st.Import.Problems = snap.Total
	st.Problems = ps.j.problemsPath
	switch {
	case err == nil && ctx.Err() == nil:
		st.Import.State = Done
	case errors.Is(err, context.Canceled) || ctx.Err() != nil:
		st.Import.State = Canceled
	default:
		st.Import.State = Failed
	}
	if werr := ps.s.log.Store().Update(func(txn *badger.Txn) error { return put(txn, st) }); werr != nil {
		ps.j.update(func(v *Job) { v.Error = &ErrorView{Code: string(errs.CodeInternal), Message: werr.Error()} })
	}
}
