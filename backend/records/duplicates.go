package records

import (
	"strings"

	"fieldbook/backend/domains"
	"fieldbook/backend/schema"
)

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
// record: an email without regard to case, a web address by its domain in
// domains.Normalize's canonical form ("" when it has none).
func keyOf(p schema.Property, v string) string {
	if p.Type == schema.URL {
		d, _ := domains.Normalize(v)
		return d
	}
	return strings.ToLower(v)
}

// identifiedBy says whether a record's values carry key: its unique key p,
// or one of its additional domains (a company's Domains properties).
func identifiedBy(obj *schema.ObjectDef, p schema.Property, props map[string]any, key string) bool {
	if v, _ := props[p.Name].(string); v != "" && keyOf(p, v) == key {
		return true
	}
	if p.Type != schema.URL {
		return false
	}
	for _, q := range obj.Properties {
		if v, _ := props[q.Name].(string); q.Type == schema.Domains {
			for _, shown := range schema.DomainsOf(v) {
				if d, _ := domains.Normalize(shown); d == key {
					return true
				}
			}
		}
	}
	return false
}

// Duplicates returns up to maxFound live records of an object with the
// same unique key (see uniqueKey) as props: what to warn about before
// creating a record. A key missing from props, or not valid yet while the
// user types it, finds none. The records are found through their search
// terms (the email and the domain are terms), not by reading every record.
func (s *Service) Duplicates(objectID string, props map[string]any) ([]RecordView, error) {
	obj, err := s.schema.Object(objectID)
	if err != nil {
		return nil, err
	}
	p, ok := uniqueKey(&obj)
	if !ok {
		return []RecordView{}, nil
	}
	given, _ := props[p.Name].(string)
	found, err := s.FindByKey(objectID, []string{KeyOf(&obj, given)})
	if err != nil {
		return nil, err
	}
	return s.load(&obj, found[0])
}
