package associations

import (
	"fmt"
	"slices"

	"github.com/google/uuid"

	"fieldbook/backend/errs"
	"fieldbook/backend/schema"
)

// The rules every change of associations meets, each worded once: a
// contact with companies has exactly one primary company; only a company
// can be a primary company, and never of a company; a label a record may
// carry once moves rather than doubles; limits cap how many records of an
// object a record may be associated with.

// settle gives a record its primary company where the rules need one: a
// contact associated with companies has exactly one primary; any record
// whose user chose a new primary gets it.
func (d *draft) settle(id uuid.UUID) error {
	n := d.touched[id]
	companies, err := d.s.schema.Object(schema.Companies)
	if err != nil || !n.obj.HasPrimaryCompany() {
		return nil
	}
	g := n.after.group(companies.Num)
	primaries := 0
	for _, e := range g.edges {
		if e.isPrimary() {
			primaries++
		}
	}
	choice, chosen := d.newPrimary[id]
	switch {
	case primaries > 1:
		return fmt.Errorf("%s has %d primary companies", id, primaries)
	case primaries == 1 || len(g.edges) == 0:
		return nil
	case chosen:
		if g.find(choice) < 0 {
			return errs.Invalid("newPrimary", fmt.Sprintf("%s is not one of %s's companies. Choose one of them as the new primary.",
				quote(d.nameOf(choice)), quote(n.ref.Name)))
		}
		_, err := d.addLabel(id, choice, labelRef{PrimaryLabel, 0})
		return err
	case n.obj.ID != schema.Contacts:
		return nil // other objects may have no primary company
	case len(g.edges) == 1 && !d.auto && n.wasPrimary(companies.Num, g.edges[0].other):
		return errs.Invalid("targets", fmt.Sprintf("%s is %s's only company, so it is always the primary company.",
			quote(d.nameOf(g.edges[0].other)), quote(n.ref.Name)))
	case len(g.edges) == 1 || d.auto || n.before.group(companies.Num).size() == 0:
		// The only company, the one associated longest, or the first of
		// the companies a contact without any gets.
		_, err := d.addLabel(id, g.edges[0].other, labelRef{PrimaryLabel, 0})
		return err
	}
	return &errs.Error{Code: errs.CodePrimaryRequired, Field: "newPrimary", Message: fmt.Sprintf(
		"%s needs a primary company: choose which of the %d companies becomes primary.", quote(n.ref.Name), len(g.edges))}
}

// wasPrimary: other was the record's primary company before this draft.
func (n *draftNode) wasPrimary(num uint16, other uuid.UUID) bool {
	e, ok := n.before.edge(num, other)
	return ok && e.isPrimary()
}

// dropHeld removes the primary-kind label held (from owner's side) from
// owner's associations in g, except with the records in keep.
func (d *draft) dropHeld(owner uuid.UUID, g group, held labelRef, keep ...uuid.UUID) error {
	var holders []uuid.UUID
	for _, e := range g.edges {
		if e.has(held) && !slices.Contains(keep, e.other) {
			holders = append(holders, e.other)
		}
	}
	for _, other := range holders {
		if _, err := d.removeLabel(owner, other, held); err != nil {
			return err
		}
	}
	return nil
}

// holds reports whether the record that may carry primary-kind label l
// once (l read from a's side, in the pair of a and b) carries it already.
func (d *draft) holds(a, b uuid.UUID, l labelRef) bool {
	owner, other, held := a, b, l
	if l.side == 1 {
		owner, other, held = b, a, l.flip()
	}
	g := d.touched[owner].after.group(d.touched[other].ref.Num)
	for _, e := range g.edges {
		if e.has(held) {
			return true
		}
	}
	return false
}

// checkLimits refuses a change that takes a record over a limit it was not
// already over.
func (d *draft) checkLimits(id uuid.UUID) error {
	n := d.touched[id]
	if n.ref.Deleted {
		return nil
	}
	for g := range n.after.groups() {
		other, ok := d.s.schema.ByNum(g.num)
		if !ok {
			continue
		}
		p := d.s.pair(n.obj, other)
		for _, lim := range p.Limits {
			if lim.From != n.obj.ID {
				continue
			}
			after, before := limitCount(*n.after, g.num, lim), limitCount(n.before, g.num, lim)
			if after <= lim.Max || after <= before {
				continue
			}
			what := other.Plural
			if lim.Max == 1 {
				what = other.Singular
			}
			what = lowerFirst(what)
			if lim.Label != 0 {
				what += " labelled “" + labelName(p, labelRef{lim.Label, sideOf(lim)}) + "”"
			}
			return &errs.Error{Code: errs.CodeLimit, Field: "targets", Message: fmt.Sprintf(
				"Each %s can be associated with at most %d %s (a limit set in Settings → Associations); %s would have %d.",
				lowerFirst(n.obj.Singular), lim.Max, what, quote(n.ref.Name), after)}
		}
	}
	return nil
}

func sideOf(l Limit) uint8 {
	if l.Inverse {
		return 1
	}
	return 0
}

// limitCount counts the associations of n with records of object num that
// a limit counts.
func limitCount(n node, num uint16, lim Limit) int {
	g := n.group(num)
	if lim.Label == 0 {
		return len(g.edges)
	}
	count := 0
	for _, e := range g.edges {
		if e.has(labelRef{lim.Label, sideOf(lim)}) {
			count++
		}
	}
	return count
}

// checkOnce refuses to give several targets at once a label a record may
// carry once.
func (s *Service) checkOnce(links []link) error {
	if len(links) < 2 {
		return nil
	}
	p := s.pair(links[0].from.obj, links[0].to.obj)
	for _, l := range links[0].labels {
		if def, _ := p.label(l.id); def.Kind == Primary && l.side == 0 {
			return errs.Invalid("labels", fmt.Sprintf("“%s” can be on only one record at a time. Choose one record for it.", labelName(p, l)))
		}
	}
	return nil
}

// checkPrimary: only a company can be a primary company, and only of a
// record that is not a company. The fields name the link's two ends.
func checkPrimary(l link, ownerField, companyField string) error {
	switch {
	case !l.from.obj.HasPrimaryCompany():
		return errs.Invalid(ownerField, fmt.Sprintf("%s is a company, and a company never has a primary company.", quote(l.from.ref.Name)))
	case l.to.obj.ID != schema.Companies:
		return errs.Invalid(companyField, fmt.Sprintf("%s cannot be a primary company: only a company can be.", quote(l.to.ref.Name)))
	}
	return nil
}

// refusal: a rule turned the change down for one target (as opposed to a
// bad request or a broken store).
func refusal(err error) bool {
	e := errs.As(err)
	return e.Code == errs.CodeLimit || e.Code == errs.CodePrimaryRequired || (e.Code == errs.CodeInvalid && e.Field == "targets") || e.Code == errs.CodeNotFound
}

func quote(name string) string {
	if name == "" {
		return "This record"
	}
	return "“" + name + "”"
}

func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	b := []byte(s)
	if b[0] >= 'A' && b[0] <= 'Z' {
		b[0] += 'a' - 'A'
	}
	return string(b)
}
