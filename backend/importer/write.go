package importer

import (
	"context"
	"encoding/json"
	"errors"
	"sync"

	"github.com/dgraph-io/badger/v4"
	"github.com/google/uuid"

	"fieldbook/backend/associations"
	"fieldbook/backend/changelog"
	"fieldbook/backend/errs"
	"fieldbook/backend/keys"
	"fieldbook/backend/records"
)

// An import's writer: planned batches go to a goroutine that writes them
// in transactions of whole rows, each with the import's bookkeeping.

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
		if err != nil && !errs.IsRefusal(err) {
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
				if !errs.IsRefusal(err) {
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
					mapped, mappedIDs = append(mapped, knownKey{obj.Num, byRow, ps.rowKey(row.num)}), append(mappedIDs, o.id)
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
