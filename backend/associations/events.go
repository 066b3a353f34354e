package associations

import (
	"encoding/json"
	"strconv"
	"strings"

	"github.com/google/uuid"

	"fieldbook/backend/changelog"
	"fieldbook/backend/codec"
	"fieldbook/backend/keys"
)

// Every change of an association is a change of its operation in the log,
// and its history entries (one per record, other object and operation)
// hold a copy of what the history table shows.

// Change is what one history event did to an association: its change
// kind without the "association." prefix.
type Change string

const (
	Created      Change = "created"
	Removed      Change = "removed"
	LabelAdded   Change = "label_added"
	LabelRemoved Change = "label_removed"
	PrimarySet   Change = "primary_set"
	PrimaryUnset Change = "primary_unset"
)

// Changes lists every Change (bound to the frontend).
var Changes = []Change{Created, Removed, LabelAdded, LabelRemoved, PrimarySet, PrimaryUnset}

// changeOf is the history's word for an association change kind.
func changeOf(kind changelog.Kind) Change {
	return Change(strings.TrimPrefix(string(kind), "association."))
}

// kind is the change kind of the log a history event copies.
func (c Change) kind() changelog.Kind { return changelog.Kind("association." + string(c)) }

// event is one change as a history key stores it, read from its record.
type event struct {
	seq     uint32 // the change's number in its operation
	other   uuid.UUID
	source  changelog.Source
	change  Change
	label   string // read from the indexed record
	inverse string // read from the other
	note    string // see Link.Note
}

// noteJSON is how a change that carries a note logs it (After).
type noteJSON struct {
	Note string `json:"note"`
}

// noteOf reads a change's note.
func noteOf(after json.RawMessage) string {
	var n noteJSON
	if len(after) > 0 && json.Unmarshal(after, &n) == nil {
		return n.Note
	}
	return ""
}

// mirror is the event as read from the other record.
func (e event) mirror(self uuid.UUID) event {
	e.other, e.label, e.inverse = self, e.inverse, e.label
	return e
}

// labelEvent logs a label added to or taken off the association of a and
// b (l read from a).
func (d *draft) labelEvent(added bool, a, b uuid.UUID, l labelRef) {
	na, nb := d.touched[a], d.touched[b]
	p := d.s.pair(na.obj, nb.obj)
	def, _ := p.label(l.id)
	kind := changelog.AssociationLabelAdded
	switch {
	case def.ID == PrimaryLabel && added:
		kind = changelog.AssociationPrimarySet
	case def.ID == PrimaryLabel:
		kind = changelog.AssociationPrimaryUnset
	case !added:
		kind = changelog.AssociationLabelRemoved
	}
	// Primary events read from the record that has the primary company.
	if def.ID == PrimaryLabel && l.side == 1 {
		a, b, l = b, a, l.flip()
	}
	label := labelJSON{ID: l.id, Side: l.side, Name: labelName(p, l), Inverse: labelName(p, l.flip())}
	raw := label.json()
	if added {
		d.event(kind, a, b, nil, raw, &label)
	} else {
		d.event(kind, a, b, raw, nil, &label)
	}
}

// json is the label's JSON in a change, written without reflection (this
// is on the path of every label change).
func (l labelJSON) json() json.RawMessage {
	b := make([]byte, 0, 48+len(l.Name)+len(l.Inverse))
	b = append(b, `{"id":`...)
	b = strconv.AppendUint(b, uint64(l.ID), 10)
	b = append(b, `,"side":`...)
	b = strconv.AppendUint(b, uint64(l.Side), 10)
	b = append(b, `,"name":`...)
	b = codec.AppendJSONString(b, l.Name)
	b = append(b, `,"inverse":`...)
	b = codec.AppendJSONString(b, l.Inverse)
	return append(b, '}')
}

// labelJSON is a label in a change: Name as read from the change's record,
// Inverse from the other record.
type labelJSON struct {
	ID      uint32 `json:"id"`
	Side    uint8  `json:"side"`
	Name    string `json:"name"`
	Inverse string `json:"inverse"`
}

// labelName is how a label reads from the side l names.
func labelName(p *Pair, l labelRef) string {
	def, ok := p.label(l.id)
	switch {
	case !ok:
		return ""
	case l.side == 0:
		return def.Name
	default:
		return def.Inverse
	}
}

// event logs one change of the association of a and b (label: the label
// it is about, read from a) and queues its history entries for both.
func (d *draft) event(kind changelog.Kind, a, b uuid.UUID, before, after json.RawMessage, label *labelJSON) {
	na, nb := d.touched[a], d.touched[b]
	d.tx.Record(changelog.Change{Kind: kind, Object: na.obj.ID, Record: a.String(), Other: b.String(),
		OtherObject: nb.obj.ID, Source: d.source, Before: before, After: after})
	source := d.source
	if source == "" {
		source = d.tx.Source()
	}
	ev := event{seq: uint32(len(d.tx.Changes()) - 1), other: b, source: source, change: changeOf(kind)}
	if kind == changelog.AssociationCreated {
		ev.note = noteOf(after)
	}
	if label != nil {
		ev.label, ev.inverse = label.Name, label.Inverse
	}
	if d.history == nil {
		d.history = map[historyAt][]event{}
	}
	d.history[historyAt{a, nb.ref.Num}] = append(d.history[historyAt{a, nb.ref.Num}], ev)
	d.history[historyAt{b, na.ref.Num}] = append(d.history[historyAt{b, na.ref.Num}], ev.mirror(a))
}

// historyAt names one history key of the operation: a record and the
// other records' object.
type historyAt struct {
	record uuid.UUID
	num    uint16
}

// writeHistory writes the operation's history keys.
func (d *draft) writeHistory() error {
	at, actor := d.tx.Time().UnixNano(), d.tx.Actor()
	for k, events := range d.history {
		en := entry{at: at, actor: actor, events: events}
		if err := d.tx.Set(keys.AssocHistory(k.record, k.num, d.tx.OpID()), en.encode()); err != nil {
			return err
		}
	}
	return nil
}
