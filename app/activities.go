package app

import (
	"fieldbook/backend/activities"
	"fieldbook/backend/associations"
)

// Activities lets the frontend log notes, calls, emails, meetings and
// tasks on records, read timelines, and change the rules that pre-select
// an activity's associations.
type Activities struct {
	life *Lifecycle
	svc  *activities.Service
}

// NewActivities binds the activities service.
func NewActivities(life *Lifecycle, svc *activities.Service) *Activities {
	a := &Activities{life: life, svc: svc}
	life.attach = append(life.attach, func(s Services) { a.svc = s.Activities })
	return a
}

// Suggest lists the records an activity logged on record would be
// associated with: the record, then those the rules add (pre-ticked).
func (a *Activities) Suggest(record string) (out []activities.Suggestion, err error) {
	defer guard(&err)
	if err = a.life.ready(); err != nil {
		return nil, err
	}
	return a.svc.Suggest(record)
}

// Log creates an activity and its associations in one transaction.
func (a *Activities) Log(in activities.LogInput) (out activities.Activity, err error) {
	defer guard(&err)
	if err = a.life.ready(); err != nil {
		return out, err
	}
	return a.svc.Log(a.life.userMeta(), in)
}

// Get returns one activity with the records it is associated with.
func (a *Activities) Get(id string) (out activities.Activity, err error) {
	defer guard(&err)
	if err = a.life.ready(); err != nil {
		return out, err
	}
	return a.svc.Get(id)
}

// Update changes some properties of an activity.
func (a *Activities) Update(id string, props map[string]any) (out activities.Activity, err error) {
	defer guard(&err)
	if err = a.life.ready(); err != nil {
		return out, err
	}
	return a.svc.Update(a.life.userMeta(), id, props)
}

// SetRecords makes an activity associated with exactly these records.
func (a *Activities) SetRecords(id string, records []string) (out activities.Activity, err error) {
	defer guard(&err)
	if err = a.life.ready(); err != nil {
		return out, err
	}
	return a.svc.SetRecords(a.life.userMeta(), id, records)
}

// Delete moves an activity to the recycle bin, off every timeline.
func (a *Activities) Delete(id string) (err error) {
	defer guard(&err)
	if err = a.life.ready(); err != nil {
		return err
	}
	return a.svc.Delete(a.life.userMeta(), id)
}

// Restore brings an activity back from the recycle bin.
func (a *Activities) Restore(id string) (out activities.Activity, err error) {
	defer guard(&err)
	if err = a.life.ready(); err != nil {
		return out, err
	}
	return a.svc.Restore(a.life.userMeta(), id)
}

// Timeline returns one page of a record's timeline, newest first.
func (a *Activities) Timeline(q activities.TimelineQuery) (out activities.TimelinePage, err error) {
	defer guard(&err)
	if err = a.life.ready(); err != nil {
		return out, err
	}
	return a.svc.Timeline(q)
}

// Rules returns the rules that pre-select an activity's associations.
func (a *Activities) Rules() (out []activities.Rule, err error) {
	defer guard(&err)
	if err = a.life.ready(); err != nil {
		return nil, err
	}
	return a.svc.Rules()
}

// SetRule changes the rule of one pair of objects and returns them all.
func (a *Activities) SetRule(r activities.Rule) (out []activities.Rule, err error) {
	defer guard(&err)
	if err = a.life.ready(); err != nil {
		return nil, err
	}
	return a.svc.SetRule(a.life.userMeta(), r)
}

// Overview counts a record's activities by type and lists their authors.
func (a *Activities) Overview(record string) (out activities.Overview, err error) {
	defer guard(&err)
	if err = a.life.ready(); err != nil {
		return out, err
	}
	return a.svc.Overview(record)
}

// RecordsOf lists, for each activity, the records it is associated with.
func (a *Activities) RecordsOf(ids []string) (out [][]associations.Linked, err error) {
	defer guard(&err)
	if err = a.life.ready(); err != nil {
		return nil, err
	}
	return a.svc.RecordsOf(ids)
}
