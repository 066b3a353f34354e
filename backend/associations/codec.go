package associations

import (
	"encoding/binary"
	"slices"

	"fieldbook/backend/changelog"
	"fieldbook/backend/codec"
)

// How the associations' values are encoded. Keys are built in backend/keys.

// An association direction's value:
//
//	version(1) ownNum(2) otherNum(2) created(varint ms) n(uvarint) n × (labelID uvarint, side byte)
const edgeVersion = 1

func encodeEdge(own, other uint16, e *edge) []byte {
	labels := e.labels()
	b := make([]byte, 0, 16+6*len(labels))
	b = append(b, edgeVersion)
	b = binary.BigEndian.AppendUint16(b, own)
	b = binary.BigEndian.AppendUint16(b, other)
	b = binary.AppendVarint(b, e.created)
	b = binary.AppendUvarint(b, uint64(len(labels)))
	for _, l := range labels {
		b = binary.AppendUvarint(b, uint64(l.id))
		b = append(b, l.side)
	}
	return b
}

func decodeEdge(v []byte) (own, other uint16, e edge, err error) {
	d := codec.NewReader(v)
	if d.Byte() != edgeVersion {
		return 0, 0, e, codec.ErrCorrupt
	}
	own, other = d.Uint16(), d.Uint16()
	e.created = d.Varint()
	n := d.Uvarint()
	if n > uint64(d.Remaining()) {
		return 0, 0, e, codec.ErrCorrupt
	}
	var labels []labelRef
	for i := uint64(0); i < n && d.Err() == nil; i++ {
		labels = append(labels, labelRef{id: uint32(d.Uvarint()), side: d.Byte()})
	}
	if !d.Done() {
		return 0, 0, e, codec.ErrCorrupt
	}
	e.setLabels(labels)
	return own, other, e, nil
}

// entry is the value of one history key: the operation's time and actor,
// then its events, oldest first.
type entry struct {
	at     int64 // Unix ns
	actor  changelog.Actor
	events []event
}

// Version 2 adds each event's note; version 1 still decodes.
const entryVersion = 2

// knownWords are the sources and kinds of change events carry, decoded
// without a copy each.
var knownWords = []string{string(Created), string(Removed), string(LabelAdded), string(LabelRemoved),
	string(PrimarySet), string(PrimaryUnset), string(changelog.SourceUser), string(changelog.SourceImport),
	string(changelog.SourceObjectDeletion), string(changelog.SourceObjectRestore), string(changelog.SourceObjectMerge),
	string(changelog.SourceActivityAuto), string(changelog.SourceAutoDomain)}

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
		b = codec.AppendString(b, string(e.change))
		b = codec.AppendString(b, e.label)
		b = codec.AppendString(b, e.inverse)
		b = codec.AppendString(b, e.note)
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
	version := d.Byte()
	if version != 1 && version != entryVersion {
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
		e.change = Change(d.Known(knownWords...))
		e.label, e.inverse = r.label(d), r.label(d)
		if version >= 2 {
			e.note = d.String()
		}
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
