package associations

import (
	"bytes"
	"encoding/hex"
	"slices"
	"strings"
	"time"

	"github.com/dgraph-io/badger/v4"
	"github.com/google/uuid"

	"fieldbook/backend/changelog"
	"fieldbook/backend/errs"
	"fieldbook/backend/keys"
	"fieldbook/backend/records"
)

// Association history is a view of the change log: every association
// change is a change of its operation. Each operation's association changes
// are also indexed under each record they touch, one key per record, other
// object and operation, holding a copy of what the history table shows: a
// page of history is then one short forward key scan. The invariant checker
// compares the copies with the log.

// Event is one change of one association, read from one of its records.
type Event struct {
	OpID   string           `json:"opId"`
	Time   string           `json:"time"` // RFC 3339
	Actor  changelog.Actor  `json:"actor"`
	Source changelog.Source `json:"source"`
	Change Change           `json:"change"`
	Label  string           `json:"label,omitempty"` // as read from the record asked about
	Note   string           `json:"note,omitempty"`  // why a rule made it (see Link.Note)
	Record string           `json:"record"`          // the other record
	Object string           `json:"object"`
	Name   string           `json:"name"` // its name now ("" once erased)
}

// MaxHistory bounds one page of history.
const MaxHistory = 500

// History returns a record's association changes with records of one
// object (all objects when objectID is ""), newest first, at most limit,
// older than the operation before (all when "").
func (s *Service) History(recordID, objectID string, limit int, before string) ([]Event, error) {
	id, _, err := s.anyRecord(recordID)
	if err != nil {
		return nil, err
	}
	if limit <= 0 || limit > MaxHistory {
		limit = MaxHistory
	}
	var nums []uint16
	if objectID != "" {
		o, err := s.schema.Object(objectID)
		if err != nil {
			return nil, err
		}
		nums = []uint16{o.Num}
	} else {
		nums = s.objectNums()
	}
	var cursor uuid.UUID // older operations come after it (none: from the newest)
	if before != "" {
		if cursor, err = uuid.Parse(before); err != nil {
			return nil, errs.Invalid("before", "The history position is not an operation ID.")
		}
	}
	ops := make([]opEntry, 0, 16) // newest first within each object's run
	err = s.log.Store().View(func(txn *badger.Txn) error {
		for _, num := range nums {
			n := 0 // whole operations only: a page never ends inside one
			err := scanHistory(txn, keys.AssocHistoryPrefix(id, num), cursor, func(op uuid.UUID, en entry) bool {
				ops = append(ops, opEntry{op, en})
				n += len(en.events)
				return n < limit
			})
			if err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if len(nums) > 1 {
		newestFirst(ops)
	}
	n := 0 // cut after limit events, at the end of an operation
	for i, o := range ops {
		if n >= limit && o.op != ops[i-1].op {
			ops = ops[:i]
			break
		}
		n += len(o.events)
	}
	return s.views(ops), nil
}

// opEntry is one operation's history entry under one record.
type opEntry struct {
	op uuid.UUID
	entry
}

// newestFirst merges entries read under several objects (each run newest
// first) into one order, newest first; an operation's entries stay together.
func newestFirst(ops []opEntry) {
	slices.SortStableFunc(ops, func(a, b opEntry) int { return -bytes.Compare(a.op[:], b.op[:]) })
}

// objectNums numbers every object, to read a record's history with all of them.
func (s *Service) objectNums() []uint16 {
	var nums []uint16
	for _, o := range s.schema.Objects() {
		nums = append(nums, o.Num)
	}
	return nums
}

// views turns history entries into events to show, newest first, looking
// up every other record's name under one lock. The events' IDs and times
// are cut from one string: one allocation, not one per event.
func (s *Service) views(ops []opEntry) []Event {
	n := 0
	for _, o := range ops {
		n += len(o.events)
	}
	out := make([]Event, 0, n)
	others := make([]uuid.UUID, 0, n)
	var (
		all      strings.Builder
		scratch  [64]byte
		timeEnds = make([]int, len(ops)) // RFC 3339 times vary in length
	)
	all.Grow((len(ops)+n)*idText + len(ops)*len(time.RFC3339Nano))
	for j, o := range ops {
		all.Write(appendID(scratch[:0], o.op))
		all.Write(time.Unix(0, o.at).UTC().AppendFormat(scratch[:0], time.RFC3339Nano))
		timeEnds[j] = all.Len()
		for i := len(o.events) - 1; i >= 0; i-- {
			all.Write(appendID(scratch[:0], o.events[i].other))
		}
	}
	text, at := all.String(), 0
	cut := func(end int) string { s := text[at:end]; at = end; return s }
	for j, o := range ops {
		opID := cut(at + idText)
		when := cut(timeEnds[j])
		for i := len(o.events) - 1; i >= 0; i-- {
			e := o.events[i]
			out = append(out, Event{OpID: opID, Time: when, Actor: o.actor, Source: e.source,
				Change: e.change, Label: e.label, Note: e.note, Record: cut(at + idText)})
			others = append(others, e.other)
		}
	}
	var apart []int // activities the index does not hold
	s.records.LookupMany(others, func(i int, ref records.Ref, ok bool) {
		if !ok {
			apart = append(apart, i)
			return
		}
		out[i].Name = ref.Name
		if o, ok := s.schema.ByNum(ref.Num); ok { // shared, not copied
			out[i].Object = o.ID
		}
	})
	if len(apart) > 0 {
		_ = s.log.Store().View(func(txn *badger.Txn) error {
			for _, i := range apart {
				if r, err := s.records.Peek(txn, others[i]); err == nil {
					out[i].Name, out[i].Object = r.DisplayName, r.Object
				}
			}
			return nil
		})
	}
	return out
}

// idText is the length of an ID as text.
const idText = 36

// appendID appends id as text, as uuid.UUID.String writes it.
func appendID(b []byte, id uuid.UUID) []byte {
	var t [idText]byte
	hex.Encode(t[:8], id[:4])
	hex.Encode(t[9:13], id[4:6])
	hex.Encode(t[14:18], id[6:8])
	hex.Encode(t[19:23], id[8:10])
	hex.Encode(t[24:], id[10:])
	t[8], t[13], t[18], t[23] = '-', '-', '-', '-'
	return append(b, t[:]...)
}

// scanHistory reads the history keys under prefix, newest first, from the
// operation after cursor (none: from the newest), until fn returns false.
func scanHistory(txn *badger.Txn, prefix []byte, cursor uuid.UUID, fn func(op uuid.UUID, en entry) bool) error {
	it := txn.NewIterator(badger.IteratorOptions{Prefix: prefix})
	defer it.Close()
	var (
		r  entryReader
		en entry
	)
	start := prefix
	if cursor != uuid.Nil {
		start = keys.AssocHistoryFrom(prefix, cursor)
	}
	for it.Seek(start); it.ValidForPrefix(prefix); it.Next() {
		_, _, op, err := keys.ParseAssocHistory(it.Item().Key())
		if err != nil {
			return err
		}
		if cursor != uuid.Nil && op == cursor {
			continue // the cursor's own operation was on the page before
		}
		if err := it.Item().Value(func(v []byte) (err error) { en, err = r.decode(v); return err }); err != nil {
			return err
		}
		if !fn(op, en) {
			return nil
		}
	}
	return nil
}

// PairHistory returns every change of the association of two records,
// newest first, read from the first. It scans the history of whichever
// record has fewer associations with the other's object.
func (s *Service) PairHistory(recordID, otherID string) ([]Event, error) {
	a, err := records.ParseID(recordID)
	if err != nil {
		return nil, err
	}
	b, err := records.ParseID(otherID)
	if err != nil {
		return nil, errs.Invalid("other", errs.As(err).Message)
	}
	ra, okA := s.records.Lookup(a)
	rb, okB := s.records.Lookup(b)
	if !okA && !okB {
		return nil, errs.New(errs.CodeNotFound, "Neither record exists any more.")
	}
	var ops []opEntry
	n := 0
	from, to, toNum, flip := a, b, rb.Num, false
	if !okA || (okB && s.node(b).group(ra.Num).size() < s.node(a).group(rb.Num).size()) {
		from, to, toNum, flip = b, a, ra.Num, true
	}
	// The other record may be gone (erased, or merged away): then its
	// object is unknown and every object's history of from is read.
	nums := []uint16{toNum}
	if (!flip && !okB) || (flip && !okA) {
		nums = s.objectNums()
	}
	err = s.log.Store().View(func(txn *badger.Txn) error {
		for _, num := range nums {
			if err := pairEvents(txn, from, to, num, flip, &ops, &n); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if len(nums) > 1 {
		newestFirst(ops)
	}
	return s.views(ops), nil
}

// pairEvents appends from's history with to among records of object num,
// counting its events in n.
func pairEvents(txn *badger.Txn, from, to uuid.UUID, num uint16, flip bool, ops *[]opEntry, n *int) error {
	return scanHistory(txn, keys.AssocHistoryPrefix(from, num), uuid.Nil, func(op uuid.UUID, en entry) bool {
		mine := en.events[:0]
		for _, ev := range en.events {
			if ev.other == to {
				if flip {
					ev = ev.mirror(from)
				}
				mine = append(mine, ev)
			}
		}
		if len(mine) > 0 {
			en.events = mine
			*ops = append(*ops, opEntry{op, en})
			*n += len(mine)
		}
		return *n < MaxHistory
	})
}
