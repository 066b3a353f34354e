package importer

import (
	"github.com/dgraph-io/badger/v4"

	"fieldbook/backend/changelog"
	"fieldbook/backend/keys"
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
	err = s.log.Store().View(func(txn *badger.Txn) error {
		it := txn.NewIterator(badger.IteratorOptions{Prefix: keys.ImportOpPrefix(id)})
		defer it.Close()
		for it.Rewind(); it.Valid(); it.Next() {
			_, opID, err := keys.ParseImportOp(it.Item().Key())
			if err != nil {
				return err
			}
			op, err := changelog.ReadOp(txn, opID)
			if err != nil {
				return err
			}
			for _, c := range op.Changes {
				matters := c.Kind == changelog.RecordCreated ||
					c.Kind == changelog.RecordUpdated && (c.Property == "email" || c.Property == "website")
				if c.Object == schema.Contacts && matters && !seen[c.Record] {
					seen[c.Record] = true
					out = append(out, c.Record)
				}
			}
		}
		return nil
	})
	return out, err
}
