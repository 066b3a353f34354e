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
// transaction: all of them move or none. It returns how many moved (a
// record already in the bin stays and is not counted).
func (s *Service) Delete(meta changelog.Meta, ids []string) (int, error) {
	return s.eachRecord(meta, ids, func(tx *changelog.Tx, p *pending) (func(), error) {
		return s.links.Deleted(tx, p.changedIDs(), func(ids []uuid.UUID) error { return s.apply(tx, p, ids, toBin) })
	}, toBin)
}

// Restore brings records back from the recycle bin; a record that is not
// in it is left as it is and not counted.
func (s *Service) Restore(meta changelog.Meta, ids []string) (int, error) {
	return s.eachRecord(meta, ids, func(tx *changelog.Tx, p *pending) (func(), error) {
		return s.links.Restored(tx, p.changedIDs(), func(ids []uuid.UUID) error { return s.apply(tx, p, ids, fromBin) })
	}, fromBin)
}

// recordChange changes one stored record inside a transaction.
type recordChange func(tx *changelog.Tx, p *pending, obj *schema.ObjectDef, id uuid.UUID, r *stored) error

// toBin moves a live record to the recycle bin.
func toBin(tx *changelog.Tx, p *pending, obj *schema.ObjectDef, id uuid.UUID, r *stored) error {
	if r.DeletedAt != 0 {
		return nil // already in the bin
	}
	return setDeleted(tx, p, obj, id, r, tx.Time().UnixMilli(), changelog.RecordDeleted)
}

// fromBin brings a record back from the recycle bin.
func fromBin(tx *changelog.Tx, p *pending, obj *schema.ObjectDef, id uuid.UUID, r *stored) error {
	if r.DeletedAt == 0 {
		return nil // not deleted
	}
	return setDeleted(tx, p, obj, id, r, 0, changelog.RecordRestored)
}

// setDeleted moves a record into the recycle bin (at ≠ 0) or out of it.
func setDeleted(tx *changelog.Tx, p *pending, obj *schema.ObjectDef, id uuid.UUID, r *stored, at int64, kind changelog.Kind) error {
	before := factsOf(obj, r)
	r.DeletedAt = at
	after := factsOf(obj, r)
	p.track(id, &before, &after)
	tx.Record(changelog.Change{Kind: kind, Object: obj.ID, Record: id.String()})
	if err := binUnindexed(tx, obj, id, before.deletedAt, after.deletedAt); err != nil {
		return err
	}
	return putRecord(tx.Txn, obj, id, r)
}

// binUnindexed moves a record the index does not hold out of its bin list
// (was ≠ 0) and into it (now ≠ 0): that list is stored, not in memory.
func binUnindexed(tx *changelog.Tx, obj *schema.ObjectDef, id uuid.UUID, was, now int64) error {
	if obj.Indexed() {
		return nil
	}
	if was != 0 {
		if err := tx.Delete(keys.ActivityBin(obj.Num, was, id)); err != nil {
			return err
		}
	}
	if now != 0 {
		return tx.Set(keys.ActivityBin(obj.Num, now, id), nil)
	}
	return nil
}

// DeletePermanently erases records that are in the recycle bin. Their
// history stays in the log, which is append-only.
func (s *Service) DeletePermanently(meta changelog.Meta, ids []string) (int, error) {
	return s.eachRecord(meta, ids, func(tx *changelog.Tx, p *pending) (func(), error) {
		return s.links.Purged(tx, p.changedIDs())
	}, func(tx *changelog.Tx, p *pending, obj *schema.ObjectDef, id uuid.UUID, r *stored) error {
		if r.DeletedAt == 0 {
			return errs.Invalid("id", fmt.Sprintf("%s is not in the recycle bin. Delete it first.", obj.DisplayName(r.Props)))
		}
		before := factsOf(obj, r)
		p.track(id, &before, nil)
		props, _ := json.Marshal(r.Props)
		tx.Record(changelog.Change{Kind: changelog.RecordPurged, Object: obj.ID, Record: id.String(), Before: props})
		if err := binUnindexed(tx, obj, id, r.DeletedAt, 0); err != nil {
			return err
		}
		return eraseRecord(tx, obj, id, r)
	})
}

// eachRecord applies fn to each named record in one transaction, then link
// to those it changed, and returns how many it changed.
func (s *Service) eachRecord(meta changelog.Meta, idTexts []string, link func(*changelog.Tx, *pending) (func(), error), fn recordChange) (int, error) {
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
	changed := 0
	follow := link
	if link != nil {
		follow = func(tx *changelog.Tx, p *pending) (func(), error) {
			if len(p.changes) == 0 { // nothing went to or came from a bin
				return nil, nil
			}
			return link(tx, p)
		}
	}
	err := s.writeLinked(meta, func(tx *changelog.Tx, p *pending) error {
		if err := s.apply(tx, p, ids, fn); err != nil {
			return err
		}
		changed = len(p.changes)
		return nil
	}, follow)
	if err != nil {
		return 0, err
	}
	return changed, nil
}

// apply runs fn on each stored record of ids (the records links carry along
// go through it too).
func (s *Service) apply(tx *changelog.Tx, p *pending, ids []uuid.UUID, fn recordChange) error {
	for _, id := range ids {
		r, err := getRecord(tx.Txn, id)
		if err != nil {
			return err
		}
		obj, err := s.schema.Object(r.Object)
		if err != nil {
			return err
		}
		if err := fn(tx, p, &obj, id, r); err != nil {
			return err
		}
	}
	return nil
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
	if !obj.Indexed() {
		ids, err := s.storedBin(obj.Num, limit, true, 0)
		if err != nil {
			return nil, err
		}
		return s.load(&obj, ids)
	}
	var ids []uuid.UUID
	s.idx.rlock()
	s.idx.get(obj.Num).bin.Descend(func(b binItem) bool {
		ids = append(ids, b.id)
		return len(ids) < limit
	})
	s.idx.mu.RUnlock()
	return s.load(&obj, ids)
}

// storedBin lists up to limit records of an unindexed object's recycle bin,
// newest deletion first, or oldest first those deleted before cutoff.
func (s *Service) storedBin(num uint16, limit int, newest bool, cutoff int64) ([]uuid.UUID, error) {
	var ids []uuid.UUID
	prefix := keys.ActivityBinPrefix(num)
	err := s.log.Store().View(func(txn *badger.Txn) error {
		it := txn.NewIterator(badger.IteratorOptions{Prefix: prefix, Reverse: newest})
		defer it.Close()
		if newest {
			it.Seek(keys.PrefixEnd(prefix))
		} else {
			it.Rewind()
		}
		for ; it.Valid() && len(ids) < limit; it.Next() {
			_, at, id, err := keys.ParseActivityBin(it.Item().Key())
			if err != nil {
				return err
			}
			if !newest && at >= cutoff {
				break
			}
			ids = append(ids, id)
		}
		return nil
	})
	return ids, err
}

// expired lists up to maxBatch records of obj deleted at or before cutoff.
func (s *Service) expired(obj *schema.ObjectDef, cutoff int64) ([]string, error) {
	var expired []string
	if !obj.Indexed() {
		ids, err := s.storedBin(obj.Num, maxBatch, false, cutoff+1)
		for _, id := range ids {
			expired = append(expired, id.String())
		}
		return expired, err
	}
	s.idx.rlock()
	defer s.idx.mu.RUnlock()
	s.idx.get(obj.Num).bin.AscendLessThan(binItem{at: cutoff + 1}, func(b binItem) bool {
		expired = append(expired, b.id.String())
		return len(expired) < maxBatch
	})
	return expired, nil
}

// load reads records by ID for display, skipping any that vanished since
// the index was read.
func (s *Service) load(obj *schema.ObjectDef, ids []uuid.UUID) ([]RecordView, error) {
	found, err := s.readMany(ids)
	out := make([]RecordView, 0, len(ids))
	for i, r := range found {
		if r != nil {
			out = append(out, present(obj, ids[i], r))
		}
	}
	return out, err
}

// GetMany returns records by ID, from the cache where it can (a timeline
// page shows fifty activities, read again as the user comes back to it);
// one deleted permanently meanwhile is left out.
func (s *Service) GetMany(ids []uuid.UUID) ([]RecordView, error) {
	found, err := s.readMany(ids)
	if err != nil {
		return nil, err
	}
	out := make([]RecordView, 0, len(ids))
	for i, r := range found {
		if r == nil {
			continue
		}
		obj, err := s.schema.Object(r.Object)
		if err != nil {
			return nil, err
		}
		out = append(out, present(&obj, ids[i], r))
	}
	return out, nil
}

// readMany reads records by ID, from the cache where it can; a record
// deleted permanently since its ID was found is nil.
func (s *Service) readMany(ids []uuid.UUID) ([]*stored, error) {
	found := make([]*stored, len(ids))
	var missing []int
	var gen uint64
	for i, id := range ids {
		found[i], gen = s.cache.get(id)
		if found[i] == nil {
			missing = append(missing, i)
		}
	}
	if len(missing) == 0 {
		return found, nil
	}
	err := s.log.Store().View(func(txn *badger.Txn) error {
		for _, i := range missing {
			r, err := getRecord(txn, ids[i])
			if errs.HasCode(err, errs.CodeNotFound) {
				continue
			}
			if err != nil {
				return err
			}
			found[i] = r
			s.cache.put(ids[i], r, gen)
		}
		return nil
	})
	return found, err
}

// PurgeExpired permanently deletes records that have been in a recycle bin
// for longer than BinRetention, as the internal job does at start-up.
func (s *Service) PurgeExpired(now time.Time) (int, error) {
	cutoff := now.Add(-BinRetention).UnixMilli()
	total := 0
	for _, obj := range s.schema.Objects() {
		for {
			expired, err := s.expired(&obj, cutoff)
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
