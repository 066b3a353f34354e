package app

import (
	"fieldbook/backend/associations"
	"fieldbook/backend/records"
)

// Associations lets the frontend see and change the links between records,
// their labels, limits and history.
type Associations struct {
	life *Lifecycle
	svc  *associations.Service
}

// NewAssociations builds the associations service.
func NewAssociations(life *Lifecycle, svc *associations.Service) *Associations {
	a := &Associations{life: life, svc: svc}
	life.attach = append(life.attach, func(s Services) { a.svc = s.Links })
	return a
}

// Summary returns a record's associations grouped by object (the cards).
func (a *Associations) Summary(record string, perGroup int) (out []associations.Group, err error) {
	defer guard(&err)
	if err = a.life.ready(); err != nil {
		return nil, err
	}
	return a.svc.Summary(record, perGroup)
}

// Page returns one page of a record's associations with one object.
func (a *Associations) Page(record, object string, offset, limit int) (out associations.Group, err error) {
	defer guard(&err)
	if err = a.life.ready(); err != nil {
		return out, err
	}
	return a.svc.Page(record, object, offset, limit)
}

// Columns returns association cells for the rows of an index page.
func (a *Associations) Columns(records []string, cols []associations.Column) (out [][]associations.Cell, err error) {
	defer guard(&err)
	if err = a.life.ready(); err != nil {
		return nil, err
	}
	return a.svc.Columns(records, cols)
}

// Associate links a record with each target.
func (a *Associations) Associate(in associations.Edit) (out associations.Result, err error) {
	defer guard(&err)
	if err = a.life.ready(); err != nil {
		return out, err
	}
	return a.svc.Associate(a.life.userMeta(), in)
}

// Disassociate removes a record's associations with each target.
func (a *Associations) Disassociate(in associations.Edit) (out associations.Result, err error) {
	defer guard(&err)
	if err = a.life.ready(); err != nil {
		return out, err
	}
	return a.svc.Disassociate(a.life.userMeta(), in)
}

// AddLabels adds labels to a record's associations with each target.
func (a *Associations) AddLabels(in associations.Edit) (out associations.Result, err error) {
	defer guard(&err)
	if err = a.life.ready(); err != nil {
		return out, err
	}
	return a.svc.AddLabels(a.life.userMeta(), in)
}

// RemoveLabels takes labels off a record's associations with each target.
func (a *Associations) RemoveLabels(in associations.Edit) (out associations.Result, err error) {
	defer guard(&err)
	if err = a.life.ready(); err != nil {
		return out, err
	}
	return a.svc.RemoveLabels(a.life.userMeta(), in)
}

// SetPrimary makes a company the record's primary company.
func (a *Associations) SetPrimary(record, company string) (out associations.Result, err error) {
	defer guard(&err)
	if err = a.life.ready(); err != nil {
		return out, err
	}
	return a.svc.SetPrimary(a.life.userMeta(), record, company)
}

// RemovePrimary takes the primary mark off a record's company, naming the
// new primary where the rules need one.
func (a *Associations) RemovePrimary(record, company, newPrimary string) (out associations.Result, err error) {
	defer guard(&err)
	if err = a.life.ready(); err != nil {
		return out, err
	}
	return a.svc.RemovePrimary(a.life.userMeta(), record, company, newPrimary)
}

// Options returns the labels a record of one object can give an
// association with a record of another.
func (a *Associations) Options(from, to string) (out []associations.LabelOption, err error) {
	defer guard(&err)
	if err = a.life.ready(); err != nil {
		return nil, err
	}
	return a.svc.Options(from, to)
}

// Pairs lists every association pair of an object, for Settings.
func (a *Associations) Pairs(object string) (out []associations.PairView, err error) {
	defer guard(&err)
	if err = a.life.ready(); err != nil {
		return nil, err
	}
	return a.svc.Pairs(object)
}

// DefinePair lets records of two objects be associated.
func (a *Associations) DefinePair(from, to string) (out associations.PairView, err error) {
	defer guard(&err)
	if err = a.life.ready(); err != nil {
		return out, err
	}
	return a.svc.DefinePair(a.life.userMeta(), from, to)
}

// CreateLabel adds a label to a pair.
func (a *Associations) CreateLabel(from, to string, in associations.LabelInput) (out associations.PairView, err error) {
	defer guard(&err)
	if err = a.life.ready(); err != nil {
		return out, err
	}
	return a.svc.CreateLabel(a.life.userMeta(), from, to, in)
}

// RenameLabel renames a label everywhere.
func (a *Associations) RenameLabel(from, to string, id uint32, in associations.LabelInput) (out associations.PairView, err error) {
	defer guard(&err)
	if err = a.life.ready(); err != nil {
		return out, err
	}
	return a.svc.RenameLabel(a.life.userMeta(), from, to, id, in)
}

// LabelUsage counts the associations carrying a label (asked before deleting it).
func (a *Associations) LabelUsage(from, to string, id uint32) (n int, err error) {
	defer guard(&err)
	if err = a.life.ready(); err != nil {
		return 0, err
	}
	return a.svc.LabelUsage(from, to, id)
}

// DeleteLabel deletes a label and takes it off the associations carrying it.
func (a *Associations) DeleteLabel(from, to string, id uint32) (n int, err error) {
	defer guard(&err)
	if err = a.life.ready(); err != nil {
		return 0, err
	}
	return a.svc.DeleteLabel(a.life.userMeta(), from, to, id)
}

// SetLimit sets or (max 0) removes a limit on a pair.
func (a *Associations) SetLimit(from, to string, limit associations.Limit) (out associations.PairView, err error) {
	defer guard(&err)
	if err = a.life.ready(); err != nil {
		return out, err
	}
	return a.svc.SetLimit(a.life.userMeta(), from, to, limit)
}

// Exceeding counts the records over a limit.
func (a *Associations) Exceeding(from, to string, limit associations.Limit) (n int, err error) {
	defer guard(&err)
	if err = a.life.ready(); err != nil {
		return 0, err
	}
	return a.svc.Exceeding(from, to, limit)
}

// History returns a record's association changes with one object (all
// when object is ""), newest first, older than the operation before.
func (a *Associations) History(record, object string, limit int, before string) (out []associations.Event, err error) {
	defer guard(&err)
	if err = a.life.ready(); err != nil {
		return nil, err
	}
	return a.svc.History(record, object, limit, before)
}

// PairHistory returns every change of one association, newest first.
func (a *Associations) PairHistory(record, other string) (out []associations.Event, err error) {
	defer guard(&err)
	if err = a.life.ready(); err != nil {
		return nil, err
	}
	return a.svc.PairHistory(record, other)
}

// CreateAssociated creates a record of object and associates record with
// it in one operation (labels read from record; primary: it becomes
// record's primary company). A refusal leaves nothing behind.
func (a *Associations) CreateAssociated(record, object string, props map[string]any, labels []associations.LabelRef, primary bool) (out records.RecordView, err error) {
	defer guard(&err)
	if err = a.life.ready(); err != nil {
		return out, err
	}
	return a.svc.CreateAssociated(a.life.userMeta(), record, object, props, labels, primary)
}

// BulkAssociate associates many records (an index page's selection, at most
// 500 per call) with one record; targets a rule refuses are counted with
// the reason, the others are associated.
func (a *Associations) BulkAssociate(in associations.Edit) (out associations.BulkResult, err error) {
	defer guard(&err)
	if err = a.life.ready(); err != nil {
		return out, err
	}
	return a.svc.BulkAssociate(a.life.userMeta(), in)
}
