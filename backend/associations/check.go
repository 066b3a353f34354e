package associations

import (
	"fmt"
	"slices"

	"github.com/dgraph-io/badger/v4"
	"github.com/google/uuid"

	"fieldbook/backend/changelog"
	"fieldbook/backend/keys"
	"fieldbook/backend/schema"
)

// Check scans the whole store and reports every broken association rule:
// a direction without its mirror (or with other labels or another time), an
// association with a missing or deleted record, an undefined pair or label,
// a label a record may carry once carried twice, a contact with companies
// but not exactly one primary, a graph that differs from the store, a
// tombstone or history entry that does not match the log. Tests run it
// after every scenario; an empty result means the store is consistent.
func (s *Service) Check() ([]string, error) {
	var problems []string
	report := func(format string, a ...any) { problems = append(problems, fmt.Sprintf(format, a...)) }

	s.mu.Lock() // no write may change the graph while it is compared
	defer s.mu.Unlock()
	stored, err := s.buildGraph()
	if err != nil {
		report("the stored associations cannot be read: %v", err)
		return problems, nil
	}
	companies, _ := s.schema.Object(schema.Companies)
	for id, n := range stored.all() {
		ref, ok := s.records.Lookup(id)
		switch {
		case !ok:
			report("%s is associated but is not a record", id)
			continue
		case ref.Deleted:
			report("%s is in the recycle bin but still has %d associations", id, n.size())
		}
		obj, _ := s.schema.ByNum(ref.Num)
		for g := range n.groups() {
			other, ok := s.schema.ByNum(g.num)
			if !ok {
				report("%s is associated with records of unknown object number %d", id, g.num)
				continue
			}
			p := s.pair(obj, other)
			if !p.Defined {
				report("%s has associations with %s, a pair that is not defined", id, other.ID)
			}
			held := map[labelRef]int{}
			for _, e := range g.edges {
				oref, ok := s.records.Lookup(e.other)
				if !ok || oref.Deleted || oref.Num != g.num {
					report("%s → %s: the other record is missing, deleted or of another object", id, e.other)
				}
				back, ok := stored.get(e.other).edge(ref.Num, id)
				if !ok {
					report("%s → %s has no reverse direction", id, e.other)
				} else if back.created != e.created || !sameLabels(flipped(back.labels()), e.labels()) {
					report("%s ↔ %s: the two directions disagree (labels or time)", id, e.other)
				}
				for _, l := range e.labels() {
					def, ok := p.label(l.id)
					if !ok {
						report("%s → %s carries label %d, which %s–%s do not have", id, e.other, l.id, p.A, p.B)
						continue
					}
					if def.Kind == Primary && l.side == 0 {
						held[l]++
					}
				}
			}
			for l, count := range held {
				if count > 1 {
					report("%s carries the one-per-record label %d on %d %s", id, l.id, count, other.ID)
				}
			}
			if obj.ID == schema.Contacts && g.num == companies.Num && held[labelRef{PrimaryLabel, 0}] != 1 {
				report("contact %s has %d companies and %d primary companies", id, len(g.edges), held[labelRef{PrimaryLabel, 0}])
			}
		}
	}
	s.graphMu.RLock()
	if !sameGraph(stored, s.graph) {
		report("the associations in memory differ from the stored ones")
	}
	s.graphMu.RUnlock()

	err = s.log.Store().View(func(txn *badger.Txn) error {
		if err := s.checkTombstones(txn, report); err != nil {
			return err
		}
		if err := s.checkActivities(txn, report); err != nil {
			return err
		}
		return s.checkHistory(txn, report)
	})
	return problems, err
}

// checkTombstones: each has its mirror, and names records that exist.
func (s *Service) checkTombstones(txn *badger.Txn, report func(string, ...any)) error {
	it := txn.NewIterator(badger.IteratorOptions{Prefix: []byte{keys.PrefixAssocGone}})
	defer it.Close()
	for it.Rewind(); it.Valid(); it.Next() {
		a, b, err := keys.ParseTombstone(it.Item().Key())
		if err != nil {
			report("%v", err)
			continue
		}
		if _, err := txn.Get(keys.Tombstone(b, a)); err != nil {
			report("the tombstone of %s → %s has no mirror", a, b)
		}
		ra, okA := s.records.Lookup(a)
		rb, okB := s.records.Lookup(b)
		if !okA || !okB {
			report("the tombstone of %s → %s names an erased record", a, b)
		} else if !ra.Deleted && !rb.Deleted {
			report("the tombstone of %s → %s remains while both records are live", a, b)
		}
	}
	return nil
}

// checkHistory: every history entry matches a change of its operation.
func (s *Service) checkHistory(txn *badger.Txn, report func(string, ...any)) error {
	ops := map[uuid.UUID]changelog.Op{}
	op := func(id uuid.UUID) (changelog.Op, bool) {
		if o, ok := ops[id]; ok {
			return o, true
		}
		o, err := changelog.ReadOp(txn, id)
		if err != nil {
			return o, false
		}
		ops[id] = o
		return o, true
	}
	it := txn.NewIterator(badger.IteratorOptions{Prefix: []byte{keys.PrefixAssocOp}})
	defer it.Close()
	for it.Rewind(); it.Valid(); it.Next() {
		k := it.Item().Key()
		rec, num, opID, err := keys.ParseAssocHistory(k)
		if err != nil {
			report("%v", err)
			continue
		}
		var en entry
		if err := it.Item().Value(func(v []byte) (err error) { en, err = (&entryReader{}).decode(v); return err }); err != nil {
			report("history entry %x: %v", k, err)
			continue
		}
		o, ok := op(opID)
		if !ok {
			report("history entry of %s names operation %s, which is missing", rec, opID)
			continue
		}
		if en.at != o.Time.UnixNano() || en.actor != o.Actor {
			report("history entry of %s in operation %s has another time or actor than the log", rec, opID)
		}
		for _, ev := range en.events {
			if int(ev.seq) >= len(o.Changes) {
				report("history entry of %s names change %d of operation %s, which has %d", rec, ev.seq, opID, len(o.Changes))
				continue
			}
			c := o.Changes[ev.seq]
			pair := []string{c.Record, c.Other}
			other, _ := s.schema.Object(c.OtherObject)
			if c.Record == ev.other.String() {
				other, _ = s.schema.Object(c.Object)
			}
			if ev.change.kind() != c.Kind || !slices.Contains(pair, rec.String()) || !slices.Contains(pair, ev.other.String()) ||
				string(o.SourceOf(&c)) != string(ev.source) || other.Num != num ||
				c.Kind == changelog.AssociationCreated && noteOf(c.After) != ev.note {
				report("history entry of %s in operation %s differs from the log", rec, opID)
			}
		}
	}
	return nil
}

func sameLabels(a, b []labelRef) bool {
	if len(a) != len(b) {
		return false
	}
	for _, l := range a {
		if !slices.Contains(b, l) {
			return false
		}
	}
	return true
}

func sameGraph(a, b *graph) bool {
	if a.len() != b.len() {
		return false
	}
	for id, na := range a.all() {
		nb := b.get(id)
		if na.num != nb.num || na.size() != nb.size() {
			return false
		}
		for ga := range na.groups() {
			gb := nb.group(ga.num)
			if len(ga.edges) != len(gb.edges) {
				return false
			}
			for _, e := range ga.edges {
				i := gb.find(e.other)
				if i < 0 || gb.edges[i].created != e.created || !sameLabels(gb.edges[i].labels(), e.labels()) {
					return false
				}
			}
		}
	}
	return true
}
