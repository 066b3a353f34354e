package activities

import (
	"cmp"
	"fmt"
	"slices"

	"fieldbook/backend/associations"
	"fieldbook/backend/changelog"
	"fieldbook/backend/errs"
	"fieldbook/backend/records"
	"fieldbook/backend/schema"
)

// Service applies the activity rules to the records and their associations.
type Service struct {
	log     *changelog.Log
	schema  *schema.Service
	records *records.Service
	links   *associations.Service
}

// New returns the activities service.
func New(log *changelog.Log, sch *schema.Service, recs *records.Service, links *associations.Service) *Service {
	return &Service{log: log, schema: sch, records: recs, links: links}
}

// Suggestion is a record an activity logged on a record is associated with
// unless the user unticks it: that record itself, or one a rule adds.
type Suggestion struct {
	Record string `json:"record"`
	Object string `json:"object"`
	Name   string `json:"name"`
	Rule   Mode   `json:"rule,omitempty"` // the rule that adds it; "" for the record itself
}

// Suggest lists the records an activity logged on record is associated
// with: the record first, then those the rules add, in the rules' order.
// Rules apply at this moment only: records associated later do not pull
// in earlier activities.
func (s *Service) Suggest(recordID string) ([]Suggestion, error) {
	rec, err := s.records.Get(recordID)
	if err != nil {
		return nil, err
	}
	if rec.DeletedAt != "" {
		return nil, errs.Invalid("record", fmt.Sprintf("“%s” is in the recycle bin. Restore it first.", rec.DisplayName))
	}
	rules, err := s.Rules()
	if err != nil {
		return nil, err
	}
	out := []Suggestion{{Record: rec.ID, Object: rec.Object, Name: rec.DisplayName}}
	for _, r := range rules {
		if r.Source != rec.Object || r.Mode == None {
			continue
		}
		if _, err := s.schema.Object(r.Target); err != nil {
			continue // a rule of an object deleted since
		}
		found, err := s.apply(rec.ID, r)
		if err != nil {
			return nil, err
		}
		out = append(out, found...)
	}
	return out, nil
}

// apply finds the records one rule adds.
func (s *Service) apply(record string, r Rule) ([]Suggestion, error) {
	items, err := s.associated(record, r.Target)
	if err != nil {
		return nil, err
	}
	var out []Suggestion
	add := func(a associations.Associated) {
		out = append(out, Suggestion{Record: a.ID, Object: r.Target, Name: a.Name, Rule: r.Mode})
	}
	switch r.Mode {
	case PrimaryOnly:
		for _, a := range items {
			if a.Primary {
				add(a)
			}
		}
	case All:
		for _, a := range items {
			add(a)
		}
	case RecentOpen:
		// IDs are UUIDv7: their order is the order the records were created in.
		slices.SortFunc(items, func(a, b associations.Associated) int { return cmp.Compare(b.ID, a.ID) })
		for _, a := range items {
			if len(out) == r.Count {
				break
			}
			rec, err := s.records.Get(a.ID)
			if err != nil {
				return nil, err
			}
			if open(rec) {
				add(a)
			}
		}
	}
	return out, nil
}

// associated lists every record of object associated with record.
func (s *Service) associated(record, object string) ([]associations.Associated, error) {
	var out []associations.Associated
	for {
		g, err := s.links.Page(record, object, len(out), associations.MaxPage)
		if err != nil {
			return nil, err
		}
		out = append(out, g.Items...)
		if len(g.Items) == 0 || len(out) >= g.Total {
			return out, nil
		}
	}
}

// open: a deal is open unless its stage is Closed won or Closed lost, a
// ticket unless it is Closed; records of other objects always are.
func open(r records.RecordView) bool {
	switch r.Object {
	case schema.Deals:
		return r.Props["stage"] != "won" && r.Props["stage"] != "lost"
	case schema.Tickets:
		return r.Props["status"] != "closed"
	}
	return true
}
