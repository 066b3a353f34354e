// Package records stores the records of every object, answers the index
// page's and search's queries, and runs the recycle bin and merge. Only the
// records are stored; their indexes (object listing, sorting, typeahead
// search, recycle bin, counts) live in memory, rebuilt when the store opens
// and updated from each write once it has committed (index.go).
package records

import (
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"
	"sync"
	"time"

	"github.com/dgraph-io/badger/v4"
	"github.com/google/uuid"

	"fieldbook/backend/changelog"
	"fieldbook/backend/errs"
	"fieldbook/backend/keys"
	"fieldbook/backend/schema"
)

// RecordView is a record as the app shows it.
type RecordView struct {
	ID          string          `json:"id"`
	Object      string          `json:"object"`
	DisplayName string          `json:"displayName"`
	Props       map[string]any  `json:"props"`     // shared with the record cache: read it, never change it
	CreatedAt   string          `json:"createdAt"` // RFC 3339, UTC
	UpdatedAt   string          `json:"updatedAt"`
	CreatedBy   changelog.Actor `json:"createdBy"`
	UpdatedBy   changelog.Actor `json:"updatedBy"`
	DeletedAt   string          `json:"deletedAt,omitempty"` // set while in the recycle bin
}

// stored is a record's value in the database (see codec.go). Times are Unix
// milliseconds; DeletedAt is 0 while the record is live. CreatedOp is the
// operation that created the record: the record's history finds it here,
// not through a history key (zero for records stored before it was kept).
type stored struct {
	CreatedOp uuid.UUID
	Object    string
	Props     map[string]any
	CreatedAt int64
	UpdatedAt int64
	CreatedBy changelog.Actor
	UpdatedBy changelog.Actor
	DeletedAt int64
}

// Service reads and writes records.
type Service struct {
	log    *changelog.Log
	schema *schema.Service
	idx    *index
	cache  *recordCache
	links  Links // nil until the associations engine connects
	// mu serialises writes, so the index changes in commit order.
	mu sync.Mutex
}

// New returns the records service, building the index from the stored
// records, and guards the schema against deleting an object with records.
func New(log *changelog.Log, sch *schema.Service) (*Service, error) {
	s := &Service{log: log, schema: sch, cache: newRecordCache()}
	idx, err := s.buildIndex()
	if err != nil {
		return nil, err
	}
	s.idx = idx
	sch.GuardDelete(s.guardObjectDelete)
	sch.GuardDisplayChange(s.guardDisplayChange)
	return s, nil
}

// buildIndex reads every record and indexes it. Reading and decoding run
// on this goroutine while another turns batches into index entries (and
// apply spreads those over two), so opening a large data folder keeps both
// cores busy.
func (s *Service) buildIndex() (*index, error) {
	idx := newIndex()
	type decoded struct {
		id  uuid.UUID
		r   *stored
		obj *schema.ObjectDef
	}
	batches := make(chan []decoded, 2)
	indexed := make(chan struct{})
	go func() {
		defer close(indexed)
		for batch := range batches {
			changes := make([]change, len(batch))
			for i, d := range batch {
				f := factsOf(d.obj, d.r)
				changes[i] = change{id: d.id, after: &f}
			}
			idx.apply(changes)
		}
	}()
	const batchSize = 4096
	batch := make([]decoded, 0, batchSize)
	objects := map[string]*schema.ObjectDef{}
	err := s.log.Store().View(func(txn *badger.Txn) error {
		return eachStored(txn, func(id uuid.UUID, r *stored) error {
			obj := objects[r.Object]
			if obj == nil {
				o, err := s.schema.Object(r.Object)
				if err != nil {
					return fmt.Errorf("record %s belongs to unknown object %q", id, r.Object)
				}
				obj, objects[r.Object] = &o, &o
			}
			if batch = append(batch, decoded{id, r, obj}); len(batch) == batchSize {
				batches <- batch
				batch = make([]decoded, 0, batchSize)
			}
			return nil
		})
	})
	if err == nil && len(batch) > 0 {
		batches <- batch
	}
	close(batches)
	<-indexed
	return idx, err
}

// eachStored calls fn with every stored record, decoded, in key order.
func eachStored(txn *badger.Txn, fn func(id uuid.UUID, r *stored) error) error {
	// Values are small and inline; prefetching would start a goroutine per key.
	it := txn.NewIterator(badger.IteratorOptions{Prefix: []byte{keys.PrefixRecord}})
	defer it.Close()
	for it.Rewind(); it.Valid(); it.Next() {
		id, err := keys.ParseRecord(it.Item().Key())
		if err != nil {
			return err
		}
		var r *stored
		if err := it.Item().Value(func(v []byte) (err error) { r, err = decodeRecord(v); return err }); err != nil {
			return fmt.Errorf("record %s: %w", id, err)
		}
		if err := fn(id, r); err != nil {
			return err
		}
	}
	return nil
}

// guardObjectDelete lets the schema delete an object only while it has no
// records, holding the write lock so none is created meanwhile.
func (s *Service) guardObjectDelete(obj schema.ObjectDef, commit func() error) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.idx.rlock()
	o := s.idx.get(obj.Num)
	n := o.live + o.bin.Len()
	s.idx.mu.RUnlock()
	if n > 0 {
		noun := "records"
		if n == 1 {
			noun = "record"
		}
		return errs.Invalid("object", fmt.Sprintf(
			"%s still has %d %s (including its recycle bin). Delete them permanently first.", obj.Plural, n, noun))
	}
	return commit()
}

// pending collects the index changes of a transaction, applied once it commits.
type pending struct{ changes []change }

func (p *pending) track(id uuid.UUID, before, after *facts) {
	p.changes = append(p.changes, change{id: id, before: before, after: after})
}

// write runs fn in one logged transaction and then updates the index.
func (s *Service) write(meta changelog.Meta, fn func(tx *changelog.Tx, p *pending) error) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.commit(meta, fn)
}

// commit runs fn in one logged transaction and, once it has committed,
// drops the cached copies of the records it changed and queues their index
// changes; the caller holds s.mu.
func (s *Service) commit(meta changelog.Meta, fn func(tx *changelog.Tx, p *pending) error) error {
	var p pending
	if _, err := s.log.Write(meta, func(tx *changelog.Tx) error { return fn(tx, &p) }); err != nil {
		return err
	}
	s.cache.forget(p.changes)
	s.idx.enqueue(p.changes)
	return nil
}

// ParseID checks a record ID given by a person or a link.
func ParseID(s string) (uuid.UUID, error) {
	id, err := uuid.Parse(s)
	if err != nil || len(s) != 36 {
		return uuid.UUID{}, errs.Invalid("id", fmt.Sprintf("%q is not a record ID (IDs look like 0190a0b2-1c3d-7e4f-8a5b-6c7d8e9f0a1b).", shortText(s)))
	}
	return id, nil
}

func notFound(id uuid.UUID) error {
	return errs.New(errs.CodeNotFound, fmt.Sprintf("No record has the ID %s. It may have been deleted permanently.", id))
}

// Create validates props and stores a new record of object with its indexes
// and its log entry, all in one transaction.
func (s *Service) Create(meta changelog.Meta, objectID string, props map[string]any) (RecordView, error) {
	obj, err := s.schema.Object(objectID)
	if err != nil {
		return RecordView{}, err
	}
	clean, err := cleanNew(&obj, props)
	if err != nil {
		return RecordView{}, err
	}
	var out RecordView
	err = s.write(meta, func(tx *changelog.Tx, p *pending) error {
		id, err := uuid.NewV7()
		if err != nil {
			return err
		}
		r, err := s.insert(tx, p, &obj, id, clean)
		if err == nil {
			out = present(&obj, id, r)
		}
		return err
	})
	return out, err
}

// insert writes a new live record; the caller has validated props.
func (s *Service) insert(tx *changelog.Tx, p *pending, obj *schema.ObjectDef, id uuid.UUID, props map[string]any) (*stored, error) {
	row := prepareRow(obj, id, props, tx.Time(), tx.Actor())
	return row.r, row.write(tx, p)
}

// newRow is a record made ready to write: encoded, indexed, logged.
type newRow struct {
	obj   *schema.ObjectDef
	id    uuid.UUID
	r     *stored
	enc   []byte
	facts facts
	after []byte
}

// prepareRow does the work of a new record that needs no transaction, so
// bulk loads can do it on several goroutines.
func prepareRow(obj *schema.ObjectDef, id uuid.UUID, props map[string]any, at time.Time, by changelog.Actor) newRow {
	now := at.UnixMilli()
	r := &stored{Object: obj.ID, Props: props, CreatedAt: now, UpdatedAt: now, CreatedBy: by, UpdatedBy: by}
	return newRow{obj: obj, id: id, r: r, enc: encodeRecord(r), facts: factsOf(obj, r), after: propsJSON(props)}
}

func (row *newRow) write(tx *changelog.Tx, p *pending) error {
	row.r.CreatedOp = tx.OpID()
	copy(row.enc[createdOpAt:], row.r.CreatedOp[:])
	if err := tx.Set(recordKey(row.obj, row.id), row.enc); err != nil {
		return err
	}
	p.track(row.id, nil, &row.facts)
	tx.Record(changelog.Change{Kind: changelog.RecordCreated, Object: row.obj.ID, Record: row.id.String(), After: row.after, Unindexed: true})
	return nil
}

// Get returns one record, live or in the recycle bin.
func (s *Service) Get(idText string) (RecordView, error) {
	id, err := ParseID(idText)
	if err != nil {
		return RecordView{}, err
	}
	var out RecordView
	err = s.log.Store().View(func(txn *badger.Txn) error {
		r, err := getRecord(txn, id)
		if errs.HasCode(err, errs.CodeNotFound) { // merged into another record?
			if kept, rerr := resolve(txn, id); rerr == nil && kept != id {
				id = kept
				r, err = getRecord(txn, id)
			}
		}
		if err != nil {
			return err
		}
		obj, err := s.schema.Object(r.Object)
		if err != nil {
			return err
		}
		out = present(&obj, id, r)
		return nil
	})
	return out, err
}

// History returns the operations that changed a record, newest first, at
// most limit. The record itself names the one that created it (see stored).
func (s *Service) History(id uuid.UUID, limit int) ([]changelog.Op, error) {
	var created uuid.UUID
	err := s.log.Store().View(func(txn *badger.Txn) error {
		r, err := getRecord(txn, id)
		if errs.HasCode(err, errs.CodeNotFound) {
			return nil // purged or merged away: its history keys are what is left
		}
		if err == nil {
			created = r.CreatedOp
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	return s.log.RecordHistory(id, created, limit)
}

// Update changes some properties of a live record: props maps property
// names to new values, nil or "" clearing one. Properties not named keep
// their value.
func (s *Service) Update(meta changelog.Meta, idText string, props map[string]any) (RecordView, error) {
	return s.UpdateLinked(meta, idText, props, nil)
}

// UpdateLinked is Update, then link inside the same transaction with the
// record before and after (an activity whose date changes moves on every
// timeline it is on). link may be nil.
func (s *Service) UpdateLinked(meta changelog.Meta, idText string, props map[string]any, link func(tx *changelog.Tx, before, after RecordView) error) (RecordView, error) {
	id, err := ParseID(idText)
	if err != nil {
		return RecordView{}, err
	}
	var before, out RecordView
	var follow func(tx *changelog.Tx, p *pending) (func(), error) // the links take their lock only for it
	if link != nil {
		follow = func(tx *changelog.Tx, _ *pending) (func(), error) { return nil, link(tx, before, out) }
	}
	err = s.writeLinked(meta, func(tx *changelog.Tx, p *pending) error {
		r, err := getRecord(tx.Txn, id)
		if err != nil {
			return err
		}
		if r.DeletedAt != 0 {
			return errs.Invalid("id", "This record is in the recycle bin. Restore it before editing.")
		}
		obj, err := s.schema.Object(r.Object)
		if err != nil {
			return err
		}
		next, err := changeProps(tx, &obj, id, r, props)
		if err != nil {
			return err
		}
		was, now := factsOf(&obj, r), factsOf(&obj, next)
		p.track(id, &was, &now)
		before, out = present(&obj, id, r), present(&obj, id, next)
		return putRecord(tx.Txn, &obj, id, next)
	}, follow)
	return out, err
}

// changeProps returns r with the given property values (nil or "" clears
// one), logging each value that changes, and stamped as updated by this
// transaction; r itself is left as it is.
func changeProps(tx *changelog.Tx, obj *schema.ObjectDef, id uuid.UUID, r *stored, props map[string]any) (*stored, error) {
	changes, err := normalize(obj, props)
	if err != nil {
		return nil, err
	}
	next := *r
	next.Props = maps.Clone(r.Props)
	if next.Props == nil {
		next.Props = map[string]any{}
	}
	for _, name := range sortedKeys(props) {
		before, had := r.Props[name]
		after, has := changes[name]
		if had == has && (!has || before == after) {
			continue
		}
		if has {
			next.Props[name] = after
		} else {
			delete(next.Props, name)
		}
		tx.Record(changelog.Change{Kind: changelog.RecordUpdated, Object: obj.ID, Record: id.String(), Property: name,
			Before: rawJSON(before, had), After: rawJSON(after, has)})
	}
	if err := obj.RequireName(next.Props); err != nil {
		return nil, err
	}
	next.UpdatedAt, next.UpdatedBy = tx.Time().UnixMilli(), tx.Actor()
	return &next, nil
}

// cleanNew checks the values of a new record of obj, each against its
// property, and that the record has a name.
func cleanNew(obj *schema.ObjectDef, props map[string]any) (map[string]any, error) {
	clean, err := normalize(obj, props)
	if err != nil {
		return nil, err
	}
	return clean, obj.RequireName(clean)
}

// normalize checks every given value against its property, in the
// object's order of properties (the order of the record's form).
// Every refused value is reported (see errs.Joined).
func normalize(obj *schema.ObjectDef, props map[string]any) (map[string]any, error) {
	out := make(map[string]any, len(props))
	known := 0
	var refused []error
	for i := range obj.Properties {
		given, ok := props[obj.Properties[i].Name]
		if !ok {
			continue
		}
		known++
		v, err := obj.Properties[i].Normalize(given)
		if err != nil {
			refused = append(refused, err)
		} else if v != nil {
			out[obj.Properties[i].Name] = v
		}
	}
	if len(refused) > 0 {
		return nil, errs.Joined(refused)
	}
	if known < len(props) {
		for _, name := range sortedKeys(props) {
			if _, ok := obj.Property(name); !ok {
				return nil, errs.Invalid(shortText(name), fmt.Sprintf("%s have no property %q.", obj.Plural, shortText(name)))
			}
		}
	}
	return out, nil
}

// present makes the view of a record. Its props are the stored map itself,
// shared with the cache and the index (index pages show a hundred records
// at a time; copying them all was the page's largest cost): nothing may
// change it, and writes replace it (Update clones before it changes).
func present(obj *schema.ObjectDef, id uuid.UUID, r *stored) RecordView {
	props := r.Props // shared: see RecordView.Props
	if props == nil {
		props = map[string]any{}
	}
	out := RecordView{
		ID:          id.String(),
		Object:      r.Object,
		DisplayName: obj.DisplayName(props),
		Props:       props,
		CreatedAt:   millisText(r.CreatedAt),
		UpdatedAt:   millisText(r.UpdatedAt),
		CreatedBy:   r.CreatedBy,
		UpdatedBy:   r.UpdatedBy,
	}
	if r.DeletedAt != 0 {
		out.DeletedAt = millisText(r.DeletedAt)
	}
	return out
}

func millisText(ms int64) string { return time.UnixMilli(ms).UTC().Format(time.RFC3339Nano) }

// recordKey is where a record of obj is stored: records the index holds
// under PrefixRecord, which opening a data folder reads, the others apart.
func recordKey(obj *schema.ObjectDef, id uuid.UUID) []byte {
	if obj.Indexed() {
		return keys.Record(id)
	}
	return keys.Activity(id)
}

func getRecord(txn *badger.Txn, id uuid.UUID) (*stored, error) {
	item, err := txn.Get(keys.Record(id))
	if errors.Is(err, badger.ErrKeyNotFound) {
		item, err = txn.Get(keys.Activity(id))
	}
	if errors.Is(err, badger.ErrKeyNotFound) {
		return nil, notFound(id)
	}
	if err != nil {
		return nil, err
	}
	var r *stored
	err = item.Value(func(v []byte) (err error) {
		r, err = decodeRecord(v)
		return err
	})
	return r, err
}

// eraseRecord removes a stored record. Its history stays complete: the
// operation that created it, which only the record named, gets a history
// key like the others.
func eraseRecord(tx *changelog.Tx, obj *schema.ObjectDef, id uuid.UUID, r *stored) error {
	if r.CreatedOp != uuid.Nil {
		if err := tx.Set(keys.RecordOp(id, r.CreatedOp), nil); err != nil {
			return err
		}
	}
	return tx.Delete(recordKey(obj, id))
}

func putRecord(txn *badger.Txn, obj *schema.ObjectDef, id uuid.UUID, r *stored) error {
	return txn.Set(recordKey(obj, id), encodeRecord(r))
}

func rawJSON(v any, present bool) json.RawMessage {
	if !present {
		return nil
	}
	b, _ := json.Marshal(v)
	return b
}

func sortedKeys(m map[string]any) []string {
	return slices.Sorted(maps.Keys(m))
}

func shortText(s string) string {
	if len(s) > 40 {
		return truncate(s, 40) + "…"
	}
	return s
}

// bulkBatch is how many records CreateMany writes per transaction: large
// enough to amortise a commit, far below Badger's transaction size limit.
const bulkBatch = 2000

// CreateMany validates every row first, then stores them in transactions of
// up to bulkBatch records: the bulk path for sample data and imports. It
// returns how many were created.
func (s *Service) CreateMany(meta changelog.Meta, objectID string, rows []map[string]any) (int, error) {
	obj, err := s.schema.Object(objectID)
	if err != nil {
		return 0, err
	}
	clean := make([]map[string]any, len(rows))
	if err := inParallel(len(rows), func(i int) error {
		var err error
		if clean[i], err = cleanNew(&obj, rows[i]); err != nil {
			e := errs.As(err)
			return errs.Invalid(e.Field, fmt.Sprintf("Row %d: %s", i+1, e.Message))
		}
		return nil
	}); err != nil {
		return 0, err
	}
	// Three stages overlap: the next batch's rows are prepared while one
	// batch is written and the one before it goes into the index.
	s.mu.Lock()
	defer s.mu.Unlock()
	type preparedBatch struct {
		at   time.Time
		rows []newRow
		err  error
	}
	batches := make(chan preparedBatch, 1)
	stop := make(chan struct{})
	defer close(stop) // a failed write ends the preparing goroutine
	actor := meta.Actor
	go func() {
		defer close(batches)
		for start := 0; start < len(clean); start += bulkBatch {
			batch := clean[start:min(start+bulkBatch, len(clean))]
			b := preparedBatch{at: time.Now().UTC(), rows: make([]newRow, len(batch))}
			// IDs in row order, so that creation order is the rows' order
			// (an import's file order), whatever goroutine prepares a row.
			ids := make([]uuid.UUID, len(batch))
			for i := range ids {
				if ids[i], b.err = uuid.NewV7(); b.err != nil {
					break
				}
			}
			if b.err == nil {
				b.err = inParallel(len(batch), func(i int) error {
					b.rows[i] = prepareRow(&obj, ids[i], batch[i], b.at, actor)
					return nil
				})
			}
			select {
			case batches <- b:
			case <-stop:
				return
			}
			if b.err != nil {
				return
			}
		}
	}()
	created := 0
	for b := range batches {
		if b.err != nil {
			return created, b.err
		}
		meta.Time = b.at // the records' created time and their log entry's
		err := s.commit(meta, func(tx *changelog.Tx, p *pending) error {
			tx.Grow(len(b.rows))
			p.changes = make([]change, 0, len(b.rows))
			for i := range b.rows {
				if err := b.rows[i].write(tx, p); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return created, err
		}
		created += len(b.rows)
	}
	return created, nil
}

// inParallel runs fn for 0..n-1 on two goroutines (the machines Fieldbook
// targets have at least two cores) and returns the error of the lowest index.
func inParallel(n int, fn func(i int) error) error {
	half := n / 2
	errs := make([]error, 2)
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := half; i < n; i++ {
			if errs[1] = fn(i); errs[1] != nil {
				return
			}
		}
	}()
	for i := 0; i < half; i++ {
		if errs[0] = fn(i); errs[0] != nil {
			break
		}
	}
	wg.Wait()
	if errs[0] != nil {
		return errs[0]
	}
	return errs[1]
}
