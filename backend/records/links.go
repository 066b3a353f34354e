package records

import (
	"encoding/json"
	"errors"
	"fmt"
	"sync"

	"github.com/dgraph-io/badger/v4"
	"github.com/google/uuid"

	"fieldbook/backend/changelog"
	"fieldbook/backend/errs"
	"fieldbook/backend/keys"
	"fieldbook/backend/schema"
)

// Links is told, inside the transaction, when records go to the recycle bin,
// come back, are erased or merged, so that what points at them (the
// associations) changes in the same transaction. Its lock is held from
// before that transaction until the done func it returned has run, after the
// records' index is updated: its readers then never see one without the other.
type Links interface {
	sync.Locker
	// Deleted and Restored may carry more records along (an activity goes
	// to the bin with the last record it belonged to and comes back with
	// it) by calling carry, in the same transaction.
	Deleted(tx *changelog.Tx, ids []uuid.UUID, carry Carry) (done func(), err error)
	Restored(tx *changelog.Tx, ids []uuid.UUID, carry Carry) (done func(), err error)
	Purged(tx *changelog.Tx, ids []uuid.UUID) (done func(), err error)
	Merged(tx *changelog.Tx, keep, gone uuid.UUID) (done func(), err error)
	// AssociatedWithAny returns the records of object num associated with
	// at least one record of object other; AssociatedWith those associated
	// with the record id. Called with the records index locked for reading.
	AssociatedWithAny(num, other uint16) map[uuid.UUID]bool
	AssociatedWith(num uint16, id uuid.UUID) map[uuid.UUID]bool
}

// Carry moves records into the recycle bin (from Deleted) or out of it
// (from Restored) in the operation under way.
type Carry func(ids []uuid.UUID) error

// SetLinks connects the associations engine; call it once, before any write.
func (s *Service) SetLinks(l Links) { s.links = l }

// writeLinked is write for changes the links must follow: link runs last
// inside the transaction and its done func after the index is updated.
func (s *Service) writeLinked(meta changelog.Meta, fn func(tx *changelog.Tx, p *pending) error, link func(tx *changelog.Tx, p *pending) (func(), error)) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.links != nil && link != nil { // a plain update has nothing for the links to follow
		s.links.Lock()
		defer s.links.Unlock()
	}
	var done func()
	err := s.commit(meta, func(tx *changelog.Tx, p *pending) error {
		if err := fn(tx, p); err != nil {
			return err
		}
		if s.links == nil || link == nil {
			return nil
		}
		var err error
		done, err = link(tx, p)
		return err
	})
	if err != nil {
		return err
	}
	if done != nil {
		done()
	}
	return nil
}

// changedIDs are the records a pending write changes, in order.
func (p *pending) changedIDs() []uuid.UUID {
	ids := make([]uuid.UUID, len(p.changes))
	for i, c := range p.changes {
		ids[i] = c.id
	}
	return ids
}

// Lookup tells a record's object, display name and whether it is in a bin,
// from memory. ok is false for an unknown or erased ID.
func (s *Service) Lookup(id uuid.UUID) (ref Ref, ok bool) {
	s.idx.rlock()
	ref, ok = s.idx.dir[id]
	s.idx.mu.RUnlock()
	return ref, ok
}

// LookupMany is Lookup for many IDs under one lock.
func (s *Service) LookupMany(ids []uuid.UUID, fn func(i int, ref Ref, ok bool)) {
	s.idx.rlock()
	defer s.idx.mu.RUnlock()
	for i, id := range ids {
		ref, ok := s.idx.dir[id]
		fn(i, ref, ok)
	}
}

// Peek reads a record inside a transaction under way (the links read the
// activities the index does not hold this way).
func (s *Service) Peek(txn *badger.Txn, id uuid.UUID) (RecordView, error) {
	r, err := getRecord(txn, id)
	if err != nil {
		return RecordView{}, err
	}
	obj, err := s.schema.Object(r.Object)
	if err != nil {
		return RecordView{}, err
	}
	return present(&obj, id, r), nil
}

// Resolve follows merges: the ID a record is now known by (id itself when
// it was never merged).
func (s *Service) Resolve(id uuid.UUID) (uuid.UUID, error) {
	err := s.log.Store().View(func(txn *badger.Txn) error {
		var err error
		id, err = resolve(txn, id)
		return err
	})
	return id, err
}

// maxMergeChain bounds how many merges a lookup follows (a chain longer
// than this is a corrupt store, not a real history).
const maxMergeChain = 64

func resolve(txn *badger.Txn, id uuid.UUID) (uuid.UUID, error) {
	for range maxMergeChain {
		item, err := txn.Get(keys.Merged(id))
		if errors.Is(err, badger.ErrKeyNotFound) {
			return id, nil
		}
		if err != nil {
			return id, err
		}
		if err := item.Value(func(v []byte) error {
			if len(v) != 16 {
				return fmt.Errorf("merge record of %s is corrupt", id)
			}
			id = uuid.UUID(v)
			return nil
		}); err != nil {
			return id, err
		}
	}
	return id, fmt.Errorf("record %s was merged more than %d times in a row", id, maxMergeChain)
}

// Merge folds the record gone into keep, two live records of one object:
// keep takes the values in props (the ones chosen from gone, say), gone
// leaves without passing through the recycle bin, its ID resolves to keep
// from now on, and the links move to keep in the same transaction.
func (s *Service) Merge(meta changelog.Meta, keepText, goneText string, props map[string]any) (RecordView, error) {
	keep, err := ParseID(keepText)
	if err != nil {
		return RecordView{}, err
	}
	gone, err := ParseID(goneText)
	if err != nil {
		return RecordView{}, errs.Invalid("other", errs.As(err).Message)
	}
	if keep == gone {
		return RecordView{}, errs.Invalid("other", "A record cannot be merged with itself. Choose another record.")
	}
	var out RecordView
	err = s.writeLinked(meta, func(tx *changelog.Tx, p *pending) error {
		k, err := getRecord(tx.Txn, keep)
		if err != nil {
			return err
		}
		g, err := getRecord(tx.Txn, gone)
		if err != nil {
			return errs.Invalid("other", errs.As(err).Message)
		}
		if k.DeletedAt != 0 || g.DeletedAt != 0 {
			return errs.Invalid("other", "Records in the recycle bin cannot be merged. Restore them first.")
		}
		if k.Object != g.Object {
			return errs.Invalid("other", "Only records of the same object can be merged.")
		}
		obj, err := s.schema.Object(k.Object)
		if err != nil {
			return err
		}
		if obj.IsActivity() {
			return errs.Invalid("other", obj.Plural+" cannot be merged.")
		}
		next, err := changeProps(tx, &obj, keep, k, props)
		if err != nil {
			return err
		}
		keepBefore, keepAfter, goneBefore := factsOf(&obj, k), factsOf(&obj, next), factsOf(&obj, g)
		p.track(keep, &keepBefore, &keepAfter)
		p.track(gone, &goneBefore, nil)
		goneProps, _ := json.Marshal(g.Props)
		tx.Record(changelog.Change{Kind: changelog.RecordMerged, Object: obj.ID, Record: keep.String(), Before: goneProps,
			After: rawJSON(gone.String(), true)})
		tx.Record(changelog.Change{Kind: changelog.RecordMergedInto, Object: obj.ID, Record: gone.String(), Before: goneProps,
			After: rawJSON(keep.String(), true)})
		if err := eraseRecord(tx, &obj, gone, g); err != nil {
			return err
		}
		if err := tx.Set(keys.Merged(gone), keep[:]); err != nil {
			return err
		}
		out = present(&obj, keep, next)
		return putRecord(tx.Txn, &obj, keep, next)
	}, func(tx *changelog.Tx, _ *pending) (func(), error) {
		return s.links.Merged(tx, keep, gone)
	})
	return out, err
}

// Input is a record for CreateLinked or Apply to create; a zero ID gets a
// new one (a bulk writer that names its records before writing gives its
// own, from uuid.NewV7).
type Input struct {
	ID     uuid.UUID
	Object string
	Props  map[string]any
	// Checked: every value has been through its property's Normalize (a
	// bulk writer that checked each cell to report it); only the name
	// is checked again.
	Checked bool
}

// Created is a record CreateLinked has written, as the links see it before
// the records index knows it (it learns of it once the transaction commits).
type Created struct {
	ID     uuid.UUID
	Ref    Ref
	Record RecordView
}

// Edit is a change of some values of a live record for Apply, as Update
// takes them.
type Edit struct {
	ID    uuid.UUID
	Props map[string]any
}

// MaxCreateLinked bounds how many records one CreateLinked or Apply
// writes: they share one transaction.
const MaxCreateLinked = bulkBatch

// CreateLinked creates records and runs link in the same transaction, so
// the records and what link makes with them (their associations) land
// together or not at all: create-and-associate, an activity logged on a
// record. Every record is checked first; a refusal names the record by its
// position when there are several.
func (s *Service) CreateLinked(meta changelog.Meta, rows []Input, link func(tx *changelog.Tx, made []Created) (func(), error)) ([]RecordView, error) {
	if len(rows) == 0 {
		return nil, errs.Invalid("records", "Give at least one record to create.")
	}
	res, err := s.Apply(meta, rows, nil, link)
	return res.Created, err
}

// Applied is what Apply wrote: the records created, in order, and for
// each edit the record after it (unchanged when no value differed).
type Applied struct {
	Created []RecordView
	Edited  []RecordView
	Changed []bool // per edit: some value changed
}

// Apply creates rows, makes edits and runs link (may be nil) in one
// transaction and one operation: the bulk writers' path (an import's batch
// of whole rows). Every record and edit is checked first; a refusal names
// it by its position when there are several and leaves nothing behind. An
// edit that changes no value writes nothing.
func (s *Service) Apply(meta changelog.Meta, rows []Input, edits []Edit, link func(tx *changelog.Tx, made []Created) (func(), error)) (Applied, error) {
	if len(rows)+len(edits) > MaxCreateLinked {
		return Applied{}, errs.Invalid("records", fmt.Sprintf("Create or change at most %d records at a time.", MaxCreateLinked))
	}
	objs := make([]schema.ObjectDef, len(rows))
	clean := make([]map[string]any, len(rows))
	for i, row := range rows {
		var err error
		if objs[i], err = s.schema.Object(row.Object); err == nil && row.Checked {
			clean[i], err = row.Props, objs[i].RequireName(row.Props)
		} else if err == nil {
			clean[i], err = cleanNew(&objs[i], row.Props)
		}
		if err != nil {
			return Applied{}, numbered(err, "Record", i, len(rows)+len(edits))
		}
	}
	var (
		out  Applied
		made []Created
	)
	err := s.writeLinked(meta, func(tx *changelog.Tx, p *pending) error {
		out = Applied{Created: make([]RecordView, len(rows)), Edited: make([]RecordView, len(edits)), Changed: make([]bool, len(edits))}
		made = make([]Created, len(rows))
		for i := range rows {
			id := rows[i].ID
			if id == uuid.Nil {
				var err error
				if id, err = uuid.NewV7(); err != nil {
					return err
				}
			}
			row := prepareRow(&objs[i], id, clean[i], tx.Time(), tx.Actor())
			if err := row.write(tx, p); err != nil {
				return err
			}
			out.Created[i] = present(&objs[i], id, row.r)
			made[i] = Created{ID: id, Ref: Ref{Num: objs[i].Num, Name: row.facts.display}, Record: out.Created[i]}
		}
		for i, e := range edits {
			view, changed, err := s.edit(tx, p, e)
			if err != nil {
				return numbered(err, "Change", i, len(rows)+len(edits))
			}
			out.Edited[i], out.Changed[i] = view, changed
		}
		return nil
	}, func(tx *changelog.Tx, _ *pending) (func(), error) {
		if link == nil {
			return nil, nil
		}
		return link(tx, made)
	})
	if err != nil {
		return Applied{}, err
	}
	return out, nil
}

// edit changes some values of a live record inside a transaction; changed
// is false, and nothing is written, when no value differs.
func (s *Service) edit(tx *changelog.Tx, p *pending, e Edit) (RecordView, bool, error) {
	r, err := getRecord(tx.Txn, e.ID)
	if err != nil {
		return RecordView{}, false, err
	}
	obj, err := s.schema.Object(r.Object)
	if err != nil {
		return RecordView{}, false, err
	}
	if r.DeletedAt != 0 {
		return RecordView{}, false, errs.Invalid("id", fmt.Sprintf("%s is in the recycle bin. Restore it before changing it.", quoteName(obj.DisplayName(r.Props))))
	}
	logged := len(tx.Changes())
	next, err := changeProps(tx, &obj, e.ID, r, e.Props)
	if err != nil {
		return RecordView{}, false, err
	}
	if len(tx.Changes()) == logged {
		return present(&obj, e.ID, r), false, nil
	}
	was, now := factsOf(&obj, r), factsOf(&obj, next)
	p.track(e.ID, &was, &now)
	return present(&obj, e.ID, next), true, putRecord(tx.Txn, &obj, e.ID, next)
}

// numbered names the i-th of n records in an error when there are several.
func numbered(err error, what string, i, n int) error {
	if n < 2 {
		return err
	}
	e := errs.As(err)
	return &errs.Error{Code: e.Code, Field: e.Field, Message: fmt.Sprintf("%s %d: %s", what, i+1, e.Message)}
}

func quoteName(s string) string { return "“" + shortText(s) + "”" }
