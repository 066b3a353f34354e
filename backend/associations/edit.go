package associations

import (
	"fmt"
	"slices"

	"github.com/google/uuid"

	"fieldbook/backend/changelog"
	"fieldbook/backend/errs"
	"fieldbook/backend/records"
	"fieldbook/backend/schema"
)

// MaxTargets bounds how many records one call changes (one transaction).
const MaxTargets = 500

// LabelRef names a label as read from the record an edit starts from:
// Inverse picks the label's inverse name (paired labels of one object).
type LabelRef struct {
	ID      uint32 `json:"id"`
	Inverse bool   `json:"inverse"`
}

// Edit is one change a user makes from a record's page to its associations
// with some other records (the targets), applied in one transaction.
type Edit struct {
	Record  string     `json:"record"`
	Targets []string   `json:"targets"`
	Labels  []LabelRef `json:"labels"`
	// Primary (Associate) is the target that becomes Record's primary
	// company; the one it replaces stays associated.
	Primary string `json:"primary"`
	// NewPrimary maps a record to the company that becomes its primary if
	// this edit takes its primary company away (required for contacts with
	// several companies left).
	NewPrimary map[string]string `json:"newPrimary"`
}

// Result says what an edit did.
type Result struct {
	Changed   int `json:"changed"`   // targets whose association changed
	Unchanged int `json:"unchanged"` // targets already as asked
}

// target is one resolved target of an edit.
type target struct {
	id     uuid.UUID
	ref    records.Ref
	obj    schema.ObjectDef
	labels []labelRef // the edit's labels, read from the record
}

// plan checks an edit: the record, the targets, the pairs and labels.
func (s *Service) plan(in Edit) (uuid.UUID, schema.ObjectDef, []target, error) {
	id, ref, obj, err := s.liveRecord("record", in.Record)
	if err != nil {
		return id, obj, nil, err
	}
	if len(in.Targets) == 0 {
		return id, obj, nil, errs.Invalid("targets", "Choose at least one record.")
	}
	if len(in.Targets) > MaxTargets {
		return id, obj, nil, errs.Invalid("targets", fmt.Sprintf("Choose at most %d records at a time.", MaxTargets))
	}
	out := make([]target, 0, len(in.Targets))
	seen := map[uuid.UUID]bool{}
	for _, text := range in.Targets {
		tid, tref, tobj, err := s.liveRecord("targets", text)
		if err != nil {
			return id, obj, nil, err
		}
		if tid == id {
			return id, obj, nil, errs.Invalid("targets", fmt.Sprintf("%s cannot be associated with itself.", quote(ref.Name)))
		}
		if seen[tid] {
			continue
		}
		seen[tid] = true
		p, err := s.definedPair(obj, tobj)
		if err != nil {
			return id, obj, nil, err
		}
		t := target{id: tid, ref: tref, obj: tobj}
		for _, l := range in.Labels {
			r, err := resolveLabel(p, obj, tobj, l)
			if err != nil {
				return id, obj, nil, err
			}
			t.labels = append(t.labels, r)
		}
		out = append(out, t)
	}
	return id, obj, out, nil
}

// resolveLabel turns a label named from a record of from into its side.
// Between two objects the side follows from the objects; within one object
// it is the caller's choice.
func resolveLabel(p *Pair, from, to schema.ObjectDef, l LabelRef) (labelRef, error) {
	def, ok := p.label(l.ID)
	if !ok {
		return labelRef{}, errs.Invalid("labels", fmt.Sprintf("%s and %s have no label with ID %d; it may have been deleted.", from.Plural, to.Plural, l.ID))
	}
	if def.From != def.To {
		if def.From == from.ID {
			return labelRef{l.ID, 0}, nil
		}
		return labelRef{l.ID, 1}, nil
	}
	if l.Inverse && def.Kind != Single {
		return labelRef{l.ID, 1}, nil
	}
	return labelRef{l.ID, 0}, nil
}

// liveRecord parses an ID and finds the live record it names.
func (s *Service) liveRecord(field, text string) (uuid.UUID, records.Ref, schema.ObjectDef, error) {
	id, err := records.ParseID(text)
	if err != nil {
		return id, records.Ref{}, schema.ObjectDef{}, errs.Invalid(field, errs.As(err).Message)
	}
	ref, ok := s.records.Lookup(id)
	if !ok {
		return id, ref, schema.ObjectDef{}, &errs.Error{Code: errs.CodeNotFound, Field: field,
			Message: fmt.Sprintf("No record has the ID %s. It may have been deleted permanently.", id)}
	}
	obj, ok := s.schema.ByNum(ref.Num)
	if !ok {
		return id, ref, obj, fmt.Errorf("record %s belongs to unknown object number %d", id, ref.Num)
	}
	if ref.Deleted {
		return id, ref, obj, errs.Invalid(field, fmt.Sprintf("%s is in the recycle bin. Restore it first.", quote(ref.Name)))
	}
	return id, ref, obj, nil
}

// newPrimaries parses an edit's new-primary choices.
func newPrimaries(in map[string]string) (map[uuid.UUID]uuid.UUID, error) {
	out := make(map[uuid.UUID]uuid.UUID, len(in))
	for rec, company := range in {
		r, err := records.ParseID(rec)
		if err != nil {
			return nil, errs.Invalid("newPrimary", errs.As(err).Message)
		}
		c, err := records.ParseID(company)
		if err != nil {
			return nil, errs.Invalid("newPrimary", errs.As(err).Message)
		}
		out[r] = c
	}
	return out, nil
}

// edit plans in and applies change to each target in one transaction.
// adding: the edit gives labels, so a label a record may carry once cannot
// go to several targets.
func (s *Service) edit(meta changelog.Meta, in Edit, adding bool, change func(d *draft, rec uuid.UUID, obj schema.ObjectDef, t target) (bool, error)) (Result, error) {
	rec, obj, targets, err := s.plan(in)
	if err != nil {
		return Result{}, err
	}
	if adding && len(targets) > 1 {
		for i, l := range targets[0].labels {
			p := s.pair(obj, targets[0].obj)
			if def, _ := p.label(l.id); def.Kind == Primary && l.side == 0 {
				return Result{}, errs.Invalid("labels", fmt.Sprintf(
					"“%s” can be on only one record at a time. Choose one record for it.", labelName(p, targets[0].labels[i])))
			}
		}
	}
	chosen, err := newPrimaries(in.NewPrimary)
	if err != nil {
		return Result{}, err
	}
	var res Result
	err = s.write(meta, func(d *draft) error {
		res = Result{}
		d.newPrimary = chosen
		for _, t := range targets {
			changed, err := change(d, rec, obj, t)
			if err != nil {
				return err
			}
			if changed {
				res.Changed++
			} else {
				res.Unchanged++
			}
		}
		return nil
	})
	return res, err
}

// Associate associates a record with each target, with the given labels;
// targets already associated get the labels added. Primary names the
// target that becomes the record's primary company.
func (s *Service) Associate(meta changelog.Meta, in Edit) (Result, error) {
	var primary uuid.UUID
	if in.Primary != "" {
		var err error
		if primary, err = records.ParseID(in.Primary); err != nil {
			return Result{}, errs.Invalid("primary", errs.As(err).Message)
		}
	}
	if err := s.checkPrimaryTarget(in, primary); err != nil {
		return Result{}, err
	}
	return s.edit(meta, in, true, func(d *draft, rec uuid.UUID, obj schema.ObjectDef, t target) (bool, error) {
		created, err := d.link(rec, t.id, d.tx.Time().UnixMilli())
		if err != nil {
			return false, err
		}
		changed, err := addLabels(d, rec, t)
		if err != nil {
			return false, err
		}
		if t.id == primary {
			if !s.pair(obj, t.obj).primaryFor(obj.ID) {
				return false, errs.Invalid("primary", fmt.Sprintf("%s cannot be %s's primary company: only a company can be, and only for a record that is not a company.",
					quote(t.ref.Name), quote(d.nameOf(rec))))
			}
			added, err := d.addLabel(rec, t.id, labelRef{PrimaryLabel, 0})
			if err != nil {
				return false, err
			}
			changed = changed || added
		}
		return created || changed, nil
	})
}

// checkPrimaryTarget refuses a primary that is not one of the targets.
func (s *Service) checkPrimaryTarget(in Edit, primary uuid.UUID) error {
	if primary == (uuid.UUID{}) {
		return nil
	}
	for _, t := range in.Targets {
		if id, err := records.ParseID(t); err == nil && id == primary {
			return nil
		}
	}
	return errs.Invalid("primary", "The primary company must be one of the companies being associated.")
}

func addLabels(d *draft, rec uuid.UUID, t target) (bool, error) {
	changed := false
	for _, l := range t.labels {
		added, err := d.addLabel(rec, t.id, l)
		if err != nil {
			return false, err
		}
		changed = changed || added
	}
	return changed, nil
}

// BulkResult says what a bulk association did with each target.
type BulkResult struct {
	Associated int      `json:"associated"` // newly associated (or given the labels)
	Already    int      `json:"already"`    // associated already, as asked
	Refused    int      `json:"refused"`    // refused by a limit or a rule
	Reasons    []string `json:"reasons"`    // why, a few distinct messages
}

// BulkAssociate is Associate for many records chosen on an index page: when
// a rule refuses some targets (a limit, say), the others are associated
// anyway, one transaction each, and the result says why some were not.
func (s *Service) BulkAssociate(meta changelog.Meta, in Edit) (BulkResult, error) {
	res, err := s.Associate(meta, in)
	if err == nil {
		return BulkResult{Associated: res.Changed, Already: res.Unchanged, Reasons: []string{}}, nil
	}
	if !refusal(err) || len(in.Targets) == 1 {
		if refusal(err) {
			return BulkResult{Refused: 1, Reasons: []string{errs.As(err).Message}}, nil
		}
		return BulkResult{}, err
	}
	out := BulkResult{Reasons: []string{}}
	for _, t := range in.Targets {
		one := in
		one.Targets = []string{t}
		if in.Primary != t {
			one.Primary = ""
		}
		res, err := s.Associate(meta, one)
		switch {
		case err == nil:
			out.Associated += res.Changed
			out.Already += res.Unchanged
		case refusal(err):
			out.Refused++
			if msg := errs.As(err).Message; len(out.Reasons) < 5 && !slices.Contains(out.Reasons, msg) {
				out.Reasons = append(out.Reasons, msg)
			}
		default:
			return out, err
		}
	}
	return out, nil
}

// refusal: a rule turned the change down for one target (as opposed to a
// bad request or a broken store).
func refusal(err error) bool {
	e := errs.As(err)
	return e.Code == errs.CodeLimit || e.Code == errs.CodePrimaryRequired || (e.Code == errs.CodeInvalid && e.Field == "targets") || e.Code == errs.CodeNotFound
}

// Disassociate removes the record's associations with each target.
func (s *Service) Disassociate(meta changelog.Meta, in Edit) (Result, error) {
	return s.edit(meta, in, false, func(d *draft, rec uuid.UUID, _ schema.ObjectDef, t target) (bool, error) {
		return d.unlink(rec, t.id)
	})
}

// AddLabels adds labels to the record's existing associations with each
// target.
func (s *Service) AddLabels(meta changelog.Meta, in Edit) (Result, error) {
	return s.edit(meta, in, true, func(d *draft, rec uuid.UUID, _ schema.ObjectDef, t target) (bool, error) {
		return addLabels(d, rec, t)
	})
}

// RemoveLabels takes labels off the record's associations with each target.
func (s *Service) RemoveLabels(meta changelog.Meta, in Edit) (Result, error) {
	return s.edit(meta, in, false, func(d *draft, rec uuid.UUID, _ schema.ObjectDef, t target) (bool, error) {
		changed := false
		for _, l := range t.labels {
			removed, err := d.removeLabel(rec, t.id, l)
			if err != nil {
				return false, err
			}
			changed = changed || removed
		}
		return changed, nil
	})
}

// SetPrimary makes company the record's primary company, replacing the
// current one, which stays associated. They must be associated already.
func (s *Service) SetPrimary(meta changelog.Meta, record, company string) (Result, error) {
	in := Edit{Record: record, Targets: []string{company}, Labels: []LabelRef{{ID: PrimaryLabel}}}
	if err := s.checkPrimaryOwner(record); err != nil {
		return Result{}, err
	}
	return s.edit(meta, in, true, func(d *draft, rec uuid.UUID, obj schema.ObjectDef, t target) (bool, error) {
		if err := checkPrimaryPair(obj, t.obj); err != nil {
			return false, err
		}
		return addLabels(d, rec, t)
	})
}

// RemovePrimary takes the primary mark off the record's company; a contact
// with other companies needs newPrimary, one of them.
func (s *Service) RemovePrimary(meta changelog.Meta, record, company, newPrimary string) (Result, error) {
	in := Edit{Record: record, Targets: []string{company}, Labels: []LabelRef{{ID: PrimaryLabel}}}
	if newPrimary != "" {
		in.NewPrimary = map[string]string{record: newPrimary}
	}
	if err := s.checkPrimaryOwner(record); err != nil {
		return Result{}, err
	}
	return s.edit(meta, in, false, func(d *draft, rec uuid.UUID, obj schema.ObjectDef, t target) (bool, error) {
		if err := checkPrimaryPair(obj, t.obj); err != nil {
			return false, err
		}
		return d.removeLabel(rec, t.id, t.labels[0])
	})
}

// checkPrimaryOwner refuses a company as the record with a primary, before
// its pairs' labels are looked at.
func (s *Service) checkPrimaryOwner(record string) error {
	if _, _, obj, err := s.liveRecord("record", record); err == nil && obj.ID == schema.Companies {
		return checkPrimaryPair(obj, obj)
	}
	return nil
}

// checkPrimaryPair: only a record of another object can have a primary
// company, and only a company can be one.
func checkPrimaryPair(obj, target schema.ObjectDef) error {
	switch {
	case obj.ID == schema.Companies:
		return errs.Invalid("record", "A company never has a primary company or contact.")
	case target.ID != schema.Companies:
		return errs.Invalid("targets", "Only a company can be a primary company.")
	}
	return nil
}

// Link is one association to import: To becomes one of From's associated
// records, with labels read from From; Primary makes To From's primary
// company.
type Link struct {
	From    string     `json:"from"`
	To      string     `json:"to"`
	Labels  []LabelRef `json:"labels"`
	Primary bool       `json:"primary"`
}

// importBatch is how many links one transaction of Import applies.
const importBatch = 1000

// Import applies many links (an import, sample data), importBatch per
// transaction: a failing link stops the import and its batch is not
// applied, the batches before it stay. Rules apply as in Associate; limits
// too. It returns how many links changed something.
func (s *Service) Import(meta changelog.Meta, links []Link) (Result, error) {
	var total Result
	for start := 0; start < len(links); start += importBatch {
		batch := links[start:min(start+importBatch, len(links))]
		var res Result
		err := s.write(meta, func(d *draft) error {
			res = Result{}
			for i, l := range batch {
				changed, err := s.importLink(d, l)
				if err != nil {
					e := errs.As(err)
					return &errs.Error{Code: e.Code, Field: e.Field, Message: fmt.Sprintf("Association %d: %s", start+i+1, e.Message)}
				}
				if changed {
					res.Changed++
				} else {
					res.Unchanged++
				}
			}
			return nil
		})
		if err != nil {
			return total, err
		}
		total.Changed += res.Changed
		total.Unchanged += res.Unchanged
	}
	return total, nil
}

func (s *Service) importLink(d *draft, l Link) (bool, error) {
	from, _, obj, err := s.liveRecord("from", l.From)
	if err != nil {
		return false, err
	}
	to, ref, tobj, err := s.liveRecord("to", l.To)
	if err != nil {
		return false, err
	}
	if from == to {
		return false, errs.Invalid("to", "A record cannot be associated with itself.")
	}
	p, err := s.definedPair(obj, tobj)
	if err != nil {
		return false, err
	}
	created, err := d.link(from, to, d.tx.Time().UnixMilli())
	if err != nil {
		return false, err
	}
	changed := created
	t := target{id: to, ref: ref, obj: tobj}
	for _, lr := range l.Labels {
		r, err := resolveLabel(p, obj, tobj, lr)
		if err != nil {
			return false, err
		}
		t.labels = append(t.labels, r)
	}
	if l.Primary {
		if !p.primaryFor(obj.ID) {
			return false, errs.Invalid("primary", "Only a company can be a primary company, of a record that is not a company.")
		}
		t.labels = append(t.labels, labelRef{PrimaryLabel, 0})
	}
	added, err := addLabels(d, from, t)
	return changed || added, err
}
