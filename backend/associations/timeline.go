package associations

import (
	"fmt"
	"slices"

	"github.com/dgraph-io/badger/v4"
	"github.com/google/uuid"

	"fieldbook/backend/changelog"
	"fieldbook/backend/errs"
	"fieldbook/backend/keys"
	"fieldbook/backend/records"
)

// What the activities service asks of an activity's associations: change
// them, follow a change of its date, and read timelines.

// MaxActivityRecords bounds the records one activity is associated with.
const MaxActivityRecords = 500

// SetActivityRecords makes an activity associated with exactly targets, in
// one transaction with history. An activity always keeps at least one.
func (s *Service) SetActivityRecords(meta changelog.Meta, activity string, targets []string) error {
	if len(targets) == 0 {
		return errs.Invalid("records", "An activity always belongs to at least one record: associate another record before removing this one.")
	}
	if len(targets) > MaxActivityRecords {
		return errs.Invalid("records", fmt.Sprintf("Associate an activity with at most %d records.", MaxActivityRecords))
	}
	return s.write(meta, func(d *draft) error {
		act, err := s.liveRecord(d.tx.Txn, "id", activity)
		if err != nil {
			return err
		}
		if act.act == nil {
			return errs.Invalid("id", fmt.Sprintf("%s is not an activity.", quote(act.ref.Name)))
		}
		r := s.resolver(linkInput, d.tx.Txn)
		want := map[uuid.UUID]bool{}
		for i, t := range targets {
			l, err := r.link(Link{From: activity, To: t})
			if err != nil {
				e := errs.As(err)
				return &errs.Error{Code: e.Code, Field: "records", Message: fmt.Sprintf("Record %d: %s", i+1, e.Message)}
			}
			want[l.to.id] = true
			if _, err := d.linkActivity(l); err != nil {
				return err
			}
		}
		have, err := activityRecords(d.tx.Txn, act.id)
		if err != nil {
			return err
		}
		for _, h := range have {
			if want[h.id] {
				continue
			}
			rec, err := d.mustMember(h.id)
			if err != nil {
				return err
			}
			if _, err := d.unlinkActivity(act, rec); err != nil {
				return err
			}
		}
		return nil
	})
}

// MoveActivity moves an activity on every timeline it is on, after its
// date changed from before to after; the caller's transaction holds the
// write lock (records.UpdateLinked).
func (s *Service) MoveActivity(tx *changelog.Tx, activity uuid.UUID, num uint16, author changelog.Actor, before, after int64) error {
	if before == after {
		return nil
	}
	recs, err := activityRecords(tx.Txn, activity)
	if err != nil {
		return err
	}
	for _, r := range recs {
		if err := tx.Delete(keys.Timeline(r.id, before, activity)); err != nil {
			return err
		}
		if err := tx.Set(keys.Timeline(r.id, after, activity), encodeTimeline(num, author)); err != nil {
			return err
		}
	}
	return nil
}

// TimelineEntry is an activity on a record's timeline, as the timeline
// holds it: enough to filter by type and author without reading it.
type TimelineEntry struct {
	Activity uuid.UUID
	At       int64 // Unix ms
	Num      uint16
	Author   changelog.Actor
}

// ScanTimeline calls fn with a record's activities, latest first, from the
// one after (at, after) when after is not nil, until fn returns false.
func (s *Service) ScanTimeline(txn *badger.Txn, record uuid.UUID, at int64, after *uuid.UUID, fn func(TimelineEntry) bool) error {
	prefix := keys.TimelinePrefix(record)
	it := txn.NewIterator(badger.IteratorOptions{Prefix: prefix, PrefetchValues: false})
	defer it.Close()
	if after != nil {
		from := keys.Timeline(record, at, *after)
		it.Seek(from)
		if it.Valid() && string(it.Item().Key()) == string(from) {
			it.Next()
		}
	} else {
		it.Rewind()
	}
	for ; it.Valid(); it.Next() {
		_, when, act, err := keys.ParseTimeline(it.Item().Key())
		if err != nil {
			return err
		}
		e := TimelineEntry{Activity: act, At: when}
		if err := it.Item().Value(func(v []byte) (err error) { e.Num, e.Author, err = decodeTimeline(v); return err }); err != nil {
			return err
		}
		if !fn(e) {
			return nil
		}
	}
	return nil
}

// Linked is a record an activity is associated with.
type Linked struct {
	ID     string `json:"id"`
	Object string `json:"object"`
	Name   string `json:"name"`
}

// ActivityRecordsMany lists, for each activity, the live records it is
// associated with, oldest record first; one iterator serves them all (a
// timeline page shows fifty activities).
func (s *Service) ActivityRecordsMany(txn *badger.Txn, activities []string) ([][]Linked, error) {
	it := txn.NewIterator(badger.IteratorOptions{Prefix: []byte{keys.PrefixActivityFor}})
	defer it.Close()
	out := make([][]Linked, len(activities))
	var ids []uuid.UUID
	for i, text := range activities {
		act, err := records.ParseID(text)
		if err != nil {
			return nil, err
		}
		prefix := keys.ActivityForPrefix(act)
		ids = ids[:0]
		for it.Seek(prefix); it.ValidForPrefix(prefix); it.Next() {
			_, rec, err := keys.ParseActivityFor(it.Item().Key())
			if err != nil {
				return nil, err
			}
			ids = append(ids, rec)
		}
		out[i] = s.Named(ids)
	}
	return out, nil
}

// Named lists records by ID as an activity's records, with their objects
// and names from memory; an ID named twice is listed once, one that is no
// longer a record not at all.
func (s *Service) Named(ids []uuid.UUID) []Linked {
	out := make([]Linked, 0, len(ids))
	s.records.LookupMany(ids, func(i int, ref records.Ref, ok bool) {
		if o, known := s.schema.ByNum(ref.Num); ok && known && !slices.Contains(ids[:i], ids[i]) {
			out = append(out, Linked{ID: ids[i].String(), Object: o.ID, Name: ref.Name})
		}
	})
	return out
}
