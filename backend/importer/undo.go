package importer

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"time"

	"github.com/dgraph-io/badger/v4"
	"github.com/google/uuid"

	"fieldbook/backend/associations"
	"fieldbook/backend/changelog"
	"fieldbook/backend/errs"
	"fieldbook/backend/keys"
	"fieldbook/backend/records"
)

// An undo reads the import's operations from the change log and takes
// back what they did, newest kind of change first: labels it added to
// associations that were there before, associations it made between
// records that were there before, values it changed, and last the records
// it created (to the recycle bin, with their associations). A change
// someone made since is left alone and listed as kept: a value that is no
// longer the one the import wrote, a record it created whose values were
// changed since. All of it shares one batch in the log.

// maxKept bounds the kept changes an import's record keeps.
const maxKept = 500

// undoChunk is how many records one transaction of an undo changes.
const undoChunk = 500

// done is what an import's operations did, gathered for its undo.
type done struct {
	created   []uuid.UUID                   // in creation order
	createdBy map[uuid.UUID]map[string]any  // record → the values the import left it with
	names     map[uuid.UUID]string          // record → its name
	updates   map[uuid.UUID]map[string]edit // record → property → first before, last after
	links     [][2]uuid.UUID                // associations it created between records it did not create
	carried   [][2]uuid.UUID                // associations it created with records it created: they go with them
	labels    []labelAdded
	primaries int // primary companies it set on associations that were there before
}

type edit struct{ before, after json.RawMessage }

type labelAdded struct {
	record, other uuid.UUID
	ref           associations.LabelRef
	name          string
}

// Undo starts taking back an import.
func (s *Service) Undo(meta changelog.Meta, importID string) (Job, error) {
	id, err := uuid.Parse(importID)
	if err != nil {
		return Job{}, errs.New(errs.CodeNotFound, "There is no such import.")
	}
	var st stored
	if err := s.log.Store().View(func(txn *badger.Txn) (err error) {
		st, err = get(txn, id)
		return err
	}); err != nil {
		return Job{}, err
	}
	switch st.Import.State {
	case Running:
		return Job{}, errs.Invalid("import", "This import is still running; cancel it or wait until it ends.")
	case Undone:
		return Job{}, errs.Invalid("import", "This import has been undone already.")
	}
	s.mu.Lock()
	for _, j := range s.jobs {
		if v := j.snapshot(); v.Kind == UndoJob && v.Import == importID && v.State == Running {
			s.mu.Unlock()
			return Job{}, errs.Invalid("import", "This import is being undone already.")
		}
	}
	s.mu.Unlock()
	undoID := mustNewID()
	um := changelog.Meta{Actor: meta.Actor, Source: changelog.SourceImport, Batch: undoID.String()}
	j := s.start(UndoJob, importID, st.Import.File, 0, func(ctx context.Context, j *job) error {
		return s.undo(ctx, j, um, id, st)
	})
	return j.snapshot(), nil
}

func (s *Service) undo(ctx context.Context, j *job, meta changelog.Meta, importID uuid.UUID, st stored) error {
	d, err := s.gatherDone(importID)
	if err != nil {
		return err
	}
	total := int64(len(d.labels) + len(d.links) + len(d.updates) + len(d.created))
	j.update(func(v *Job) { v.Size = total })
	var counts UndoCounts
	var kept []Kept
	keep := func(k Kept) {
		counts.Kept++
		if len(kept) < maxKept {
			kept = append(kept, k)
		}
	}
	progress := func(n int) error {
		c := counts
		j.update(func(v *Job) {
			v.Read += int64(n)
			v.Counts.Rows += n
			v.Undo = &c
		})
		return ctx.Err()
	}
	if d.primaries > 0 {
		keep(Kept{Message: fmt.Sprintf("%d primary companies the import set stay; change them on the records if needed.", d.primaries)})
	}
	// Labels on associations that were there before.
	for _, l := range d.labels {
		res, err := s.links.RemoveLabels(meta, associations.Edit{Record: l.record.String(), Targets: []string{l.other.String()}, Labels: []associations.LabelRef{l.ref}})
		switch {
		case err != nil && errs.IsRefusal(err):
			keep(Kept{Record: l.record.String(), Object: s.objectOf(l.record), Name: s.name(l.record), Message: fmt.Sprintf("The label “%s” stays: %s", l.name, errs.As(err).Message)})
		case err != nil:
			return err
		default:
			counts.Labels += res.Changed
		}
		if err := progress(1); err != nil {
			return err
		}
	}
	// Associations between records the import found.
	for _, l := range d.links {
		if !s.links.Associated(l[0], l[1]) {
			continue
		}
		res, err := s.links.Disassociate(meta, associations.Edit{Record: l[0].String(), Targets: []string{l[1].String()}})
		switch {
		case err != nil && errs.IsRefusal(err):
			keep(Kept{Record: l[0].String(), Object: s.objectOf(l[0]), Name: s.name(l[0]), Message: fmt.Sprintf("Its association with %s stays: %s", quoteName(s.name(l[1])), errs.As(err).Message)})
		case err != nil:
			return err
		default:
			counts.Associations += res.Changed
		}
		if err := progress(1); err != nil {
			return err
		}
	}
	// Values the import changed, where they are still what it wrote.
	ids := make([]uuid.UUID, 0, len(d.updates))
	for id := range d.updates {
		ids = append(ids, id)
	}
	slices.SortFunc(ids, func(a, b uuid.UUID) int { return bytes.Compare(a[:], b[:]) })
	for start := 0; start < len(ids); start += undoChunk {
		chunk := ids[start:min(start+undoChunk, len(ids))]
		views, err := s.recs.GetMany(chunk)
		if err != nil {
			return err
		}
		var b associations.Batch
		values := 0
		for i, id := range chunk {
			v := views[i]
			if v.ID == "" || v.DeletedAt != "" {
				continue
			}
			props := map[string]any{}
			for prop, e := range d.updates[id] {
				if !sameJSON(v.Props[prop], e.after) {
					keep(Kept{Record: id.String(), Object: v.Object, Name: v.DisplayName, Property: prop, Message: "Changed since the import; the new value stays."})
					continue
				}
				var before any
				if len(e.before) > 0 {
					if err := json.Unmarshal(e.before, &before); err != nil {
						return err
					}
				}
				props[prop] = before
			}
			if len(props) > 0 {
				b.Edits = append(b.Edits, records.Edit{ID: id, Props: props})
				values += len(props)
			}
		}
		if len(b.Edits) > 0 {
			if _, err := s.links.Create(meta, b); err != nil {
				return err
			}
		}
		counts.Values += values
		if err := progress(len(chunk)); err != nil {
			return err
		}
	}
	// Records the import created, unless changed since.
	binned := map[uuid.UUID]bool{}
	for start := 0; start < len(d.created); start += undoChunk {
		chunk := d.created[start:min(start+undoChunk, len(d.created))]
		views, err := s.recs.GetMany(chunk)
		if err != nil {
			return err
		}
		var gone []string
		for i, id := range chunk {
			v := views[i]
			if v.ID == "" || v.DeletedAt != "" {
				continue // deleted since: nothing to take back
			}
			if !sameProps(v.Props, d.createdBy[id]) {
				keep(Kept{Record: id.String(), Object: v.Object, Name: v.DisplayName, Message: "Created by the import and changed since; it stays."})
				continue
			}
			gone = append(gone, id.String())
			binned[id] = true
		}
		if len(gone) > 0 {
			n, err := s.recs.Delete(meta, gone)
			if err != nil {
				return err
			}
			counts.Records += n
		}
		if err := progress(len(chunk)); err != nil {
			return err
		}
	}
	for _, l := range d.carried {
		if binned[l[0]] || binned[l[1]] {
			counts.Associations++ // in the recycle bin with its record
		}
	}
	st.Import.State = Undone
	st.Import.UndoneAt = time.Now().UTC().Format(time.RFC3339)
	st.Import.Undo = &counts
	st.Kept = kept
	st.Undo = meta.Batch
	if err := s.log.Store().Update(func(txn *badger.Txn) error { return put(txn, st) }); err != nil {
		return err
	}
	j.update(func(v *Job) {
		v.Undo = &counts
		v.Kept = kept
	})
	return nil
}

// gatherDone reads an import's operations.
func (s *Service) gatherDone(importID uuid.UUID) (*done, error) {
	d := &done{createdBy: map[uuid.UUID]map[string]any{}, names: map[uuid.UUID]string{}, updates: map[uuid.UUID]map[string]edit{}}
	linked := map[[2]uuid.UUID]bool{}
	err := s.eachChange(importID, func(c changelog.Change) error { return d.add(c, linked) })
	return d, err
}

// eachChange calls fn with every change of an import's operations, in
// the order they were written.
func (s *Service) eachChange(importID uuid.UUID, fn func(changelog.Change) error) error {
	return s.log.Store().View(func(txn *badger.Txn) error {
		it := txn.NewIterator(badger.IteratorOptions{Prefix: keys.ImportOpPrefix(importID)})
		defer it.Close()
		for it.Rewind(); it.Valid(); it.Next() {
			_, opID, err := keys.ParseImportOp(it.Item().Key())
			if err != nil {
				return err
			}
			op, err := changelog.ReadOp(txn, opID)
			if err != nil {
				return err
			}
			for _, c := range op.Changes {
				if err := fn(c); err != nil {
					return err
				}
			}
		}
		return nil
	})
}

func (d *done) add(c changelog.Change, linked map[[2]uuid.UUID]bool) error {
	rec, err := uuid.Parse(c.Record)
	if err != nil {
		return nil // not about a record
	}
	switch c.Kind {
	case changelog.RecordCreated:
		var props map[string]any
		if err := json.Unmarshal(c.After, &props); err != nil {
			return err
		}
		d.created = append(d.created, rec)
		d.createdBy[rec] = props
	case changelog.RecordUpdated:
		if props, ok := d.createdBy[rec]; ok { // a later row changed a record the import made
			var after any
			if len(c.After) > 0 {
				if err := json.Unmarshal(c.After, &after); err != nil {
					return err
				}
			}
			if after == nil {
				delete(props, c.Property)
			} else {
				props[c.Property] = after
			}
			return nil
		}
		m := d.updates[rec]
		if m == nil {
			m = map[string]edit{}
			d.updates[rec] = m
		}
		e, seen := m[c.Property]
		if !seen {
			e.before = c.Before
		}
		e.after = c.After
		m[c.Property] = e
	case changelog.AssociationCreated, changelog.AssociationLabelAdded, changelog.AssociationPrimarySet:
		other, err := uuid.Parse(c.Other)
		if err != nil {
			return nil
		}
		_, recMade := d.createdBy[rec]
		_, otherMade := d.createdBy[other]
		if recMade || otherMade { // goes with the record
			if c.Kind == changelog.AssociationCreated {
				d.carried = append(d.carried, [2]uuid.UUID{rec, other})
			}
			return nil
		}
		pair := orderedPair(rec, other)
		switch c.Kind {
		case changelog.AssociationCreated:
			if !linked[pair] {
				linked[pair] = true
				d.links = append(d.links, [2]uuid.UUID{rec, other})
			}
		case changelog.AssociationPrimarySet:
			if !linked[pair] {
				d.primaries++
			}
		default:
			if linked[pair] {
				return nil // goes with the association
			}
			var l struct {
				ID   uint32 `json:"id"`
				Side uint8  `json:"side"`
				Name string `json:"name"`
			}
			if err := json.Unmarshal(c.After, &l); err != nil {
				return err
			}
			d.labels = append(d.labels, labelAdded{record: rec, other: other, ref: associations.LabelRef{ID: l.ID, Inverse: l.Side == 1}, name: l.Name})
		}
	}
	return nil
}

// sameJSON says whether a record's value is the one a change wrote.
func sameJSON(v any, raw json.RawMessage) bool {
	if len(raw) == 0 {
		return v == nil
	}
	var want any
	if err := json.Unmarshal(raw, &want); err != nil {
		return false
	}
	return v == want
}

func sameProps(a, b map[string]any) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

func (s *Service) name(id uuid.UUID) string {
	ref, _ := s.recs.Lookup(id)
	return ref.Name
}

func (s *Service) objectOf(id uuid.UUID) string {
	ref, _ := s.recs.Lookup(id)
	obj, _ := s.schema.ByNum(ref.Num)
	return obj.ID
}

func quoteName(s string) string { return "“" + s + "”" }
