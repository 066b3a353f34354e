package associations

import (
	"github.com/dgraph-io/badger/v4"
	"github.com/google/uuid"

	"fieldbook/backend/changelog"
	"fieldbook/backend/keys"
	"fieldbook/backend/records"
)

// The records.Links side of the engine: records going to the recycle bin,
// coming back, erased or merged take their associations with them in the
// same transaction. A deletion keeps each removed association as a
// tombstone under both records (assocgone/A/B and assocgone/B/A), so that
// restoring either brings it back once the other is live too.

// Deleted removes the associations of records moving to the recycle bin.
func (s *Service) Deleted(tx *changelog.Tx, ids []uuid.UUID, carry records.Carry) (func(), error) {
	d := s.newDraft(tx, changelog.SourceObjectDeletion)
	d.auto = true
	if err := d.activitiesDeleted(ids, carry); err != nil {
		return nil, err
	}
	for _, id := range ids {
		if m, ok, err := d.member(id); err != nil {
			return nil, err
		} else if ok && m.act != nil {
			continue // an activity: not in the graph
		}
		n, err := d.rec(id)
		if err != nil {
			return nil, err
		}
		for g := range n.after.snapshot().groups() {
			for _, e := range g.edges {
				if err := bury(tx, id, n.ref.Num, g.num, e); err != nil {
					return nil, err
				}
				if _, err := d.unlink(id, e.other); err != nil {
					return nil, err
				}
			}
		}
	}
	if err := d.finish(); err != nil {
		return nil, err
	}
	return d.publish, nil
}

// bury keeps a removed association for a later restore, from both sides.
func bury(tx *changelog.Tx, id uuid.UUID, own, other uint16, e edge) error {
	if err := tx.Set(keys.Tombstone(id, e.other), encodeEdge(own, other, &e)); err != nil {
		return err
	}
	back := edge{other: id, created: e.created}
	back.setLabels(flipped(e.labels()))
	return tx.Set(keys.Tombstone(e.other, id), encodeEdge(other, own, &back))
}

// unbury forgets a tombstone from both sides.
func unbury(tx *changelog.Tx, a, b uuid.UUID) error {
	if err := tx.Delete(keys.Tombstone(a, b)); err != nil {
		return err
	}
	return tx.Delete(keys.Tombstone(b, a))
}

// tombstones reads a record's tombstones.
func tombstones(txn *badger.Txn, id uuid.UUID) ([]edge, error) {
	it := txn.NewIterator(badger.IteratorOptions{Prefix: keys.TombstonePrefix(id), PrefetchValues: true})
	defer it.Close()
	var out []edge
	for it.Rewind(); it.Valid(); it.Next() {
		var e edge
		if err := it.Item().Value(func(v []byte) (err error) { _, _, e, err = decodeEdge(v); return err }); err != nil {
			return nil, err
		}
		_, other, err := keys.ParseTombstone(it.Item().Key())
		if err != nil {
			return nil, err
		}
		e.other = other
		out = append(out, e)
	}
	return out, nil
}

// Restored brings back the associations of restored records whose other
// record is live (or restored with them). A primary-kind label comes back
// only where its record has not got another one meanwhile.
func (s *Service) Restored(tx *changelog.Tx, ids []uuid.UUID, carry records.Carry) (func(), error) {
	d := s.newDraft(tx, changelog.SourceObjectRestore)
	d.auto = true
	if err := d.activitiesRestored(ids, carry); err != nil {
		return nil, err
	}
	restoring := map[uuid.UUID]bool{}
	for _, id := range ids {
		restoring[id] = true
	}
	for _, id := range ids {
		gone, err := tombstones(tx.Txn, id)
		if err != nil {
			return nil, err
		}
		for _, e := range gone {
			ref, ok := s.records.Lookup(e.other)
			if ok && ref.Deleted && !restoring[e.other] {
				continue // it comes back when the other one does
			}
			if err := unbury(tx, id, e.other); err != nil {
				return nil, err
			}
			if !ok {
				continue // the other record was erased
			}
			if err := d.revive(id, e); err != nil {
				return nil, err
			}
		}
	}
	if err := d.finish(); err != nil {
		return nil, err
	}
	return d.publish, nil
}

// revive re-creates the association e of id with its labels, where the
// pair is still defined and the labels still exist.
func (d *draft) revive(id uuid.UUID, e edge) error {
	a, b, err := d.both(id, e.other)
	if err != nil {
		return err
	}
	p := d.s.pair(a.obj, b.obj)
	if !p.Defined {
		return nil
	}
	if _, err := d.link(id, e.other, e.created); err != nil {
		return err
	}
	for _, l := range e.labels() {
		def, ok := p.label(l.id)
		if !ok || (def.Kind == Primary && d.holds(id, e.other, l)) {
			continue
		}
		if _, err := d.addLabel(id, e.other, l); err != nil {
			return err
		}
	}
	return nil
}

// Purged forgets the tombstones of erased records.
func (s *Service) Purged(tx *changelog.Tx, ids []uuid.UUID) (func(), error) {
	d := s.newDraft(tx, changelog.SourceObjectDeletion)
	d.auto = true
	if err := d.activitiesPurged(ids); err != nil {
		return nil, err
	}
	for _, id := range ids {
		gone, err := tombstones(tx.Txn, id)
		if err != nil {
			return nil, err
		}
		for _, e := range gone {
			if err := unbury(tx, id, e.other); err != nil {
				return nil, err
			}
		}
	}
	return d.publish, d.finish()
}

// Merged moves every association of gone onto keep. Where keep is already
// associated with the same record the labels are combined, and keep's
// primary company wins; a record whose primary was gone gets keep instead.
func (s *Service) Merged(tx *changelog.Tx, keep, gone uuid.UUID) (func(), error) {
	d := s.newDraft(tx, changelog.SourceObjectMerge)
	d.auto = true
	if err := d.activitiesMerged(keep, gone); err != nil {
		return nil, err
	}
	g, err := d.rec(gone)
	if err != nil {
		return nil, err
	}
	if _, err := d.rec(keep); err != nil {
		return nil, err
	}
	var moved []edge
	for grp := range g.after.snapshot().groups() {
		for _, e := range grp.edges {
			if _, err := d.unlink(gone, e.other); err != nil {
				return nil, err
			}
			if e.other != keep {
				moved = append(moved, e)
			}
		}
	}
	for _, e := range moved {
		if _, err := d.link(keep, e.other, e.created); err != nil {
			return nil, err
		}
		for _, l := range e.labels() {
			if def, _ := d.s.pair(g.obj, d.touched[e.other].obj).label(l.id); def.Kind == Primary && d.holds(keep, e.other, l) {
				continue
			}
			if _, err := d.addLabel(keep, e.other, l); err != nil {
				return nil, err
			}
		}
	}
	// gone's tombstones now belong to keep.
	buried, err := tombstones(tx.Txn, gone)
	if err != nil {
		return nil, err
	}
	for _, e := range buried {
		if err := unbury(tx, gone, e.other); err != nil {
			return nil, err
		}
		if e.other == keep {
			continue
		}
		if _, err := tx.Get(keys.Tombstone(keep, e.other)); err == badger.ErrKeyNotFound {
			if err := bury(tx, keep, g.ref.Num, d.otherNumOf(e.other), e); err != nil {
				return nil, err
			}
		} else if err != nil {
			return nil, err
		}
	}
	if err := d.finish(); err != nil {
		return nil, err
	}
	return d.publish, nil
}

// otherNumOf is a record's object number (0 when it is unknown).
func (d *draft) otherNumOf(id uuid.UUID) uint16 {
	ref, _ := d.s.records.Lookup(id)
	return ref.Num
}
