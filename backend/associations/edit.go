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

// member is a record an edit names, looked up once: the plan hands it to
// the draft, which needs no second lookup.
type member struct {
	id  uuid.UUID
	ref records.Ref
	obj schema.ObjectDef
	act *activityInfo // an activity's date and author; nil for other records
	// created: the record is created in this transaction (a Batch's).
	created bool
}

// plan checks an edit and turns it into links from the record to each
// target: the records, the pairs and the labels. It runs under the write
// lock, so the records it finds live stay live until the commit.
func (s *Service) plan(in Edit) ([]link, error) {
	if len(in.Targets) == 0 {
		return nil, errs.Invalid("targets", "Choose at least one record.")
	}
	if len(in.Targets) > MaxTargets {
		return nil, errs.Invalid("targets", fmt.Sprintf("Choose at most %d records at a time.", MaxTargets))
	}
	var primary uuid.UUID
	if in.Primary != "" {
		var err error
		if primary, err = records.ParseID(in.Primary); err != nil {
			return nil, errs.Invalid("primary", errs.As(err).Message)
		}
	}
	r := s.resolver(editFields, nil)
	out := make([]link, 0, len(in.Targets))
	seen := map[uuid.UUID]bool{}
	for _, target := range in.Targets {
		l, err := r.link(Link{From: in.Record, To: target, Labels: in.Labels})
		if err != nil {
			return nil, err
		}
		if seen[l.to.id] {
			continue
		}
		seen[l.to.id] = true
		l.primary = l.to.id == primary
		out = append(out, l)
	}
	if primary != (uuid.UUID{}) && !seen[primary] {
		return nil, errs.Invalid("primary", "The primary company must be one of the companies being associated.")
	}
	return out, nil
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

// edit plans in and applies change to each of its links in one
// transaction. adding: the edit gives labels, so a label a record may
// carry once cannot go to several targets.
func (s *Service) edit(meta changelog.Meta, in Edit, adding bool, change func(d *draft, l link) (bool, error)) (Result, error) {
	chosen, err := newPrimaries(in.NewPrimary)
	if err != nil {
		return Result{}, err
	}
	var res Result
	err = s.write(meta, func(d *draft) error {
		links, err := s.plan(in)
		if err != nil {
			return err
		}
		if adding {
			if err := s.checkOnce(links); err != nil {
				return err
			}
		}
		res = Result{}
		d.newPrimary = chosen
		for _, l := range links {
			d.seed(l.from)
			d.seed(l.to)
			changed, err := change(d, l)
			if err != nil {
				return err
			}
			res.count(changed)
		}
		return nil
	})
	return res, err
}

// count adds one target, changed or not, to the result.
func (r *Result) count(changed bool) {
	if changed {
		r.Changed++
	} else {
		r.Unchanged++
	}
}

// Associate associates a record with each target, with the given labels;
// targets already associated get the labels added. Primary names the
// target that becomes the record's primary company.
func (s *Service) Associate(meta changelog.Meta, in Edit) (Result, error) {
	return s.edit(meta, in, true, (*draft).apply)
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

// Disassociate removes the record's associations with each target.
func (s *Service) Disassociate(meta changelog.Meta, in Edit) (Result, error) {
	return s.edit(meta, in, false, func(d *draft, l link) (bool, error) {
		return d.unlink(l.from.id, l.to.id)
	})
}

// AddLabels adds labels to the record's existing associations with each
// target.
func (s *Service) AddLabels(meta changelog.Meta, in Edit) (Result, error) {
	return s.edit(meta, in, true, (*draft).addLabels)
}

// RemoveLabels takes labels off the record's associations with each target.
func (s *Service) RemoveLabels(meta changelog.Meta, in Edit) (Result, error) {
	return s.edit(meta, in, false, func(d *draft, l link) (bool, error) {
		changed := false
		for _, lr := range l.labels {
			removed, err := d.removeLabel(l.from.id, l.to.id, lr)
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
	in := Edit{Record: record, Targets: []string{company}}
	return s.edit(meta, in, true, func(d *draft, l link) (bool, error) { return d.markPrimary(l, "targets") })
}

// RemovePrimary takes the primary mark off the record's company; a contact
// with other companies needs newPrimary, one of them.
func (s *Service) RemovePrimary(meta changelog.Meta, record, company, newPrimary string) (Result, error) {
	in := Edit{Record: record, Targets: []string{company}}
	if newPrimary != "" {
		in.NewPrimary = map[string]string{record: newPrimary}
	}
	return s.edit(meta, in, false, func(d *draft, l link) (bool, error) {
		if err := checkPrimary(l, "record", "targets"); err != nil {
			return false, err
		}
		return d.removeLabel(l.from.id, l.to.id, labelRef{PrimaryLabel, 0})
	})
}
