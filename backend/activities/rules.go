// Package activities holds what Fieldbook does with the work logged on
// records (notes, calls, emails, meetings, tasks; issue 16): for now, the
// rules that choose which records an activity logged on a record is also
// associated with. The composer pre-ticks them; the user may untick any.
package activities

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"

	"github.com/dgraph-io/badger/v4"

	"fieldbook/backend/changelog"
	"fieldbook/backend/errs"
	"fieldbook/backend/keys"
	"fieldbook/backend/schema"
)

// Mode says which associated records of one object a rule adds.
type Mode string

const (
	None        Mode = "none"        // none of them
	PrimaryOnly Mode = "primary"     // the record's primary company
	All         Mode = "all"         // every one
	RecentOpen  Mode = "recent_open" // the Count most recently created open ones
)

// Modes lists every Mode.
var Modes = []Mode{None, PrimaryOnly, All, RecentOpen}

// Rule says which of a record's associated records of Target an activity
// logged on a record of Source is also associated with.
type Rule struct {
	Source string `json:"source"`
	Target string `json:"target"`
	Mode   Mode   `json:"mode"`
	Count  int    `json:"count,omitempty"` // RecentOpen only
}

// MaxRecent bounds a RecentOpen rule's count.
const MaxRecent = 50

// DefaultRules are HubSpot's defaults: on a contact, its primary company
// and 5 most recent open deals; on a company, its 5 most recent open deals;
// on a deal, its primary company and contacts; on a ticket, its contacts
// and primary company. Any other pair adds nothing.
func DefaultRules() []Rule {
	return []Rule{
		{Source: schema.Contacts, Target: schema.Companies, Mode: PrimaryOnly},
		{Source: schema.Contacts, Target: schema.Deals, Mode: RecentOpen, Count: 5},
		{Source: schema.Companies, Target: schema.Deals, Mode: RecentOpen, Count: 5},
		{Source: schema.Deals, Target: schema.Companies, Mode: PrimaryOnly},
		{Source: schema.Deals, Target: schema.Contacts, Mode: All},
		{Source: schema.Tickets, Target: schema.Contacts, Mode: All},
		{Source: schema.Tickets, Target: schema.Companies, Mode: PrimaryOnly},
	}
}

// rulesSetting is the setting that holds the rules the user changed.
const rulesSetting = "activity_rules"

// Rules returns the rules in force: every rule the user set, then the
// defaults of the other pairs.
func (s *Service) Rules() ([]Rule, error) {
	var set []Rule
	err := s.log.Store().View(func(txn *badger.Txn) error {
		var err error
		set, err = readRules(txn)
		return err
	})
	return merged(set), err
}

// SetRule changes the rule of one pair of objects.
func (s *Service) SetRule(meta changelog.Meta, r Rule) ([]Rule, error) {
	if err := s.check(&r); err != nil {
		return nil, err
	}
	var set []Rule
	_, err := s.log.Write(meta, func(tx *changelog.Tx) error {
		var err error
		if set, err = readRules(tx.Txn); err != nil {
			return err
		}
		before, _ := json.Marshal(merged(set))
		set = slices.DeleteFunc(set, func(x Rule) bool { return x.Source == r.Source && x.Target == r.Target })
		set = append(set, r)
		raw, err := json.Marshal(set)
		if err != nil {
			return err
		}
		after, _ := json.Marshal(merged(set))
		tx.Record(changelog.Change{Kind: changelog.SettingUpdated, Property: rulesSetting, Before: before, After: after})
		return tx.Set(keys.Setting(rulesSetting), raw)
	})
	return merged(set), err
}

// check validates a rule: two objects that are not the same, a mode, and
// a count only where it counts.
func (s *Service) check(r *Rule) error {
	src, err := s.schema.Object(r.Source)
	if err != nil {
		return errs.Invalid("source", errs.As(err).Message)
	}
	dst, err := s.schema.Object(r.Target)
	if err != nil {
		return errs.Invalid("target", errs.As(err).Message)
	}
	switch {
	case src.IsActivity():
		return errs.Invalid("source", "Rules are for records activities are logged on, not for activities.")
	case dst.IsActivity():
		return errs.Invalid("target", "A rule adds records, not other activities.")
	case r.Source == r.Target:
		return errs.Invalid("target", "A rule adds records of another object than the one the activity is logged on.")
	case !slices.Contains(Modes, r.Mode):
		return errs.Invalid("mode", fmt.Sprintf("%q is not a rule: choose none, primary, all or recent_open.", r.Mode))
	case r.Mode == PrimaryOnly && (r.Target != schema.Companies || !src.HasPrimaryCompany()):
		return errs.Invalid("mode", "Only a company can be a primary company, of a record that is not a company.")
	case r.Mode == RecentOpen && (r.Count < 1 || r.Count > MaxRecent):
		return errs.Invalid("count", fmt.Sprintf("Choose how many, from 1 to %d.", MaxRecent))
	}
	if r.Mode != RecentOpen {
		r.Count = 0
	}
	return nil
}

func readRules(txn *badger.Txn) ([]Rule, error) {
	item, err := txn.Get(keys.Setting(rulesSetting))
	if errors.Is(err, badger.ErrKeyNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var out []Rule
	err = item.Value(func(v []byte) error { return json.Unmarshal(v, &out) })
	return out, err
}

// merged is the rules the user set, then the defaults they do not replace.
func merged(set []Rule) []Rule {
	out := slices.Clone(set)
	for _, d := range DefaultRules() {
		if !slices.ContainsFunc(set, func(r Rule) bool { return r.Source == d.Source && r.Target == d.Target }) {
			out = append(out, d)
		}
	}
	return out
}
