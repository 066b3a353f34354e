package records

import (
	"fmt"
	"maps"
	"slices"

	"github.com/dgraph-io/badger/v4"
	"github.com/google/btree"
	"github.com/google/uuid"

	"fieldbook/backend/changelog"
	"fieldbook/backend/keys"
	"fieldbook/backend/ordered"
	"fieldbook/backend/schema"
)

// Check reports every broken rule about records: each stored record must
// decode, belong to a known object and have a name while live; the
// in-memory index must equal one rebuilt from the stored records (same live
// counts, sort orders, recycle bins and search terms); every history entry
// must name a logged operation. Tests run it after every scenario; an empty
// result means the store is consistent.
func (s *Service) Check() ([]string, error) {
	var problems []string
	report := func(format string, a ...any) { problems = append(problems, fmt.Sprintf(format, a...)) }

	s.mu.Lock() // no write may change the index while it is compared
	defer s.mu.Unlock()
	fresh, err := s.buildIndex()
	if err != nil {
		report("the stored records cannot be indexed: %v", err)
		return problems, nil
	}
	s.idx.rlock()
	defer s.idx.mu.RUnlock()

	for _, obj := range s.schema.Objects() {
		got := s.idx.get(obj.Num)
		var built []string // orders built on demand: rebuild them too
		for _, prop := range append([]string{SortUpdated}, propertyNames(obj.Properties)...) {
			if got.has(prop) {
				built = append(built, prop)
			}
		}
		s.idx.mu.RUnlock()
		err := s.buildOrders(fresh, &obj, built)
		s.idx.rlock()
		if err != nil {
			report("%s: cannot rebuild its orders: %v", obj.ID, err)
			continue
		}
		want := fresh.get(obj.Num)
		if want.live != got.live {
			report("%s: the index counts %d live records, the store has %d", obj.ID, got.live, want.live)
		}
		for prop, tree := range got.sorts {
			if !want.has(prop) {
				continue // a removed property's order, no longer used
			}
			if !sameOrder(want.tree(prop).Ascend, tree.Ascend) {
				report("%s: the order by %q differs from the stored records", obj.ID, prop)
			}
		}
		if !sameOrder(ascendBin(want.bin), ascendBin(got.bin)) {
			report("%s: the recycle bin differs from the stored records", obj.ID)
		}
		live := 0
		s.idx.get(obj.Num).tree(SortCreated).Ascend(func(ordered.Entry) bool { live++; return true })
		if live != got.live {
			report("%s: %d records in creation order but a count of %d", obj.ID, live, got.live)
		}
	}
	if !sameOrder(fresh.terms.Ascend, s.idx.terms.Ascend) {
		report("the search terms differ from the stored records")
	}
	if !maps.Equal(fresh.dir, s.idx.dir) {
		report("the directory of record IDs differs from the stored records (%d entries, %d records)", len(s.idx.dir), len(fresh.dir))
	}

	err = s.log.Store().View(func(txn *badger.Txn) error {
		it := txn.NewIterator(badger.IteratorOptions{Prefix: []byte{keys.PrefixRecordOp}})
		defer it.Close()
		for it.Rewind(); it.Valid(); it.Next() {
			rec, op, err := keys.ParseRecordOp(it.Item().Key())
			if err != nil {
				report("%v", err)
				continue
			}
			if _, err := txn.Get(keys.Op(op)); err != nil {
				report("history of record %s names operation %s, which is missing", rec, op)
			}
		}
		if err := s.checkUnindexed(txn, report); err != nil {
			return err
		}
		return s.checkCreatedOps(txn, report)
	})
	return problems, err
}

// checkUnindexed: records kept out of the index are stored apart, each in
// its object's stored bin list exactly while it is deleted, and records
// stored with the indexed ones are of indexed objects.
func (s *Service) checkUnindexed(txn *badger.Txn, report func(string, ...any)) error {
	binned := map[uuid.UUID]int64{}
	it := txn.NewIterator(badger.IteratorOptions{Prefix: []byte{keys.PrefixActivityBin}})
	for it.Rewind(); it.Valid(); it.Next() {
		_, at, id, err := keys.ParseActivityBin(it.Item().Key())
		if err != nil {
			report("%v", err)
			continue
		}
		binned[id] = at
	}
	it.Close()
	it = txn.NewIterator(badger.IteratorOptions{Prefix: []byte{keys.PrefixActivity}, PrefetchValues: true})
	defer it.Close()
	for it.Rewind(); it.Valid(); it.Next() {
		id, err := keys.ParseActivity(it.Item().Key())
		if err != nil {
			report("%v", err)
			continue
		}
		var r *stored
		if err := it.Item().Value(func(v []byte) (err error) { r, err = decodeRecord(v); return err }); err != nil {
			report("record %s cannot be read: %v", id, err)
			continue
		}
		obj, err := s.schema.Object(r.Object)
		switch {
		case err != nil:
			report("record %s belongs to unknown object %q", id, r.Object)
		case obj.Indexed():
			report("record %s of %s is stored apart from the indexed records", id, obj.ID)
		case r.DeletedAt == 0 && obj.RequireName(r.Props) != nil:
			report("record %s of %s has no name", id, obj.ID)
		}
		if at, ok := binned[id]; ok != (r.DeletedAt != 0) || at != r.DeletedAt {
			report("record %s (deleted at %d) is listed in its recycle bin at %d", id, r.DeletedAt, at)
		}
		delete(binned, id)
	}
	for id := range binned {
		report("the recycle bin lists record %s, which is not stored apart", id)
	}
	return eachStored(txn, func(id uuid.UUID, r *stored) error {
		if obj, err := s.schema.Object(r.Object); err == nil && !obj.Indexed() {
			report("record %s of %s is stored with the indexed records", id, obj.ID)
		}
		return nil
	})
}

// checkCreatedOps: the operation each record names as its creation is
// logged and created that record.
func (s *Service) checkCreatedOps(txn *badger.Txn, report func(string, ...any)) error {
	// A bulk operation creates thousands of records: read each one once.
	created := map[uuid.UUID]map[string]bool{}
	return eachStored(txn, func(id uuid.UUID, r *stored) error {
		if r.CreatedOp == uuid.Nil {
			return nil // stored before records named their creation
		}
		made, ok := created[r.CreatedOp]
		if !ok {
			op, err := changelog.ReadOp(txn, r.CreatedOp)
			if err != nil {
				report("record %s names operation %s as its creation: %v", id, r.CreatedOp, err)
				return nil
			}
			made = map[string]bool{}
			for _, c := range op.Changes {
				if c.Kind == changelog.RecordCreated {
					made[c.Record] = true
				}
			}
			created[r.CreatedOp] = made
		}
		if !made[id.String()] {
			report("record %s names operation %s as its creation, which did not create it", id, r.CreatedOp)
		}
		return nil
	})
}

// sameOrder reports whether two orders visit the same items.
func sameOrder[T comparable](a, b func(visit func(T) bool)) bool {
	items := func(ascend func(func(T) bool)) (out []T) {
		ascend(func(t T) bool { out = append(out, t); return true })
		return out
	}
	return slices.Equal(items(a), items(b))
}

// ascendBin adapts a recycle bin's Ascend to sameOrder.
func ascendBin(bin *btree.BTreeG[binItem]) func(func(binItem) bool) {
	return func(visit func(binItem) bool) { bin.Ascend(visit) }
}

func propertyNames(ps []schema.Property) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.Name
	}
	return out
}
