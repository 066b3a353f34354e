package associations

import (
	"bytes"
	"encoding/binary"
	"encoding/hex"
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

// knownWords are the sources and kinds of change events carry, decoded
// without a copy each.
var knownWords = []string{"created", "removed", "label_added", "label_removed", "primary_set", "primary_unset",
	string(changelog.SourceUser), string(changelog.SourceImport), string(changelog.SourceObjectDeletion),
	string(changelog.SourceObjectRestore), string(changelog.SourceObjectMerge)}

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

// entryReader decodes the history values of one scan without allocating
// for what repeats: an actor's strings are those of the entry before when
// they are the same, as they mostly are, label names those met before, and
// the entries' events are cut from a few shared arrays.
type entryReader struct {
	actor  changelog.Actor
	labels []string // names met in this scan, at most maxReusedLabels
	spare  []event  // room for the next entries' events
	made   int      // length of the last array made
}

// maxReusedLabels bounds the label names a reader keeps (a data set has a
// handful; a scan through thousands of distinct ones still ends).
const maxReusedLabels = 16

func (r *entryReader) decode(v []byte) (entry, error) {
	d := codec.NewReader(v)
	var en entry
	if d.Byte() != entryVersion {
		return en, codec.ErrCorrupt
	}
	en.at = d.Varint()
	en.actor = changelog.Actor{ID: d.Known(r.actor.ID), Name: d.Known(r.actor.Name)}
	r.actor = en.actor
	n := d.Uvarint()
	if n > uint64(d.Remaining()) {
		return en, codec.ErrCorrupt
	}
	if uint64(len(r.spare)) < n {
		r.made = max(int(n), 2*r.made, 8)
		r.spare = make([]event, r.made)
	}
	en.events = r.spare[:0:n] // full: an append to it copies, never overwrites the spare room
	for i := uint64(0); i < n && d.Err() == nil; i++ {
		e := event{seq: uint32(d.Uvarint())}
		copy(e.other[:], d.Fixed(16))
		e.source = changelog.Source(d.Known(knownWords...))
		e.change = d.Known(knownWords...)
		e.label, e.inverse = r.label(d), r.label(d)
		en.events = append(en.events, e)
	}
	if !d.Done() {
		return en, codec.ErrCorrupt
	}
	r.spare = r.spare[n:]
	return en, nil
}

func (r *entryReader) label(d *codec.Reader) string {
	s := d.Known(r.labels...)
	if s != "" && len(r.labels) < maxReusedLabels && !slices.Contains(r.labels, s) {
		r.labels = append(r.labels, s)
	}
	return s
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
		nums = s.objectNums()
	}
	var cursor []byte // older operations come after it
	if before != "" {
		op, err := uuid.Parse(before)
		if err != nil {
			return nil, errs.Invalid("before", "The history position is not an operation ID.")
		}
		cursor = historyKey(id, 0, op)[19:]
	}
	ops := make([]opEntry, 0, 16) // newest first within each object's run
	err = s.log.Store().View(func(txn *badger.Txn) error {
		for _, num := range nums {
			n := 0 // whole operations only: a page never ends inside one
			err := scanHistory(txn, historyPrefix(id, num), cursor, func(k []byte, en entry) bool {
				ops = append(ops, opEntry{opOfKey(k), en})
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
			out = append(out, Event{OpID: opID, Time: when, Actor: o.actor, Source: string(e.source),
				Change: e.change, Label: e.label, Record: cut(at + idText)})
			others = append(others, e.other)
		}
	}
	s.records.LookupMany(others, func(i int, ref records.Ref, ok bool) {
		if ok {
			out[i].Name = ref.Name
			if o, ok := s.schema.ByNum(ref.Num); ok { // shared, not copied
				out[i].Object = o.ID
			}
		}
	})
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

// scanHistory reads the history keys under prefix, newest first, from
// after the operation cursor (inverted; nil: from the newest), until fn
// returns false.
func scanHistory(txn *badger.Txn, prefix, cursor []byte, fn func(k []byte, en entry) bool) error {
	it := txn.NewIterator(badger.IteratorOptions{Prefix: prefix})
	defer it.Close()
	var (
		r  entryReader
		en entry
	)
	for it.Seek(append(slices.Clone(prefix), cursor...)); it.ValidForPrefix(prefix); it.Next() {
		k := it.Item().Key()
		if cursor != nil && string(k[19:35]) == string(cursor) {
			continue // the cursor's own operation was on the page before
		}
		if err := it.Item().Value(func(v []byte) (err error) { en, err = r.decode(v); return err }); err != nil {
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
	return scanHistory(txn, historyPrefix(from, num), nil, func(k []byte, en entry) bool {
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
			*ops = append(*ops, opEntry{opOfKey(k), en})
			*n += len(mine)
		}
		return *n < MaxHistory
	})
}
