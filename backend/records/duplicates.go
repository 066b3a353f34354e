package records

import (
	"strings"

	"github.com/google/uuid"

	"fieldbook/backend/ordered"
	"fieldbook/backend/schema"
)

// maxDuplicates bounds what Duplicates returns: enough to offer the
// existing record.
const maxDuplicates = 3

// uniqueKey names the property whose value identifies a record of obj, as
// HubSpot treats them: a contact's email and a company's domain. Other
// objects have none.
func uniqueKey(obj *schema.ObjectDef) (schema.Property, bool) {
	switch obj.ID {
	case schema.Contacts:
		return obj.Property("email")
	case schema.Companies:
		return obj.Property("domain")
	}
	return schema.Property{}, false
}

// keyOf is the form in which two values of a unique key are the same
// record: an email without regard to case, a web address by its domain.
func keyOf(p schema.Property, v string) string {
	if p.Type == schema.URL {
		return schema.HostOf(v)
	}
	return strings.ToLower(v)
}

// Duplicates returns up to maxDuplicates live records of an object with the
// same unique key (see uniqueKey) as props: what to warn about before
// creating a record. A key missing from props, or not valid yet while the
// user types it, finds none. The records are found through their search
// terms (the email and the domain are terms), not by reading every record.
func (s *Service) Duplicates(objectID string, props map[string]any) ([]RecordView, error) {
	obj, err := s.schema.Object(objectID)
	if err != nil {
		return nil, err
	}
	out := []RecordView{}
	p, ok := uniqueKey(&obj)
	if !ok {
		return out, nil
	}
	v, err := p.Normalize(props[p.Name])
	given, _ := v.(string)
	key := keyOf(p, given)
	if err != nil || key == "" {
		return out, nil
	}
	term := ordered.TextOf(truncate(fold(key), maxTermBytes))
	var ids []uuid.UUID
	s.idx.rlock()
	s.idx.terms.AscendFrom(ordered.Entry{Text: term, Num: obj.Num}, func(t ordered.Entry) bool {
		if t.Text.Compare(term) != 0 || t.Num != obj.Num {
			return false
		}
		ids = append(ids, t.ID)
		return len(ids) < 4*maxDuplicates // a few more in case some share only the folded term
	})
	s.idx.mu.RUnlock()
	found, err := s.readMany(ids)
	for i, r := range found {
		if r == nil || r.DeletedAt != 0 {
			continue // deleted since the index was read
		}
		if other, _ := r.Props[p.Name].(string); other != "" && keyOf(p, other) == key {
			out = append(out, present(&obj, ids[i], r))
		}
		if len(out) == maxDuplicates {
			break
		}
	}
	return out, err
}
