package associations

import (
	"strings"

	"github.com/google/uuid"
)

// What a bulk writer (an import) asks before it writes: which links are
// new, what a label's name means, and how much room the limits leave.

// Associated reports whether two records (not activities) are associated.
func (s *Service) Associated(a, b uuid.UUID) bool {
	n := s.node(a)
	for g := range n.groups() {
		if g.find(b) >= 0 {
			return true
		}
	}
	return false
}

// CheckPair refuses two objects whose records cannot be associated (their
// pair is not defined, or one is an activity), saying why.
func (s *Service) CheckPair(from, to string) error {
	a, b, err := s.objects(from, to)
	if err == nil {
		_, err = s.definedPair(a, b)
	}
	return err
}

// FindLabel finds the label a record of from gives its association with a
// record of to, by its name or, for a paired label, by either of its names,
// ignoring case. ok is false when the pair has no such label.
func (s *Service) FindLabel(from, to, name string) (ref LabelRef, ok bool, err error) {
	a, b, err := s.objects(from, to)
	if err != nil {
		return LabelRef{}, false, err
	}
	name = strings.TrimSpace(name)
	p := s.pair(a, b)
	for _, o := range p.options(a.ID) {
		if strings.EqualFold(o.Name, name) {
			return LabelRef{ID: o.ID, Inverse: o.Inverse}, true, nil
		}
	}
	if a.ID != b.ID { // a paired label named from the other side
		for _, l := range p.Labels {
			if l.Kind == Paired && strings.EqualFold(l.Inverse, name) && l.From == a.ID || l.Kind == Paired && strings.EqualFold(l.Name, name) && l.To == a.ID {
				return LabelRef{ID: l.ID}, true, nil
			}
		}
	}
	return LabelRef{}, false, nil
}

// Limits are the limits on how many records of to a record of from may be
// associated with.
func (s *Service) Limits(from, to string) ([]Limit, error) {
	a, b, err := s.objects(from, to)
	if err != nil {
		return nil, err
	}
	var out []Limit
	for _, l := range s.pair(a, b).Limits {
		if l.From == a.ID {
			out = append(out, l)
		}
	}
	return out, nil
}

// LimitCount counts what lim counts of record's associations with
// records of object to.
func (s *Service) LimitCount(record uuid.UUID, to string, lim Limit) int {
	obj, err := s.schema.Object(to)
	if err != nil {
		return 0
	}
	return limitCount(s.node(record), obj.Num, lim)
}

// AssociatedMany returns, for each record of object from, its associations
// with records of object to, the primary first, each with its labels as
// read from the record: an export's association columns.
func (s *Service) AssociatedMany(from, to string, ids []uuid.UUID) ([][]Associated, error) {
	a, b, err := s.objects(from, to)
	if err != nil {
		return nil, err
	}
	out := make([][]Associated, len(ids))
	for i, id := range ids {
		g := s.node(id).group(b.Num)
		if g.size() > 0 {
			out[i] = s.page(a, b, g, 0, g.size()).Items
		}
	}
	return out, nil
}
