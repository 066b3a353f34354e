package associations

import (
	"encoding/binary"
	"slices"
	"strings"
	"time"

	"github.com/dgraph-io/badger/v4"
	"github.com/google/uuid"

	"fieldbook/backend/changelog"
	"fieldbook/backend/codec"
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
	OpID   string          `json:"opId"`
	Time   string          `json:"time"` // RFC 3339
	Actor  changelog.Actor `json:"actor"`
	Source string          `json:"source"`
	// Change: created, removed, label_added, label_removed, primary_set,
	// primary_unset.
	Change string `json:"change"`
	Label  string `json:"label,omitempty"` // as read from the record asked about
	Record string `json:"record"`          // the other record
	Object string `json:"object"`
	Name   string `json:"name"` // its name now ("" once erased)
}

// event is one change as a history key stores it, read from its record.
type event struct {
	seq     uint32 // the change's number in its operation
	other   uuid.UUID
	source  changelog.Source
	change  string
	label   string // read from the indexed record
	inverse string // read from the other
}

// mirror is the event as read from the other record.
func (e event) mirror(self uuid.UUID) event {
	e.other, e.label, e.inverse = self, e.inverse, e.label
	return e
}

// entry is the value of one history key: the operation's time and actor,
// then its events, oldest first.
type entry struct {
	at     int64 // Unix ns
	actor  changelog.Actor
	events []event
}

const entryVersion = 1

func (en *entry) encode() []byte {
	b := make([]byte, 0, 32+len(en.actor.Name)+48*len(en.events))
	b = append(b, entryVersion)
	b = binary.AppendVarint(b, en.at)
	b = codec.AppendString(codec.AppendString(b, en.actor.ID), en.actor.Name)
	b = binary.AppendUvarint(b, uint64(len(en.events)))
	for _, e := range en.events {
		b = binary.AppendUvarint(b, uint64(e.seq))
		b = append(b, e.other[:]...)
		b = codec.AppendString(b, string(e.source))
		b = codec.AppendString(b, e.change)
		b = codec.AppendString(b, e.label)
		b = codec.AppendString(b, e.inverse)
	}
	return b
}

func decodeEntry(v []byte) (entry, error) {
	d := codec.NewReader(v)
	var en entry
	if d.Byte() != entryVersion {
		return en, codec.ErrCorrupt
	}
	en.at = d.Varint()
	en.actor = changelog.Actor{ID: d.String(), Name: d.String()}
	n := d.Uvarint()
	if n > uint64(d.Remaining()) {
		return en, codec.ErrCorrupt
	}
	en.events = make([]event, 0, n)
	for i := uint64(0); i < n && d.Err() == nil; i++ {
		e := event{seq: uint32(d.Uvarint())}
		copy(e.other[:], d.Fixed(16))
		e.source = changelog.Source(d.String())
		e.change, e.label, e.inverse = d.String(), d.String(), d.String()
		en.events = append(en.events, e)
	}
	if !d.Done() {
		return en, codec.ErrCorrupt
	}
	return en, nil
}

// historyKey indexes an operation's events under one record and the other
// records' object. The operation ID is inverted, so that a forward scan
// (Badger's fast direction) reads the newest first.
func historyKey(record uuid.UUID, otherNum uint16, op uuid.UUID) []byte {
	k := make([]byte, 0, 35)
	k = append(k, keys.PrefixAssocOp)
	k = append(k, record[:]...)
	k = binary.BigEndian.AppendUint16(k, otherNum)
	for _, b := range op {
		k = append(k, ^b)
	}
	return k
}

func historyPrefix(record uuid.UUID, otherNum uint16) []byte {
	return historyKey(record, otherNum, uuid.UUID{})[:19]
}

func opOfKey(k []byte) uuid.UUID {
	var op uuid.UUID
	for i := range op {
		op[i] = ^k[19+i]
	}
	return op
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
		for _, o := range s.schema.Objects() {
			nums = append(nums, o.Num)
		}
	}
	var cursor []byte // older operations come after it
	if before != "" {
		op, err := uuid.Parse(before)
		if err != nil {
			return nil, errs.Invalid("before", "The history position is not an operation ID.")
		}
		cursor = historyKey(id, 0, op)[19:]
	}
	type found struct {
		op  []byte // inverted, for the order
		at  int64
		who changelog.Actor
		ev  event
	}
	var all []found
	err = s.log.Store().View(func(txn *badger.Txn) error {
		for _, num := range nums {
			n := 0 // whole operations only: a page never ends inside one
			err := scanHistory(txn, historyPrefix(id, num), cursor, func(k []byte, en entry) bool {
				for i := len(en.events) - 1; i >= 0; i-- {
					all = append(all, found{slices.Clone(k[19:]), en.at, en.actor, en.events[i]})
					n++
				}
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
		slices.SortStableFunc(all, func(a, b found) int { return strings.Compare(string(a.op), string(b.op)) })
	}
	if len(all) > limit { // cut after limit events, at the end of an operation
		end := limit
		for end < len(all) && string(all[end].op[:16]) == string(all[limit-1].op[:16]) {
			end++
		}
		all = all[:end]
	}
	out := make([]Event, len(all))
	for i, f := range all {
		out[i] = s.view(opOfKey(append(make([]byte, 19), f.op...)), f.at, f.who, f.ev)
	}
	return out, nil
}

// scanHistory reads the history keys under prefix, newest first, from
// after the operation cursor (inverted; nil: from the newest), until fn
// returns false.
func scanHistory(txn *badger.Txn, prefix, cursor []byte, fn func(k []byte, en entry) bool) error {
	it := txn.NewIterator(badger.IteratorOptions{Prefix: prefix})
	defer it.Close()
	for it.Seek(append(slices.Clone(prefix), cursor...)); it.ValidForPrefix(prefix); it.Next() {
		k := it.Item().Key()
		if cursor != nil && string(k[19:35]) == string(cursor) {
			continue // the cursor's own operation was on the page before
		}
		var en entry
		if err := it.Item().Value(func(v []byte) (err error) { en, err = decodeEntry(v); return err }); err != nil {
			return err
		}
		if !fn(k, en) {
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
	out := []Event{}
	from, to, toNum, flip := a, b, rb.Num, false
	if !okA || (okB && s.node(b).group(ra.Num).size() < s.node(a).group(rb.Num).size()) {
		from, to, toNum, flip = b, a, ra.Num, true
	}
	// The other record may be gone (erased, or merged away): then its
	// object is unknown and every object's history of from is read.
	nums := []uint16{toNum}
	if (!flip && !okB) || (flip && !okA) {
		nums = nums[:0]
		for _, o := range s.schema.Objects() {
			nums = append(nums, o.Num)
		}
	}
	err = s.log.Store().View(func(txn *badger.Txn) error {
		for _, num := range nums {
			if err := s.pairEvents(txn, from, to, num, flip, &out); err != nil {
				return err
			}
		}
		return nil
	})
	if len(nums) > 1 {
		slices.SortStableFunc(out, func(x, y Event) int { return -strings.Compare(x.OpID, y.OpID) })
	}
	return out, err
}

// pairEvents appends from's history with to among records of object num.
func (s *Service) pairEvents(txn *badger.Txn, from, to uuid.UUID, num uint16, flip bool, out *[]Event) error {
	return scanHistory(txn, historyPrefix(from, num), nil, func(k []byte, en entry) bool {
		for i := len(en.events) - 1; i >= 0; i-- {
			if ev := en.events[i]; ev.other == to {
				if flip {
					ev = ev.mirror(from)
				}
				*out = append(*out, s.view(opOfKey(k), en.at, en.actor, ev))
			}
		}
		return len(*out) < MaxHistory
	})
}

// view makes an event ready to show, with the other record's name now.
func (s *Service) view(op uuid.UUID, at int64, actor changelog.Actor, e event) Event {
	out := Event{OpID: op.String(), Time: time.Unix(0, at).UTC().Format(time.RFC3339Nano), Actor: actor,
		Source: string(e.source), Change: e.change, Label: e.label, Record: e.other.String()}
	if ref, ok := s.records.Lookup(e.other); ok {
		out.Name = ref.Name
		if o, ok := s.schema.ByNum(ref.Num); ok { // shared, not copied
			out.Object = o.ID
		}
	}
	return out
}
