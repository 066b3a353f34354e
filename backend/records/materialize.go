package records

import (
	"github.com/dgraph-io/badger/v4"
	"github.com/google/btree"
	"github.com/google/uuid"

	"fieldbook/backend/schema"
)

// ensureSorted builds the orders by props of an object that do not exist
// yet (see alwaysSorted), from the stored records. It holds the write lock
// meanwhile, so no write can slip between reading and installing them.
func (s *Service) ensureSorted(obj *schema.ObjectDef, props ...string) error {
	if len(s.missingOrders(obj.Num, props)) == 0 {
		return nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.buildOrders(s.idx, obj, s.missingOrders(obj.Num, props))
}

func (s *Service) missingOrders(num uint16, props []string) []string {
	s.idx.rlock()
	defer s.idx.mu.RUnlock()
	o := s.idx.get(num)
	var missing []string
	for _, p := range props {
		if !o.has(p) {
			missing = append(missing, p)
		}
	}
	return missing
}

// buildOrders reads the live records of obj listed in idx and adds to idx a
// sort tree for each of props. The caller holds s.mu.
func (s *Service) buildOrders(idx *index, obj *schema.ObjectDef, props []string) error {
	if len(props) == 0 {
		return nil
	}
	var ids []uuid.UUID
	idx.rlock()
	idx.get(obj.Num).tree(SortCreated).Ascend(func(it sortItem) bool { ids = append(ids, it.id); return true })
	idx.mu.RUnlock()

	trees := make(map[string]*btree.BTreeG[sortItem], len(props))
	for _, p := range props {
		trees[p] = btree.NewG(btreeDegree, sortLess)
	}
	err := s.log.Store().View(func(txn *badger.Txn) error {
		for _, id := range ids {
			r, err := getRecord(txn, id)
			if err != nil {
				return err
			}
			f := factsOf(obj, r)
			for p, tree := range trees {
				if v := f.sortValue(p); v != "" {
					tree.ReplaceOrInsert(newSortItem(v, id))
				}
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	idx.mu.Lock()
	defer idx.mu.Unlock()
	o := idx.object(obj.Num)
	for p, tree := range trees {
		o.sorts[p] = tree
	}
	return nil
}
