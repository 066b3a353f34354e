package records

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/dgraph-io/badger/v4"
	"github.com/google/uuid"

	"fieldbook/backend/changelog"
	"fieldbook/backend/errs"
	"fieldbook/backend/keys"
	"fieldbook/backend/schema"
)

// BinRetention is how long a deleted record can be restored.
const BinRetention = 90 * 24 * time.Hour

// maxBatch bounds how many records one call changes in one transaction.
const maxBatch = 500

// Delete moves live records to their object's recycle bin, in one
// transaction: all of them move or none.
func (s *Service) Delete(meta changelog.Meta, ids []string) (int, error) {
	return s.eachRecord(meta, ids, func(tx *changelog.Tx, obj *schema.ObjectDef, id uuid.UUID, r *stored) error {
		if r.DeletedAt != 0 {
			return nil // already in the bin
		}
		if err := removeKeys(tx.Txn, liveKeys(obj, id, r)); err != nil {
			return err
		}
		if err := addCount(tx.Txn, obj.Num, -1); err != nil {
			return err
		}
		r.DeletedAt = tx.Time().UnixMilli()
		tx.Record(changelog.Change{Kind: "record.deleted", Object: obj.ID, Record: id.String()})
		if err := tx.Set(keys.Bin(obj.Num, r.DeletedAt, id), nil); err != nil {
			return err
		}
		return putRecord(tx.Txn, id, r)
	})
}

// Restore brings records back from the recycle bin.
func (s *Service) Restore(meta changelog.Meta, ids []string) (int, error) {
	return s.eachRecord(meta, ids, func(tx *changelog.Tx, obj *schema.ObjectDef, id uuid.UUID, r *stored) error {
		if r.DeletedAt == 0 {
			return nil // not deleted
		}
		if err := tx.Delete(keys.Bin(obj.Num, r.DeletedAt, id)); err != nil {
			return err
		}
		r.DeletedAt = 0
		for _, k := range liveKeys(obj, id, r) {
			if err := tx.Set(k, nil); err != nil {
				return err
			}
		}
		if err := addCount(tx.Txn, obj.Num, 1); err != nil {
			return err
		}
		tx.Record(changelog.Change{Kind: "record.restored", Object: obj.ID, Record: id.String()})
		return putRecord(tx.Txn, id, r)
	})
}

// DeletePermanently erases records that are in the recycle bin. Their
// history stays in the log, which is append-only.
func (s *Service) DeletePermanently(meta changelog.Meta, ids []string) (int, error) {
	return s.eachRecord(meta, ids, func(tx *changelog.Tx, obj *schema.ObjectDef, id uuid.UUID, r *stored) error {
		if r.DeletedAt == 0 {
			return errs.Invalid("id", fmt.Sprintf("%s is not in the recycle bin. Delete it first.", obj.DisplayName(r.Props)))
		}
		before, _ := json.Marshal(r.Props)
		tx.Record(changelog.Change{Kind: "record.purged", Object: obj.ID, Record: id.String(), Before: before})
		if err := tx.Delete(keys.Bin(obj.Num, r.DeletedAt, id)); err != nil {
			return err
		}
		return tx.Delete(keys.Record(id))
	})
}

// eachRecord applies fn to each named record in one transaction and returns
// how many there were.
func (s *Service) eachRecord(meta changelog.Meta, idTexts []string, fn func(*changelog.Tx, *schema.ObjectDef, uuid.UUID, *stored) error) (int, error) {
	if len(idTexts) > maxBatch {
		return 0, errs.Invalid("ids", fmt.Sprintf("Choose at most %d records at a time.", maxBatch))
	}
	ids := make([]uuid.UUID, 0, len(idTexts))
	seen := map[uuid.UUID]bool{}
	for _, t := range idTexts {
		id, err := ParseID(t)
		if err != nil {
			return 0, err
		}
		if !seen[id] {
			seen[id] = true
			ids = append(ids, id)
		}
	}
	_, err := s.log.Write(meta, func(tx *changelog.Tx) error {
		for _, id := range ids {
			r, err := getRecord(tx.Txn, id)
			if err != nil {
				return err
			}
			obj, err := s.schema.Object(r.Object)
			if err != nil {
				return err
			}
			if err := fn(tx, &obj, id, r); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	return len(ids), nil
}

// Bin lists an object's recycle bin, most recently deleted first.
func (s *Service) Bin(objectID string, limit int) ([]RecordView, error) {
	obj, err := s.schema.Object(objectID)
	if err != nil {
		return nil, err
	}
	if limit <= 0 || limit > MaxPage {
		limit = MaxPage
	}
	out := []RecordView{}
	err = s.log.Store().View(func(txn *badger.Txn) error {
		prefix := keys.BinPrefix(obj.Num)
		it := txn.NewIterator(badger.IteratorOptions{Prefix: prefix, Reverse: true})
		defer it.Close()
		for it.Seek(keys.PrefixEnd(prefix)); it.ValidForPrefix(prefix) && len(out) < limit; it.Next() {
			id := keys.TrailingID(it.Item().Key())
			r, err := getRecord(txn, id)
			if err != nil {
				return err
			}
			out = append(out, present(&obj, id, r))
		}
		return nil
	})
	return out, err
}

// PurgeExpired permanently deletes records that have been in a recycle bin
// for longer than BinRetention, as the internal job does at start-up.
func (s *Service) PurgeExpired(now time.Time) (int, error) {
	cutoff := now.Add(-BinRetention).UnixMilli()
	total := 0
	for _, obj := range s.schema.Objects() {
		for {
			var expired []string
			err := s.log.Store().View(func(txn *badger.Txn) error {
				prefix := keys.BinPrefix(obj.Num)
				it := txn.NewIterator(badger.IteratorOptions{Prefix: prefix})
				defer it.Close()
				for it.Rewind(); it.Valid() && len(expired) < maxBatch; it.Next() {
					if keys.BinDeletedAt(it.Item().Key()) > cutoff {
						break
					}
					expired = append(expired, keys.TrailingID(it.Item().Key()).String())
				}
				return nil
			})
			if err != nil {
				return total, err
			}
			if len(expired) == 0 {
				break
			}
			n, err := s.DeletePermanently(changelog.Meta{Source: changelog.SourceJob}, expired)
			total += n
			if err != nil {
				return total, err
			}
		}
	}
	return total, nil
}

func removeKeys(txn *badger.Txn, ks indexKeys) error {
	for _, k := range ks {
		if err := txn.Delete(k); err != nil {
			return err
		}
	}
	return nil
}
