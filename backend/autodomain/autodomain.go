// Package autodomain associates contacts with the company of their email
// domain (PRODUCT.md §10), as HubSpot's "Create and associate companies
// with contacts" does: a contact with no company gets the live company
// whose domain is its email's (the oldest when several share it), or a new
// company named from the domain. Free-mail domains fall back to the
// contact's website; excluded domains are never used; a contact that has
// any company is never touched. Every change carries the source "Auto
// association by domain". With the automation off, the same matching
// offers a suggestion on the contact's page instead.
package autodomain

import (
	"encoding/json"
	"errors"
	"sync"

	"github.com/dgraph-io/badger/v4"

	"fieldbook/backend/associations"
	"fieldbook/backend/changelog"
	"fieldbook/backend/domains"
	"fieldbook/backend/keys"
	"fieldbook/backend/records"
	"fieldbook/backend/schema"
)

// Setting is the automation's switch (Settings → Companies → Automation).
type Setting struct {
	Enabled bool `json:"enabled"`
}

// settingName is the automation's key among the settings.
const settingName = "automation:companiesByDomain"

// Service runs the automation and offers its suggestions.
type Service struct {
	log   *changelog.Log
	sch   *schema.Service
	recs  *records.Service
	links *associations.Service
	doms  *domains.Service

	job sync.Mutex // one run over the contacts at a time
}

// New returns the automation over the services it reads and writes through.
func New(log *changelog.Log, sch *schema.Service, recs *records.Service, links *associations.Service, doms *domains.Service) *Service {
	return &Service{log: log, sch: sch, recs: recs, links: links, doms: doms}
}

// Setting returns whether the automation is on (off in a new data folder).
func (s *Service) Setting() (Setting, error) {
	var out Setting
	err := s.log.Store().View(func(txn *badger.Txn) error {
		item, err := txn.Get(keys.Setting(settingName))
		if errors.Is(err, badger.ErrKeyNotFound) {
			return nil
		}
		if err != nil {
			return err
		}
		return item.Value(func(v []byte) error { return json.Unmarshal(v, &out) })
	})
	return out, err
}

// SaveSetting turns the automation on or off. Turning it on changes no
// contact by itself: Run applies it to the existing ones when the user
// asks, and contacts created or given a new email are matched from then on.
func (s *Service) SaveSetting(meta changelog.Meta, in Setting) (Setting, error) {
	v, err := json.Marshal(in)
	if err != nil {
		return Setting{}, err
	}
	_, err = s.log.Write(meta, func(tx *changelog.Tx) error {
		tx.Record(changelog.Change{Kind: changelog.SettingUpdated, Property: settingName, After: v})
		return tx.Set(keys.Setting(settingName), v)
	})
	if err != nil {
		return Setting{}, err
	}
	return in, nil
}
