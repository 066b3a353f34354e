// Package changelog is Fieldbook's one write path. Every change to the
// database (records, associations, schema, settings) runs inside Log.Write,
// which commits the change and its entry in the append-only operation log in
// the same Badger transaction: either both land or neither. The record and
// association history views come from this log; undo and sync are to be
// built on it too.
package changelog

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/dgraph-io/badger/v4"
	"github.com/google/uuid"

	"fieldbook/backend/keys"
	"fieldbook/backend/store"
)

// Source says what made a change.
type Source string

const (
	SourceUser           Source = "User"
	SourceObjectDeletion Source = "Object deletion"
	SourceObjectMerge    Source = "Object merge"
	SourceObjectRestore  Source = "Object restore"
	SourceImport         Source = "Import"
	SourceAutoDomain     Source = "Auto association by domain"
	SourceActivityAuto   Source = "Activity auto association" // an activity's rule, when it is logged
	SourceAPI            Source = "API"
	SourceJob            Source = "Job"
	SourceMigration      Source = "Migration"
	SourceUnknown        Source = "Unknown"
)

// Actor is who made a change: the local user profile for changes in the UI.
type Actor struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// Meta is who and what is behind a write. Batch groups the operations of one
// user action that spans several transactions (an import); empty otherwise.
type Meta struct {
	Actor  Actor
	Source Source
	Batch  string
	Time   time.Time // when the operation happened; zero: when it is written
}

// Change is one thing an operation changed; Kind says what (see kinds.go).
//
// An association change names both records (Record and Other) and is
// indexed by the associations package, not in the record's history. Source,
// when set, overrides the operation's: deleting a record (User) removes its
// associations (Object deletion) in the same operation.
type Change struct {
	Kind        Kind            `json:"kind"`
	Object      string          `json:"object,omitempty"`
	Record      string          `json:"record,omitempty"`
	Property    string          `json:"property,omitempty"`
	Before      json.RawMessage `json:"before,omitempty"`
	After       json.RawMessage `json:"after,omitempty"`
	Other       string          `json:"other,omitempty"`
	OtherObject string          `json:"otherObject,omitempty"`
	Source      Source          `json:"source,omitempty"`
	// Unindexed: the record itself names this operation (a record keeps the
	// operation that created it), so the change needs no history key.
	Unindexed bool `json:"-"`
}

// SourceOf is the source of one change of op.
func (op *Op) SourceOf(c *Change) Source {
	if c.Source != "" {
		return c.Source
	}
	return op.Source
}

// Op is one committed operation: the unit of the log.
type Op struct {
	ID      string    `json:"id"`
	Time    time.Time `json:"time"`
	Actor   Actor     `json:"actor"`
	Source  Source    `json:"source"`
	Batch   string    `json:"batch,omitempty"`
	Changes []Change  `json:"changes"`
}

// Log appends operations to the store.
type Log struct {
	st  *store.Store
	now func() time.Time
}

// New returns the log over st.
func New(st *store.Store) *Log { return &Log{st: st, now: time.Now} }

// Store is the underlying store, for read-only transactions.
func (l *Log) Store() *store.Store { return l.st }

// Tx is a write transaction that records what it changes.
type Tx struct {
	*badger.Txn
	op   *Op
	opID uuid.UUID
}

// OpID is the ID of the operation being written, for indexes of the log.
func (tx *Tx) OpID() uuid.UUID { return tx.opID }

// Changes are the changes recorded so far.
func (tx *Tx) Changes() []Change { return tx.op.Changes }

// Record adds a change to the operation being written. A change that
// touches a record is indexed under it for that record's history.
func (tx *Tx) Record(c Change) { tx.op.Changes = append(tx.op.Changes, c) }

// Grow makes room for n more changes (bulk writes know how many they make).
func (tx *Tx) Grow(n int) { tx.op.Changes = slices.Grow(tx.op.Changes, n) }

// Time is the operation's timestamp: use it for created/updated times so
// records and the log agree.
func (tx *Tx) Time() time.Time { return tx.op.Time }

// Actor is who is making the change.
func (tx *Tx) Actor() Actor { return tx.op.Actor }

// Source is what is making the change.
func (tx *Tx) Source() Source { return tx.op.Source }

// Write runs fn in one transaction and appends its operation to the log.
// Writes take turns (see store.Update), so fn runs once; an operation that
// changed nothing writes no log entry.
func (l *Log) Write(meta Meta, fn func(tx *Tx) error) (Op, error) {
	var op Op
	err := l.st.Update(l.transaction(meta, &op, fn))
	return op, err
}

// Submit is Write for a bulk writer that prepares its next operation while
// this one is written (see store.Submit): wait says how it ended.
func (l *Log) Submit(meta Meta, fn func(tx *Tx) error) (wait func() error, err error) {
	var op Op
	return l.st.Submit(l.transaction(meta, &op, fn))
}

// transaction is the body of a logged transaction: fn's changes and, when
// there are any, the operation's entry.
func (l *Log) transaction(meta Meta, op *Op, fn func(tx *Tx) error) func(txn *badger.Txn) error {
	if meta.Source == "" {
		meta.Source = SourceUnknown
	}
	return func(txn *badger.Txn) error {
		id, err := uuid.NewV7()
		if err != nil {
			return err
		}
		at := meta.Time
		if at.IsZero() {
			at = l.now()
		}
		*op = Op{ID: id.String(), Time: at.UTC(), Actor: meta.Actor, Source: meta.Source, Batch: meta.Batch}
		tx := &Tx{Txn: txn, op: op, opID: id}
		if err := fn(tx); err != nil {
			return err
		}
		if len(op.Changes) == 0 {
			return nil
		}
		return appendOp(txn, id, op)
	}
}

func appendOp(txn *badger.Txn, id uuid.UUID, op *Op) error {
	if err := txn.Set(keys.Op(id), encodeOp(op)); err != nil {
		return err
	}
	indexed := map[string]bool{}
	for _, c := range op.Changes {
		if c.Record == "" || c.Other != "" || c.Unindexed || indexed[c.Record] {
			continue
		}
		indexed[c.Record] = true
		rid, err := uuid.Parse(c.Record)
		if err != nil {
			return fmt.Errorf("change %s names a malformed record ID %q", c.Kind, c.Record)
		}
		if err := txn.Set(keys.RecordOp(rid, id), nil); err != nil {
			return err
		}
	}
	return nil
}

// RecordHistory returns the operations that changed a record, newest first,
// at most limit of them: those its history keys name, then created, when
// not zero: the operation that created the record, which the record names
// itself (see Change.Unindexed), the oldest.
func (l *Log) RecordHistory(record, created uuid.UUID, limit int) ([]Op, error) {
	var out []Op
	err := l.st.View(func(txn *badger.Txn) error {
		prefix := keys.RecordOpPrefix(record)
		it := txn.NewIterator(badger.IteratorOptions{Reverse: true, Prefix: prefix})
		defer it.Close()
		for it.Seek(keys.PrefixEnd(prefix)); it.ValidForPrefix(prefix) && len(out) < limit; it.Next() {
			_, opID, err := keys.ParseRecordOp(it.Item().Key())
			if err != nil {
				return err
			}
			if opID == created {
				created = uuid.Nil // indexed after all: listed once
			}
			op, err := getOp(txn, opID)
			if err != nil {
				return err
			}
			out = append(out, op)
		}
		if created == uuid.Nil || len(out) == limit {
			return nil
		}
		op, err := getOp(txn, created)
		if err == nil {
			out = append(out, op)
		}
		return err
	})
	return out, err
}

// ReadOp reads one operation inside a transaction (for checkers).
func ReadOp(txn *badger.Txn, id uuid.UUID) (Op, error) { return getOp(txn, id) }

func getOp(txn *badger.Txn, id uuid.UUID) (Op, error) {
	var op Op
	item, err := txn.Get(keys.Op(id))
	if errors.Is(err, badger.ErrKeyNotFound) {
		return op, fmt.Errorf("history index names operation %s, which is missing", id)
	}
	if err != nil {
		return op, err
	}
	err = item.Value(func(v []byte) (err error) { op, err = decodeOp(v); return err })
	return op, err
}

// Each calls fn for every operation, oldest first (for the invariant checker
// and exports).
func (l *Log) Each(fn func(Op) error) error {
	return l.st.View(func(txn *badger.Txn) error {
		prefix := []byte{keys.PrefixOp}
		it := txn.NewIterator(badger.IteratorOptions{Prefix: prefix, PrefetchValues: true})
		defer it.Close()
		for it.Rewind(); it.Valid(); it.Next() {
			var op Op
			if err := it.Item().Value(func(v []byte) (err error) { op, err = decodeOp(v); return err }); err != nil {
				return err
			}
			if err := fn(op); err != nil {
				return err
			}
		}
		return nil
	})
}
