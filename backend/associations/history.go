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
// change is a change of its operation, and is also indexed under both
// records (by the other record's object, newest last) and under the pair,
// with a copy of what the history table shows, so a page of history is one
// short key scan. The invariant checker compares the copies with the log.

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

// event is an Event as stored in a history index.
type event struct {
	other   uuid.UUID
	at      int64 // Unix ns
	actor   changelog.Actor
	source  changelog.Source
	change  string
	label   string // read from the indexed record
	inverse string // read from the other
}

const eventVersion = 1

func (e *event) encode() []byte {
	b := make([]byte, 0, 64+len(e.actor.Name)+len(e.label)+len(e.inverse))
	b = append(b, eventVersion)
	b = append(b, e.other[:]...)
	b = binary.AppendVarint(b, e.at)
	b = codec.AppendString(codec.AppendString(b, e.actor.ID), e.actor.Name)
	b = codec.AppendString(b, string(e.source))
	b = codec.AppendString(b, e.change)
	b = codec.AppendString(b, e.label)
	return codec.AppendString(b, e.inverse)
}

func decodeEvent(v []byte) (event, error) {
	d := codec.NewReader(v)
	var e event
	if d.Byte() != eventVersion || d.Remaining() < 16 {
		return e, codec.ErrCorrupt
	}
	copy(e.other[:], v[1:17])
	d = codec.NewReader(v[17:])
	e.at = d.Varint()
	e.actor = changelog.Actor{ID: d.String(), Name: d.String()}
	e.source = changelog.Source(d.String())
	e.change, e.label, e.inverse = d.String(), d.String(), d.String()
	if !d.Done() {
		return e, codec.ErrCorrupt
	}
	return e, nil
}

// mirror is the event as read from the other record.
func (e event) mirror(self uuid.UUID) event {
	e.other, e.label, e.inverse = self, e.inverse, e.label
	return e
}

// History keys hold the operation ID and the change's number inverted, so
// a forward scan (Badger's fast direction) reads the newest first.
func appendNewestFirst(k []byte, op uuid.UUID, seq uint32) []byte {
	for _, b := range op {
		k = append(k, ^b)
	}
	return binary.BigEndian.AppendUint32(k, ^seq)
}

func opOfKey(inverted []byte) uuid.UUID {
	var op uuid.UUID
	for i := range op {
		op[i] = ^inverted[i]
	}
	return op
}

func assocOpKey(record uuid.UUID, otherNum uint16, op uuid.UUID, seq uint32) []byte {
	k := make([]byte, 0, 39)
	k = append(k, keys.PrefixAssocOp)
	k = append(k, record[:]...)
	k = binary.BigEndian.AppendUint16(k, otherNum)
	return appendNewestFirst(k, op, seq)
}

// pairOpKey indexes an event under the pair of a and b, in either order;
// the event is read from the lower of the two IDs.
func pairOpKey(a, b, op uuid.UUID, seq uint32) []byte {
	low, high := ordered(a, b)
	k := make([]byte, 0, 53)
	k = append(k, keys.PrefixPairOp)
	k = append(k, low[:]...)
	k = append(k, high[:]...)
	return appendNewestFirst(k, op, seq)
}

func ordered(a, b uuid.UUID) (uuid.UUID, uuid.UUID) {
	if string(a[:]) > string(b[:]) {
		return b, a
	}
	return a, b
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
	var cursor []byte // inverted: older operations come after it
	if before != "" {
		op, err := uuid.Parse(before)
		if err != nil {
			return nil, errs.Invalid("before", "The history position is not an operation ID.")
		}
		cursor = appendNewestFirst(nil, op, 0)[:16]
	}
	type found struct {
		key []byte // inverted operation ID and change number
		ev  event
	}
	var all []found
	err = s.log.Store().View(func(txn *badger.Txn) error {
		for _, num := range nums {
			prefix := assocOpKey(id, num, uuid.UUID{}, 0)[:19]
			it := txn.NewIterator(badger.IteratorOptions{Prefix: prefix})
			n := 0
			for it.Seek(append(slices.Clone(prefix), cursor...)); it.ValidForPrefix(prefix) && n < limit; it.Next() {
				k := it.Item().Key()
				if cursor != nil && string(k[19:35]) == string(cursor) {
					continue // the cursor's own operation was on the page before
				}
				var ev event
				if err := it.Item().Value(func(v []byte) (err error) { ev, err = decodeEvent(v); return err }); err != nil {
					it.Close()
					return err
				}
				all = append(all, found{slices.Clone(k[19:]), ev})
				n++
			}
			it.Close()
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if len(nums) > 1 {
		slices.SortFunc(all, func(a, b found) int { return strings.Compare(string(a.key), string(b.key)) })
	}
	if len(all) > limit {
		all = all[:limit]
	}
	out := make([]Event, len(all))
	for i, f := range all {
		out[i] = s.view(opOfKey(f.key), f.ev)
	}
	return out, nil
}

// PairHistory returns every change of the association of two records,
// newest first, read from the first.
func (s *Service) PairHistory(recordID, otherID string) ([]Event, error) {
	a, err := records.ParseID(recordID)
	if err != nil {
		return nil, err
	}
	b, err := records.ParseID(otherID)
	if err != nil {
		return nil, err
	}
	low, high := ordered(a, b)
	prefix := pairOpKey(low, high, uuid.UUID{}, 0)[:33]
	var out []Event
	err = s.log.Store().View(func(txn *badger.Txn) error {
		it := txn.NewIterator(badger.IteratorOptions{Prefix: prefix})
		defer it.Close()
		for it.Rewind(); it.ValidForPrefix(prefix) && len(out) < MaxHistory; it.Next() {
			op := opOfKey(it.Item().Key()[33:49])
			var ev event
			if err := it.Item().Value(func(v []byte) (err error) { ev, err = decodeEvent(v); return err }); err != nil {
				return err
			}
			if a != low {
				ev = ev.mirror(low)
			}
			out = append(out, s.view(op, ev))
		}
		return nil
	})
	return out, err
}

// view makes an event ready to show, with the other record's name now.
func (s *Service) view(op uuid.UUID, e event) Event {
	out := Event{OpID: op.String(), Time: time.Unix(0, e.at).UTC().Format(time.RFC3339Nano), Actor: e.actor,
		Source: string(e.source), Change: e.change, Label: e.label, Record: e.other.String()}
	if ref, ok := s.records.Lookup(e.other); ok {
		out.Name = ref.Name
		if o, ok := s.schema.ByNum(ref.Num); ok {
			out.Object = o.ID
		}
	}
	return out
}
