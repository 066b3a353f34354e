package autodomain

import (
	"encoding/json"
	"errors"

	"github.com/dgraph-io/badger/v4"
	"github.com/google/uuid"

	"fieldbook/backend/changelog"
	"fieldbook/backend/domains"
	"fieldbook/backend/errs"
	"fieldbook/backend/keys"
	"fieldbook/backend/records"
	"fieldbook/backend/schema"
)

// Suggestion is a company whose domain is a contact's, offered on the
// contact's Companies card while the automation is off ("Associate with
// Acme Ltd?"). Accepting it is an ordinary association by the user.
type Suggestion struct {
	Company records.RecordView `json:"company"`
	Domain  string             `json:"domain"` // as shown (Unicode)
	Others  int                `json:"others"` // more live companies with that domain
}

// Suggest returns the suggestion for a contact, or nil: none while the
// automation is on, for a contact with a company, without a usable
// domain, or when the user dismissed that company for this contact.
func (s *Service) Suggest(contactID string) (*Suggestion, error) {
	id, err := records.ParseID(contactID)
	if err != nil {
		return nil, err
	}
	set, err := s.Setting()
	if err != nil || set.Enabled {
		return nil, err
	}
	views, err := s.recs.GetMany([]uuid.UUID{id})
	if err != nil {
		return nil, err
	}
	if len(views) == 0 || views[0].Object != schema.Contacts || views[0].DeletedAt != "" {
		return nil, errs.New(errs.CodeNotFound, "That contact no longer exists.")
	}
	owned, err := s.links.AssociatedMany(schema.Contacts, schema.Companies, []uuid.UUID{id})
	if err != nil || len(owned[0]) > 0 {
		return nil, err
	}
	r := s.newRun(changelog.Meta{})
	domain, _ := r.domainOf(views[0])
	if domain == "" {
		return nil, nil
	}
	t := []target{{contact: id, domain: domain}}
	if err := r.findCompanies(t); err != nil || t[0].company == uuid.Nil {
		return nil, err
	}
	dismissed, err := s.dismissed(id, t[0].company)
	if err != nil || dismissed {
		return nil, err
	}
	shown, err := s.recs.GetMany([]uuid.UUID{t[0].company})
	if err != nil || len(shown) == 0 {
		return nil, err
	}
	return &Suggestion{Company: shown[0], Domain: domains.Display(domain), Others: t[0].shared}, nil
}

// Dismiss remembers that the user does not want company suggested for
// contact.
func (s *Service) Dismiss(meta changelog.Meta, contactID, companyID string) error {
	contact, err := records.ParseID(contactID)
	if err != nil {
		return err
	}
	company, err := records.ParseID(companyID)
	if err != nil {
		return errs.Invalid("company", errs.As(err).Message)
	}
	_, err = s.log.Write(meta, func(tx *changelog.Tx) error {
		after, _ := json.Marshal(map[string]string{"contact": contact.String(), "company": company.String()})
		tx.Record(changelog.Change{Kind: changelog.SettingUpdated, Property: "company suggestion dismissed", After: after})
		return tx.Set(keys.SuggestionDismissed(contact, company), nil)
	})
	return err
}

func (s *Service) dismissed(contact, company uuid.UUID) (bool, error) {
	var found bool
	err := s.log.Store().View(func(txn *badger.Txn) error {
		_, err := txn.Get(keys.SuggestionDismissed(contact, company))
		if errors.Is(err, badger.ErrKeyNotFound) {
			return nil
		}
		found = err == nil
		return err
	})
	return found, err
}
