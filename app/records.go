package app

import (
	"encoding/json"
	"log"
	"time"

	"fieldbook/backend/associations"
	"fieldbook/backend/autodomain"
	"fieldbook/backend/changelog"
	"fieldbook/backend/records"
	"fieldbook/backend/sample"
	"fieldbook/backend/schema"
)

// Records lets the frontend list, read, create, change and delete records.
type Records struct {
	life  *Lifecycle
	svc   *records.Service
	links *associations.Service
	auto  *autodomain.Service
	log   *changelog.Log
}

// NewRecords builds the records service and schedules the recycle-bin purge
// for start-up.
func NewRecords(life *Lifecycle, svc *records.Service, links *associations.Service, lg *changelog.Log) *Records {
	r := &Records{life: life, svc: svc, links: links, log: lg}
	life.attach = append(life.attach, func(s Services) { r.svc, r.links, r.auto = s.Records, s.Links, s.AutoDomain })
	life.jobs = append(life.jobs, func() {
		if n, err := r.svc.PurgeExpired(time.Now()); err != nil {
			log.Printf("emptying expired recycle bin entries: %v", err)
		} else if n > 0 {
			log.Printf("permanently deleted %d records kept over %v in the recycle bin", n, records.BinRetention)
		}
	})
	return r
}

// List returns one page of an object's index.
func (r *Records) List(q records.ListQuery) (out records.Page, err error) {
	defer guard(&err)
	if err = r.life.ready(); err != nil {
		return out, err
	}
	return r.svc.List(q)
}

// Get returns one record by ID.
func (r *Records) Get(id string) (out records.RecordView, err error) {
	defer guard(&err)
	if err = r.life.ready(); err != nil {
		return out, err
	}
	return r.svc.Get(id)
}

// Create creates a record of an object.
func (r *Records) Create(object string, props map[string]any) (out records.RecordView, err error) {
	defer guard(&err)
	if err = r.life.ready(); err != nil {
		return out, err
	}
	if out, err = r.svc.Create(r.life.userMeta(), object, props); err == nil && object == schema.Contacts {
		r.matchCompany(out.ID)
	}
	return out, err
}

// matchCompany gives a contact just created, or given a new email or
// website, the company of its domain when the automation is on. The
// contact is saved whatever happens here.
func (r *Records) matchCompany(contact string) {
	if r.auto == nil {
		return
	}
	if _, err := r.auto.ForContacts(r.life.userMeta(), []string{contact}); err != nil {
		log.Printf("matching contact %s with the company of its domain: %v", contact, err)
	}
}

// Update changes some properties of a record.
func (r *Records) Update(id string, props map[string]any) (out records.RecordView, err error) {
	defer guard(&err)
	if err = r.life.ready(); err != nil {
		return out, err
	}
	out, err = r.svc.Update(r.life.userMeta(), id, props)
	_, email := props["email"]
	_, site := props["website"]
	if err == nil && out.Object == schema.Contacts && (email || site) {
		r.matchCompany(out.ID)
	}
	return out, err
}

// Delete moves records to the recycle bin and returns how many moved.
func (r *Records) Delete(ids []string) (n int, err error) {
	defer guard(&err)
	if err = r.life.ready(); err != nil {
		return 0, err
	}
	return r.svc.Delete(r.life.userMeta(), ids)
}

// Restore brings records back from the recycle bin and returns how many
// came back (0 for records that were not in it).
func (r *Records) Restore(ids []string) (n int, err error) {
	defer guard(&err)
	if err = r.life.ready(); err != nil {
		return 0, err
	}
	return r.svc.Restore(r.life.userMeta(), ids)
}

// DeletePermanently erases records from the recycle bin.
func (r *Records) DeletePermanently(ids []string) (n int, err error) {
	defer guard(&err)
	if err = r.life.ready(); err != nil {
		return 0, err
	}
	return r.svc.DeletePermanently(r.life.userMeta(), ids)
}

// Merge folds the record other into keep, which takes the chosen values;
// other's associations move to keep and its ID resolves to keep.
func (r *Records) Merge(keep, other string, props map[string]any) (out records.RecordView, err error) {
	defer guard(&err)
	if err = r.life.ready(); err != nil {
		return out, err
	}
	return r.svc.Merge(r.life.userMeta(), keep, other, props)
}

// Bin lists an object's recycle bin, most recently deleted first.
func (r *Records) Bin(object string) (out []records.RecordView, err error) {
	defer guard(&err)
	if err = r.life.ready(); err != nil {
		return nil, err
	}
	return r.svc.Bin(object, 0)
}

// Duplicates returns the live records of an object that a new record with
// props would duplicate (a contact's email, a company's domain), to warn
// before creating it.
func (r *Records) Duplicates(object string, props map[string]any) (out []records.RecordView, err error) {
	defer guard(&err)
	if err = r.life.ready(); err != nil {
		return nil, err
	}
	return r.svc.Duplicates(object, props)
}

// Search is the typeahead across objects.
func (r *Records) Search(text string, limit int) (out []records.Hit, err error) {
	defer guard(&err)
	if err = r.life.ready(); err != nil {
		return nil, err
	}
	return r.svc.Search(text, limit)
}

// LoadSampleData fills the database with a realistic small CRM.
func (r *Records) LoadSampleData() (out sample.Sizes, err error) {
	defer guard(&err)
	if err = r.life.ready(); err != nil {
		return out, err
	}
	meta := r.life.userMeta()
	meta.Source = changelog.SourceJob
	seed := uint64(time.Now().UnixNano())
	if out, err = sample.Load(meta, r.svc, sample.Small, seed); err != nil {
		return out, err
	}
	if out.Associations, err = sample.Associate(meta, r.svc, r.links, seed); err != nil {
		return out, err
	}
	_, err = sample.Activities(meta, r.svc, r.links, sample.SamplePlan(time.Now()), seed)
	return out, err
}

// HistoryEntry is one change to a record as the record page shows it.
type HistoryEntry struct {
	OpID    string          `json:"opId"`
	Time    string          `json:"time"` // RFC 3339
	Actor   changelog.Actor `json:"actor"`
	Source  string          `json:"source"`
	Changes []ChangeView    `json:"changes"`
}

// ChangeView is one change inside an entry; before and after are values.
type ChangeView struct {
	Kind     changelog.Kind `json:"kind"`
	Property string         `json:"property,omitempty"`
	Before   any            `json:"before,omitempty"`
	After    any            `json:"after,omitempty"`
}

// History returns a record's changes, newest first (at most 200).
func (r *Records) History(id string) (out []HistoryEntry, err error) {
	defer guard(&err)
	if err = r.life.ready(); err != nil {
		return nil, err
	}
	rid, err := records.ParseID(id)
	if err != nil {
		return nil, err
	}
	ops, err := r.svc.History(rid, 200)
	if err != nil {
		return nil, err
	}
	out = []HistoryEntry{}
	for _, op := range ops {
		e := HistoryEntry{OpID: op.ID, Time: op.Time.Format(time.RFC3339Nano), Actor: op.Actor, Source: string(op.Source), Changes: []ChangeView{}}
		for _, c := range op.Changes {
			if c.Record != id {
				continue
			}
			e.Changes = append(e.Changes, ChangeView{Kind: c.Kind, Property: c.Property, Before: decode(c.Before), After: decode(c.After)})
		}
		out = append(out, e)
	}
	return out, nil
}

func decode(raw json.RawMessage) any {
	if len(raw) == 0 {
		return nil
	}
	var v any
	if json.Unmarshal(raw, &v) != nil {
		return nil
	}
	return v
}
