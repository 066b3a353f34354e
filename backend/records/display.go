package records

import (
	"bytes"
	"fmt"
	"slices"
	"strings"

	"github.com/dgraph-io/badger/v4"
	"github.com/google/uuid"

	"fieldbook/backend/errs"
	"fieldbook/backend/ordered"
	"fieldbook/backend/schema"
)

// guardDisplayChange lets the schema change which property names an
// object's records only when every one of them, live or in the recycle bin,
// has a value for it; then it renames them in the index (names, the name
// order, search terms). It holds the write lock throughout, so no record
// changes between the check and the renaming.
func (s *Service) guardDisplayChange(before, after schema.ObjectDef, commit func() error) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.idx.rlock()
	var ids []uuid.UUID
	o := s.idx.get(before.Num)
	o.tree(SortCreated).Ascend(func(it ordered.Entry) bool { ids = append(ids, it.ID); return true })
	o.bin.Ascend(func(it binItem) bool { ids = append(ids, it.id); return true })
	s.idx.mu.RUnlock()

	slices.SortFunc(ids, func(a, b uuid.UUID) int { return bytes.Compare(a[:], b[:]) }) // key order: one walk
	changes := make([]change, 0, len(ids))
	unnamed := 0
	err := s.log.Store().View(func(txn *badger.Txn) error {
		return walkRecords(txn, ids, func(i int, r *stored) {
			was, is := factsOf(&before, r), factsOf(&after, r)
			if is.display == "" {
				unnamed++
			}
			changes = append(changes, change{id: ids[i], before: &was, after: &is})
		})
	})
	if err != nil {
		return err
	}
	if unnamed > 0 {
		p, _ := after.Property(after.DisplayProperty)
		noun, verb := strings.ToLower(after.Plural), "have"
		if unnamed == 1 {
			noun, verb = strings.ToLower(after.Singular), "has"
		}
		return errs.Invalid("property", fmt.Sprintf(
			"%d %s (counting the recycle bin) %s no %s, and a record needs a name. Fill it in first, or choose another property.",
			unnamed, noun, verb, p.Label))
	}
	if err := commit(); err != nil {
		return err
	}
	s.cache.forget(changes)
	s.idx.enqueue(changes)
	return nil
}
