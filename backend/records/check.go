package records

import (
	"fmt"

	"github.com/dgraph-io/badger/v4"
	"github.com/google/uuid"

	"fieldbook/backend/keys"
)

// Check scans the whole store and reports every broken rule about records:
// a live record must have exactly its index entries; a deleted one only its
// recycle-bin entry; no index entry may point at a missing record or at one
// in the other state; each object's count must equal its live records; every
// history entry must name a logged operation. Tests run it after every
// scenario; an empty result means the store is consistent.
func (s *Service) Check() ([]string, error) {
	var problems []string
	report := func(format string, a ...any) { problems = append(problems, fmt.Sprintf(format, a...)) }

	err := s.log.Store().View(func(txn *badger.Txn) error {
		expected := map[string]bool{} // every index key the records say should exist
		live := map[uint16]uint64{}

		it := txn.NewIterator(badger.IteratorOptions{Prefix: []byte{keys.PrefixRecord}, PrefetchValues: true})
		for it.Rewind(); it.Valid(); it.Next() {
			id := keys.TrailingID(it.Item().Key())
			var r *stored
			if err := it.Item().Value(func(v []byte) (err error) { r, err = decodeRecord(v); return err }); err != nil {
				report("record %s: unreadable: %v", id, err)
				continue
			}
			obj, err := s.schema.Object(r.Object)
			if err != nil {
				report("record %s: belongs to unknown object %q", id, r.Object)
				continue
			}
			if r.DeletedAt != 0 {
				expected[string(keys.Bin(obj.Num, r.DeletedAt, id))] = true
				continue
			}
			live[obj.Num]++
			if obj.DisplayName(r.Props) == "" {
				report("record %s: has no name", id)
			}
			for _, k := range liveKeys(&obj, id, r) {
				expected[string(k)] = true
			}
		}
		it.Close()

		for _, prefix := range []byte{keys.PrefixObjectRecord, keys.PrefixSort, keys.PrefixSearch, keys.PrefixBin} {
			it := txn.NewIterator(badger.IteratorOptions{Prefix: []byte{prefix}})
			for it.Rewind(); it.Valid(); it.Next() {
				k := string(it.Item().KeyCopy(nil))
				if expected[k] {
					delete(expected, k)
					continue
				}
				if prefix == keys.PrefixSort && s.isRemovedProperty([]byte(k)) {
					continue // dropped lazily after a property is removed
				}
				report("index entry %x (prefix %#x) has no matching record %s", k, prefix, keys.TrailingID([]byte(k)))
			}
			it.Close()
		}
		for k := range expected {
			report("record %s is missing its index entry %x", keys.TrailingID([]byte(k)), k)
		}

		for _, obj := range s.schema.Objects() {
			n, err := readCount(txn, obj.Num)
			if err != nil {
				return err
			}
			if n != live[obj.Num] {
				report("%s: count says %d live records, found %d", obj.ID, n, live[obj.Num])
			}
		}

		it = txn.NewIterator(badger.IteratorOptions{Prefix: []byte{keys.PrefixRecordOp}})
		defer it.Close()
		for it.Rewind(); it.Valid(); it.Next() {
			op := keys.RecordOpID(it.Item().Key())
			if _, err := txn.Get(keys.Op(op)); err != nil {
				report("history of record %s names operation %s, which is missing", uuid.UUID(it.Item().Key()[1:17]), op)
			}
		}
		return nil
	})
	return problems, err
}

// isRemovedProperty reports whether a sort key belongs to a property its
// object no longer has.
func (s *Service) isRemovedProperty(k []byte) bool {
	obj, ok := s.schema.ByNum(uint16(k[1])<<8 | uint16(k[2]))
	if !ok {
		return false
	}
	end := 3
	for end < len(k) && k[end] != 0 {
		end++
	}
	name := string(k[3:end])
	_, exists := obj.Property(name)
	return !exists && name != SortName && name != SortCreated && name != SortUpdated
}

