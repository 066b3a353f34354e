package associations

import (
	"encoding/json"
	"fmt"
	"slices"

	"github.com/google/uuid"

	"fieldbook/backend/changelog"
	"fieldbook/backend/errs"
	"fieldbook/backend/keys"
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
	note   string           // on the association being made (see Link.Note)

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
	linked  map[[2]uuid.UUID]bool // activity associations this draft made: activity, record
}

type draftNode struct {
	ref    records.Ref
	obj    schema.ObjectDef
	act    *activityInfo // see member
	before node          // committed
	after  *node         // being changed
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
	return d.seed(member{id: id, ref: ref, obj: obj}), nil
}

// seed returns the draft of a record a plan has already looked up (or a
// record created in this transaction, which the records index does not
// know yet).
func (d *draft) seed(m member) *draftNode {
	if n := d.touched[m.id]; n != nil {
		return n
	}
	before := d.s.node(m.id)
	after := before
	after.num = m.ref.Num
	n := &draftNode{ref: m.ref, obj: m.obj, act: m.act, before: before, after: &after}
	d.touched[m.id] = n
	d.order = append(d.order, m.id)
	return n
}

// both returns the drafts of two records.
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
	var after json.RawMessage
	if d.note != "" {
		after, _ = json.Marshal(noteJSON{d.note})
	}
	d.event(changelog.AssociationCreated, a, b, nil, after, nil)
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
	d.event(changelog.AssociationRemoved, a, b, before, nil, nil)
	return true, nil
}

// apply makes a link: associates its records, adds its labels and, if
// asked, makes the far end the near one's primary company; false when all
// of it was there already.
func (d *draft) apply(l link) (bool, error) {
	if l.source != "" {
		defer func(was changelog.Source) { d.source = was }(d.source)
		d.source = l.source
	}
	d.note = l.note
	created, err := d.link(l.from.id, l.to.id, d.tx.Time().UnixMilli())
	d.note = ""
	if err != nil {
		return false, err
	}
	changed, err := d.addLabels(l)
	if err != nil || !l.primary {
		return created || changed, err
	}
	added, err := d.markPrimary(l, "primary")
	return created || changed || added, err
}

// addLabels adds a link's labels to its existing association.
func (d *draft) addLabels(l link) (bool, error) {
	changed := false
	for _, lr := range l.labels {
		added, err := d.addLabel(l.from.id, l.to.id, lr)
		if err != nil {
			return false, err
		}
		changed = changed || added
	}
	return changed, nil
}

// markPrimary makes the link's company the primary company of its record;
// companyField names the input that chose it, in an error.
func (d *draft) markPrimary(l link, companyField string) (bool, error) {
	if err := checkPrimary(l, "record", companyField); err != nil {
		return false, err
	}
	return d.addLabel(l.from.id, l.to.id, labelRef{PrimaryLabel, 0})
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
			err = d.tx.Set(keys.Assoc(dir[0], dir[1]), encodeEdge(na.ref.Num, nb.ref.Num, &e))
		} else {
			err = d.tx.Delete(keys.Assoc(dir[0], dir[1]))
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// nameOf is a record's display name.
func (d *draft) nameOf(id uuid.UUID) string {
	ref, _ := d.s.records.Lookup(id)
	return ref.Name
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
