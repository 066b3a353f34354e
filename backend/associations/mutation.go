package associations

import (
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/google/uuid"

	"fieldbook/backend/changelog"
	"fieldbook/backend/codec"
	"fieldbook/backend/errs"
	"fieldbook/backend/records"
	"fieldbook/backend/schema"
)

// draft is the associations of the records one transaction touches, changed
// in memory. Every change is made on both sides at once and logged; finish
// applies the primary rules and the limits to the result and writes the
// changed directions; publish shows them to readers after the commit.
type draft struct {
	s      *Service
	tx     *changelog.Tx
	source changelog.Source // of its changes; "" is the operation's source

	// auto: a contact that loses its primary company gets the one it has
	// been associated with longest (deletions, merges), and limits do not
	// apply (nothing new is being associated by hand).
	auto bool
	// newPrimary: the company to become a record's primary when it loses
	// its own (the user's choice).
	newPrimary map[uuid.UUID]uuid.UUID

	touched map[uuid.UUID]*draftNode
	order   []uuid.UUID
	dirty   map[[2]uuid.UUID]bool // directions to write
	history map[historyAt][]event // history entries to write
	then    []func()              // run by publish, under the write lock
}

type draftNode struct {
	ref    records.Ref
	obj    schema.ObjectDef
	before node  // committed
	after  *node // being changed
}

func (s *Service) newDraft(tx *changelog.Tx, source changelog.Source) *draft {
	return &draft{s: s, tx: tx, source: source, touched: map[uuid.UUID]*draftNode{},
		dirty: map[[2]uuid.UUID]bool{}}
}

// rec returns the draft of a record, known to the records service.
func (d *draft) rec(id uuid.UUID) (*draftNode, error) {
	if n := d.touched[id]; n != nil {
		return n, nil
	}
	ref, ok := d.s.records.Lookup(id)
	if !ok {
		return nil, errs.New(errs.CodeNotFound, fmt.Sprintf("No record has the ID %s. It may have been deleted permanently.", id))
	}
	obj, ok := d.s.schema.ByNum(ref.Num)
	if !ok {
		return nil, fmt.Errorf("record %s belongs to unknown object number %d", id, ref.Num)
	}
	before := d.s.node(id)
	after := before
	after.num = ref.Num
	n := &draftNode{ref: ref, obj: obj, before: before, after: &after}
	d.touched[id] = n
	d.order = append(d.order, id)
	return n, nil
}

// pairOf returns both drafts and the definition of their pair.
func (d *draft) both(a, b uuid.UUID) (*draftNode, *draftNode, error) {
	na, err := d.rec(a)
	if err != nil {
		return nil, nil, err
	}
	nb, err := d.rec(b)
	return na, nb, err
}

// link associates a and b (created is the association's time) and reports
// whether they were not associated before.
func (d *draft) link(a, b uuid.UUID, created int64) (bool, error) {
	na, nb, err := d.both(a, b)
	if err != nil {
		return false, err
	}
	if _, ok := na.after.edge(nb.ref.Num, b); ok {
		return false, nil
	}
	na.after.put(nb.ref.Num, edge{other: b, created: created})
	nb.after.put(na.ref.Num, edge{other: a, created: created})
	d.mark(a, b)
	d.event("association.created", a, b, nil, nil, nil)
	return true, nil
}

// unlink removes the association of a and b with its labels; false if
// there was none.
func (d *draft) unlink(a, b uuid.UUID) (bool, error) {
	na, nb, err := d.both(a, b)
	if err != nil {
		return false, err
	}
	e, ok := na.after.edge(nb.ref.Num, b)
	if !ok {
		return false, nil
	}
	na.after.remove(nb.ref.Num, b)
	nb.after.remove(na.ref.Num, a)
	d.mark(a, b)
	var before json.RawMessage
	if len(e.labels()) > 0 {
		p := d.s.pair(na.obj, nb.obj)
		names := make([]string, 0, len(e.labels()))
		for _, l := range e.labels() {
			names = append(names, labelName(p, l))
		}
		before, _ = json.Marshal(map[string]any{"labels": names})
	}
	d.event("association.removed", a, b, before, nil, nil)
	return true, nil
}

// addLabel puts label l (read from a's side) on the association of a and
// b; false if it was there. A primary-kind label moves: the record that may
// carry it once loses it from its other association.
func (d *draft) addLabel(a, b uuid.UUID, l labelRef) (bool, error) {
	na, nb, err := d.both(a, b)
	if err != nil {
		return false, err
	}
	e, ok := na.after.edge(nb.ref.Num, b)
	if !ok {
		return false, errs.Invalid("targets", fmt.Sprintf("%s is not associated with %s.", quote(nb.ref.Name), quote(na.ref.Name)))
	}
	if e.has(l) {
		return false, nil
	}
	p := d.s.pair(na.obj, nb.obj)
	if def, _ := p.label(l.id); def.Kind == Primary {
		owner, held := a, l
		if l.side == 1 {
			owner, held = b, l.flip()
		}
		if err := d.dropHeld(owner, d.touched[owner].after.group(d.otherNum(owner, a, b)), held, b, a); err != nil {
			return false, err
		}
	}
	d.setLabels(a, b, append(slices.Clone(e.labels()), l))
	d.labelEvent(true, a, b, l)
	return true, nil
}

// otherNum is the object number of the record of the pair {a, b} that is
// not owner.
func (d *draft) otherNum(owner, a, b uuid.UUID) uint16 {
	if owner == a {
		return d.touched[b].ref.Num
	}
	return d.touched[a].ref.Num
}

// dropHeld removes the primary-kind label held (from owner's side) from
// owner's associations in g, except with the records in keep.
func (d *draft) dropHeld(owner uuid.UUID, g group, held labelRef, keep ...uuid.UUID) error {
	var holders []uuid.UUID
	for _, e := range g.edges {
		if e.has(held) && !slices.Contains(keep, e.other) {
			holders = append(holders, e.other)
		}
	}
	for _, other := range holders {
		if _, err := d.removeLabel(owner, other, held); err != nil {
			return err
		}
	}
	return nil
}

// removeLabel takes label l (read from a's side) off the association of a
// and b; false if it was not there.
func (d *draft) removeLabel(a, b uuid.UUID, l labelRef) (bool, error) {
	na, nb, err := d.both(a, b)
	if err != nil {
		return false, err
	}
	e, ok := na.after.edge(nb.ref.Num, b)
	if !ok || !e.has(l) {
		return false, nil
	}
	d.setLabels(a, b, slices.DeleteFunc(slices.Clone(e.labels()), func(x labelRef) bool { return x == l }))
	d.labelEvent(false, a, b, l)
	return true, nil
}

// setLabels replaces the labels of both directions of a's association with b.
func (d *draft) setLabels(a, b uuid.UUID, labels []labelRef) {
	na, nb := d.touched[a], d.touched[b]
	e, _ := na.after.edge(nb.ref.Num, b)
	e.setLabels(labels)
	na.after.put(nb.ref.Num, e)
	back, _ := nb.after.edge(na.ref.Num, a)
	back.setLabels(flipped(labels))
	nb.after.put(na.ref.Num, back)
	d.mark(a, b)
}

func (d *draft) mark(a, b uuid.UUID) {
	d.dirty[[2]uuid.UUID{a, b}] = true
	d.dirty[[2]uuid.UUID{b, a}] = true
}

func (d *draft) labelEvent(added bool, a, b uuid.UUID, l labelRef) {
	na, nb := d.touched[a], d.touched[b]
	p := d.s.pair(na.obj, nb.obj)
	def, _ := p.label(l.id)
	kind := "association.label_added"
	switch {
	case def.ID == PrimaryLabel && added:
		kind = "association.primary_set"
	case def.ID == PrimaryLabel:
		kind = "association.primary_unset"
	case !added:
		kind = "association.label_removed"
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
func (d *draft) event(kind string, a, b uuid.UUID, before, after json.RawMessage, label *labelJSON) {
	na, nb := d.touched[a], d.touched[b]
	d.tx.Record(changelog.Change{Kind: kind, Object: na.obj.ID, Record: a.String(), Other: b.String(),
		OtherObject: nb.obj.ID, Source: d.source, Before: before, After: after})
	source := d.source
	if source == "" {
		source = d.tx.Source()
	}
	ev := event{seq: uint32(len(d.tx.Changes()) - 1), other: b, source: source, change: strings.TrimPrefix(kind, "association.")}
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
		if err := d.tx.Set(historyKey(k.record, k.num, d.tx.OpID()), en.encode()); err != nil {
			return err
		}
	}
	return nil
}

// finish applies the rules to every touched record and writes the changed
// directions.
func (d *draft) finish() error {
	for _, id := range slices.Clone(d.order) { // settling may touch more records
		if err := d.settle(id); err != nil {
			return err
		}
	}
	if !d.auto {
		for _, id := range d.order {
			if err := d.checkLimits(id); err != nil {
				return err
			}
		}
	}
	if err := d.writeHistory(); err != nil {
		return err
	}
	for dir := range d.dirty {
		na, nb := d.touched[dir[0]], d.touched[dir[1]]
		e, ok := na.after.edge(nb.ref.Num, dir[1])
		var err error
		if ok {
			err = d.tx.Set(assocKey(dir[0], dir[1]), encodeEdge(na.ref.Num, nb.ref.Num, &e))
		} else {
			err = d.tx.Delete(assocKey(dir[0], dir[1]))
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// settle gives a record its primary company where the rules need one: a
// contact associated with companies has exactly one primary; any record
// whose user chose a new primary gets it.
func (d *draft) settle(id uuid.UUID) error {
	n := d.touched[id]
	companies, err := d.s.schema.Object(schema.Companies)
	if err != nil || n.obj.ID == schema.Companies {
		return nil
	}
	g := n.after.group(companies.Num)
	primaries := 0
	for _, e := range g.edges {
		if e.isPrimary() {
			primaries++
		}
	}
	choice, chosen := d.newPrimary[id]
	switch {
	case primaries > 1:
		return fmt.Errorf("%s has %d primary companies", id, primaries)
	case primaries == 1 || len(g.edges) == 0:
		return nil
	case chosen:
		if g.find(choice) < 0 {
			return errs.Invalid("newPrimary", fmt.Sprintf("%s is not one of %s's companies. Choose one of them as the new primary.",
				quote(d.nameOf(choice)), quote(n.ref.Name)))
		}
		_, err := d.addLabel(id, choice, labelRef{PrimaryLabel, 0})
		return err
	case n.obj.ID != schema.Contacts:
		return nil // other objects may have no primary company
	case len(g.edges) == 1 && !d.auto && n.wasPrimary(companies.Num, g.edges[0].other):
		return errs.Invalid("targets", fmt.Sprintf("%s is %s's only company, so it is always the primary company.",
			quote(d.nameOf(g.edges[0].other)), quote(n.ref.Name)))
	case len(g.edges) == 1 || d.auto || n.before.group(companies.Num).size() == 0:
		// The only company, the one associated longest, or the first of
		// the companies a contact without any gets.
		_, err := d.addLabel(id, g.edges[0].other, labelRef{PrimaryLabel, 0})
		return err
	}
	return &errs.Error{Code: errs.CodePrimaryRequired, Field: "newPrimary", Message: fmt.Sprintf(
		"%s needs a primary company: choose which of the %d companies becomes primary.", quote(n.ref.Name), len(g.edges))}
}

// wasPrimary: other was the record's primary company before this draft.
func (n *draftNode) wasPrimary(num uint16, other uuid.UUID) bool {
	e, ok := n.before.edge(num, other)
	return ok && e.isPrimary()
}

// nameOf is a record's display name.
func (d *draft) nameOf(id uuid.UUID) string {
	ref, _ := d.s.records.Lookup(id)
	return ref.Name
}

// checkLimits refuses a change that takes a record over a limit it was not
// already over.
func (d *draft) checkLimits(id uuid.UUID) error {
	n := d.touched[id]
	if n.ref.Deleted {
		return nil
	}
	for g := range n.after.groups() {
		other, ok := d.s.schema.ByNum(g.num)
		if !ok {
			continue
		}
		p := d.s.pair(n.obj, other)
		for _, lim := range p.Limits {
			if lim.From != n.obj.ID {
				continue
			}
			after, before := limitCount(*n.after, g.num, lim), limitCount(n.before, g.num, lim)
			if after <= lim.Max || after <= before {
				continue
			}
			what := other.Plural
			if lim.Max == 1 {
				what = other.Singular
			}
			what = lowerFirst(what)
			if lim.Label != 0 {
				what += " labelled “" + labelName(p, labelRef{lim.Label, sideOf(lim)}) + "”"
			}
			return &errs.Error{Code: errs.CodeLimit, Field: "targets", Message: fmt.Sprintf(
				"Each %s can be associated with at most %d %s (a limit set in Settings → Associations); %s would have %d.",
				lowerFirst(n.obj.Singular), lim.Max, what, quote(n.ref.Name), after)}
		}
	}
	return nil
}

func sideOf(l Limit) uint8 {
	if l.Inverse {
		return 1
	}
	return 0
}

// limitCount counts the associations of n with records of object num that
// a limit counts.
func limitCount(n node, num uint16, lim Limit) int {
	g := n.group(num)
	if lim.Label == 0 {
		return len(g.edges)
	}
	count := 0
	for _, e := range g.edges {
		if e.has(labelRef{lim.Label, sideOf(lim)}) {
			count++
		}
	}
	return count
}

// publish shows the committed changes to readers.
func (d *draft) publish() {
	d.s.graphMu.Lock()
	for id, n := range d.touched {
		if n.after.owned { // its edges changed (an unchanged node's are the graph's own)
			d.s.graph.set(id, *n.after)
		}
	}
	d.s.graph.compact()
	d.s.graphMu.Unlock()
	for _, fn := range d.then {
		fn()
	}
}

func quote(name string) string {
	if name == "" {
		return "This record"
	}
	return "“" + name + "”"
}

func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	b := []byte(s)
	if b[0] >= 'A' && b[0] <= 'Z' {
		b[0] += 'a' - 'A'
	}
	return string(b)
}
