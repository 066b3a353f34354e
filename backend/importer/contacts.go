package importer

import (
	"fieldbook/backend/changelog"
	"fieldbook/backend/records"
	"fieldbook/backend/schema"
)

// Contacts lists the contacts an import created or gave a new email or
// website, once each: those companies by domain looks at after it.
func (s *Service) Contacts(importID string) ([]string, error) {
	id, err := records.ParseID(importID)
	if err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	var out []string
	err = s.eachChange(id, func(c changelog.Change) error {
		matters := c.Kind == changelog.RecordCreated ||
			c.Kind == changelog.RecordUpdated && (c.Property == "email" || c.Property == "website")
		if c.Object == schema.Contacts && matters && !seen[c.Record] {
			seen[c.Record] = true
			out = append(out, c.Record)
		}
		return nil
	})
	return out, err
}
