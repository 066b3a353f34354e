package schema

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/dgraph-io/badger/v4"

	"fieldbook/backend/changelog"
	"fieldbook/backend/errs"
	"fieldbook/backend/keys"
)

const maxLabelLen = 80

// Service owns the object definitions. It keeps them in memory (they are
// few and read on every record write) and writes them through the log.
type Service struct {
	log *changelog.Log
	mu  sync.RWMutex
	all []ObjectDef // built-ins first, then custom objects in creation order
	// deleteGuard decides whether an object may go (it must have no records);
	// it calls commit to delete it. Set by the records service.
	deleteGuard func(o ObjectDef, commit func() error) error
	// renameGuard checks every record has a name under an object's new
	// display property, calls commit, and renames the records in its index.
	renameGuard func(before, after ObjectDef, commit func() error) error
}

// GuardDelete installs the check that runs before a custom object is
// deleted; the records service uses it to refuse objects that have records.
func (s *Service) GuardDelete(guard func(o ObjectDef, commit func() error) error) {
	s.deleteGuard = guard
}

// GuardDisplayChange installs what runs around a change of an object's
// display property; the records service uses it to refuse a property some
// records have no value for, and to show the new names.
func (s *Service) GuardDisplayChange(guard func(before, after ObjectDef, commit func() error) error) {
	s.renameGuard = guard
}

// New loads the schema, creating the built-in objects in a new data folder.
func New(log *changelog.Log) (*Service, error) {
	s := &Service{log: log}
	if err := s.seed(); err != nil {
		return nil, err
	}
	return s, s.load()
}

func (s *Service) seed() error {
	_, err := s.log.Write(changelog.Meta{Source: changelog.SourceJob}, func(tx *changelog.Tx) error {
		for _, o := range BuiltIns() {
			item, err := tx.Get(keys.Object(o.ID))
			if errors.Is(err, badger.ErrKeyNotFound) {
				if err := putObject(tx, o, changelog.ObjectCreated); err != nil {
					return err
				}
				continue
			}
			if err != nil {
				return err
			}
			var stored ObjectDef
			if err := item.Value(func(v []byte) error { return json.Unmarshal(v, &stored) }); err != nil {
				return err
			}
			if err := addNewBuiltIns(tx, stored, o); err != nil {
				return err
			}
		}
		return nil
	})
	return err
}

// addNewBuiltIns gives a data folder made by an earlier version the
// built-in properties added since (a contact's website, a company's
// additional domains); a name the user took or removed is left alone.
func addNewBuiltIns(tx *changelog.Tx, stored, now ObjectDef) error {
	added := false
	for _, p := range now.Properties {
		if _, ok := stored.Property(p.Name); !ok && !slices.Contains(stored.Retired, p.Name) {
			stored.Properties = append(stored.Properties, p)
			added = true
		}
	}
	if !added {
		return nil
	}
	return putObject(tx, stored, changelog.PropertyAdded)
}

func (s *Service) load() error {
	var all []ObjectDef
	err := s.log.Store().View(func(txn *badger.Txn) error {
		it := txn.NewIterator(badger.IteratorOptions{Prefix: []byte{keys.PrefixObject}, PrefetchValues: true})
		defer it.Close()
		for it.Rewind(); it.Valid(); it.Next() {
			var o ObjectDef
			if err := it.Item().Value(func(v []byte) error { return json.Unmarshal(v, &o) }); err != nil {
				return err
			}
			all = append(all, o)
		}
		return nil
	})
	slices.SortFunc(all, func(a, b ObjectDef) int { return int(a.Num) - int(b.Num) })
	s.mu.Lock()
	s.all = all
	s.mu.Unlock()
	return err
}

// Objects returns every object, built-ins first. Definitions share memory
// with the schema (they are read on every record write, so no copy is
// made): read them, never change them; a change replaces them all (load).
func (s *Service) Objects() []ObjectDef {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return slices.Clone(s.all)
}

// Object returns one object by ID.
func (s *Service) Object(id string) (ObjectDef, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	for _, o := range s.all {
		if o.ID == id {
			return o, nil // shared: see Objects
		}
	}
	return ObjectDef{}, errs.Invalid("object", fmt.Sprintf("There is no object %q.", short(id)))
}

// ByNum returns the object with a key number.
func (s *Service) ByNum(num uint16) (ObjectDef, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	for _, o := range s.all {
		if o.Num == num {
			return o, true // shared: see Objects
		}
	}
	return ObjectDef{}, false
}

func (o ObjectDef) clone() ObjectDef {
	o.Properties = slices.Clone(o.Properties)
	for i := range o.Properties {
		o.Properties[i].Options = slices.Clone(o.Properties[i].Options)
	}
	return o
}

// CreateObject defines a custom object with a first text property, "Name",
// that is its display name.
func (s *Service) CreateObject(meta changelog.Meta, in ObjectInput) (ObjectDef, error) {
	singular, plural, err := in.clean()
	if err != nil {
		return ObjectDef{}, err
	}
	var created ObjectDef
	err = s.change(meta, func(tx *changelog.Tx, all []ObjectDef) error {
		for _, o := range all {
			if strings.EqualFold(o.Singular, singular) || strings.EqualFold(o.Plural, plural) {
				return errs.Invalid("plural", fmt.Sprintf("An object called %q already exists.", o.Plural))
			}
		}
		num, err := nextObjectNum(tx)
		if err != nil {
			return err
		}
		created = ObjectDef{
			ID:              uniqueID("c_"+slug(plural), all),
			Num:             num,
			Singular:        singular,
			Plural:          plural,
			Properties:      []Property{{Name: "name", Label: "Name", Type: Text}},
			DisplayProperty: "name",
		}
		return putObject(tx, created, changelog.ObjectCreated)
	})
	return created, err
}

// RenameObject changes a custom object's labels.
func (s *Service) RenameObject(meta changelog.Meta, id string, in ObjectInput) (ObjectDef, error) {
	singular, plural, err := in.clean()
	if err != nil {
		return ObjectDef{}, err
	}
	return s.update(meta, id, changelog.ObjectRenamed, func(o *ObjectDef, all []ObjectDef) error {
		if o.BuiltIn {
			return errs.Invalid("object", o.Plural+" is built in and keeps its name.")
		}
		for _, other := range all {
			if other.ID != o.ID && (strings.EqualFold(other.Singular, singular) || strings.EqualFold(other.Plural, plural)) {
				return errs.Invalid("plural", fmt.Sprintf("An object called %q already exists.", other.Plural))
			}
		}
		o.Singular, o.Plural = singular, plural
		return nil
	})
}

// DeleteObject removes a custom object that has no records left (live or in
// its recycle bin), so no record is ever orphaned.
func (s *Service) DeleteObject(meta changelog.Meta, id string) error {
	o, err := s.Object(id)
	if err != nil {
		return err
	}
	if o.BuiltIn {
		return errs.Invalid("object", o.Plural+" is built in and cannot be deleted.")
	}
	commit := func() error {
		return s.change(meta, func(tx *changelog.Tx, all []ObjectDef) error {
			if _, err := find(all, id); err != nil {
				return err
			}
			before, _ := json.Marshal(o)
			tx.Record(changelog.Change{Kind: changelog.ObjectDeleted, Object: o.ID, Before: before})
			return tx.Delete(keys.Object(o.ID))
		})
	}
	if s.deleteGuard == nil {
		return commit()
	}
	return s.deleteGuard(o, commit)
}

// AddProperty adds a property to any object.
func (s *Service) AddProperty(meta changelog.Meta, objectID string, in PropertyInput) (ObjectDef, error) {
	if err := in.check(); err != nil {
		return ObjectDef{}, err
	}
	return s.update(meta, objectID, changelog.PropertyAdded, func(o *ObjectDef, _ []ObjectDef) error {
		for _, p := range o.Properties {
			if strings.EqualFold(p.Label, strings.TrimSpace(in.Label)) {
				return errs.Invalid("label", fmt.Sprintf("%s already has a property called %q.", o.Plural, p.Label))
			}
		}
		name := slug(in.Label)
		taken := func(n string) bool { _, ok := o.Property(n); return ok || slices.Contains(o.Retired, n) }
		for i := 2; taken(name); i++ {
			name = fmt.Sprintf("%s_%d", slug(in.Label), i)
		}
		o.Properties = append(o.Properties, Property{
			Name: name, Label: strings.TrimSpace(in.Label), Type: in.Type, Options: cleanOptions(in.Options),
		})
		return nil
	})
}

// UpdateProperty renames a property and, for dropdowns, changes its options.
// Its type stays: values already stored are of that type.
func (s *Service) UpdateProperty(meta changelog.Meta, objectID, name string, in PropertyInput) (ObjectDef, error) {
	if err := in.check(); err != nil {
		return ObjectDef{}, err
	}
	return s.update(meta, objectID, changelog.PropertyUpdated, func(o *ObjectDef, _ []ObjectDef) error {
		i := slices.IndexFunc(o.Properties, func(p Property) bool { return p.Name == name })
		if i < 0 {
			return errs.Invalid("property", fmt.Sprintf("%s has no property %q.", o.Plural, short(name)))
		}
		if in.Type != o.Properties[i].Type {
			return errs.Invalid("type", "A property's type cannot be changed; add a new property instead.")
		}
		for _, p := range o.Properties {
			if p.Name != name && strings.EqualFold(p.Label, strings.TrimSpace(in.Label)) {
				return errs.Invalid("label", fmt.Sprintf("%s already has a property called %q.", o.Plural, p.Label))
			}
		}
		o.Properties[i].Label = strings.TrimSpace(in.Label)
		if in.Type == Dropdown {
			o.Properties[i].Options = cleanOptions(in.Options)
		}
		return nil
	})
}

// RemoveProperty removes a property from an object. Its name is retired, so
// a new property never picks up the old values, which stay in the records
// and their history.
func (s *Service) RemoveProperty(meta changelog.Meta, objectID, name string) (ObjectDef, error) {
	o, err := s.update(meta, objectID, changelog.PropertyRemoved, func(o *ObjectDef, _ []ObjectDef) error {
		i := slices.IndexFunc(o.Properties, func(p Property) bool { return p.Name == name })
		if i < 0 {
			return errs.Invalid("property", fmt.Sprintf("%s has no property %q.", o.Plural, short(name)))
		}
		if name == o.DisplayProperty || (o.ID == Contacts && slices.Contains(contactNameProperties, name)) {
			return errs.Invalid("property", fmt.Sprintf("%s is used as the record name and cannot be removed.", o.Properties[i].Label))
		}
		o.Properties = slices.Delete(o.Properties, i, i+1)
		o.Retired = append(o.Retired, name)
		return nil
	})
	return o, err
}

// SetDisplayProperty makes a custom object's records show prop as their
// name. Every record of the object must have a value for it.
func (s *Service) SetDisplayProperty(meta changelog.Meta, objectID, prop string) (ObjectDef, error) {
	before, err := s.Object(objectID)
	if err != nil {
		return ObjectDef{}, err
	}
	if before.BuiltIn {
		return ObjectDef{}, errs.Invalid("object", before.Plural+" are named by a built-in rule.")
	}
	p, ok := before.Property(prop)
	if !ok {
		return ObjectDef{}, errs.Invalid("property", fmt.Sprintf("%s have no property %q.", before.Plural, short(prop)))
	}
	if !before.CanNameBy(p) {
		return ObjectDef{}, errs.Invalid("property", fmt.Sprintf(
			"%s cannot be the name: a name is single-line text, an email, a phone number or a web address.", p.Label))
	}
	if prop == before.DisplayProperty {
		return before, nil
	}
	after := before.clone()
	after.DisplayProperty = prop
	commit := func() error {
		var err error
		after, err = s.update(meta, objectID, changelog.ObjectDisplayChanged, func(o *ObjectDef, _ []ObjectDef) error {
			if o.DisplayProperty != before.DisplayProperty {
				return errs.Invalid("property", "The name property changed meanwhile. Try again.")
			}
			o.DisplayProperty = prop
			return nil
		})
		return err
	}
	if s.renameGuard == nil {
		return after, commit()
	}
	return after, s.renameGuard(before, after, commit)
}

// update applies fn to one object and stores it, logging kind.
func (s *Service) update(meta changelog.Meta, id string, kind changelog.Kind, fn func(o *ObjectDef, all []ObjectDef) error) (ObjectDef, error) {
	var out ObjectDef
	err := s.change(meta, func(tx *changelog.Tx, all []ObjectDef) error {
		o, err := find(all, id)
		if err != nil {
			return err
		}
		out = o.clone()
		if err := fn(&out, all); err != nil {
			return err
		}
		return putObject(tx, out, kind)
	})
	return out, err
}

// change runs a schema write and reloads the in-memory copy after it.
func (s *Service) change(meta changelog.Meta, fn func(tx *changelog.Tx, all []ObjectDef) error) error {
	_, err := s.log.Write(meta, func(tx *changelog.Tx) error { return fn(tx, s.Objects()) })
	if err != nil {
		return err
	}
	return s.load()
}

func putObject(tx *changelog.Tx, o ObjectDef, kind changelog.Kind) error {
	b, err := json.Marshal(o)
	if err != nil {
		return err
	}
	tx.Record(changelog.Change{Kind: kind, Object: o.ID, After: b})
	return tx.Set(keys.Object(o.ID), b)
}

func find(all []ObjectDef, id string) (ObjectDef, error) {
	for _, o := range all {
		if o.ID == id {
			return o, nil
		}
	}
	return ObjectDef{}, errs.Invalid("object", fmt.Sprintf("There is no object %q.", short(id)))
}

func nextObjectNum(tx *changelog.Tx) (uint16, error) {
	num := firstCustomNum
	item, err := tx.Get(keys.Meta("next_object_num"))
	switch {
	case err == nil:
		if err := item.Value(func(v []byte) error { num = binary.BigEndian.Uint16(v); return nil }); err != nil {
			return 0, err
		}
	case !errors.Is(err, badger.ErrKeyNotFound):
		return 0, err
	}
	if num == 0xffff {
		return 0, errs.Invalid("object", "No more custom objects can be created.")
	}
	return num, tx.Set(keys.Meta("next_object_num"), binary.BigEndian.AppendUint16(nil, num+1))
}

func (in ObjectInput) clean() (singular, plural string, err error) {
	singular, err = CleanLabel("singular", "Singular name", in.Singular)
	if err != nil {
		return "", "", err
	}
	plural, err = CleanLabel("plural", "Plural name", in.Plural)
	return singular, plural, err
}

func (in PropertyInput) check() error {
	if _, err := CleanLabel("label", "Property name", in.Label); err != nil {
		return err
	}
	if !slices.Contains(Types, in.Type) {
		return errs.Invalid("type", fmt.Sprintf("%q is not a property type.", short(string(in.Type))))
	}
	if in.Type == Dropdown && len(cleanOptions(in.Options)) == 0 {
		return errs.Invalid("options", "A dropdown needs at least one option.")
	}
	return nil
}

// CleanLabel checks a name a person gives to something (an object, a label)
// and trims it; field and what name it in the error.
func CleanLabel(field, what, s string) (string, error) {
	if !utf8.ValidString(s) {
		return "", errs.Invalid(field, what+" contains characters that are not valid text (invalid UTF-8).")
	}
	s = strings.TrimSpace(s)
	switch {
	case s == "":
		return "", errs.Invalid(field, what+" is required.")
	case utf8.RuneCountInString(s) > maxLabelLen:
		return "", errs.Invalid(field, fmt.Sprintf("%s is too long (at most %d characters).", what, maxLabelLen))
	case strings.IndexFunc(s, unicode.IsControl) >= 0:
		return "", errs.Invalid(field, what+" must be a single line without control characters.")
	}
	return s, nil
}

// cleanOptions drops empty options and gives each a stable value.
func cleanOptions(in []Option) []Option {
	var out []Option
	seen := map[string]bool{}
	for _, o := range in {
		label := strings.TrimSpace(o.Label)
		if label == "" || !utf8.ValidString(label) {
			continue
		}
		value := o.Value
		if value == "" {
			value = slug(label)
		}
		for base, i := value, 2; seen[value]; i++ {
			value = fmt.Sprintf("%s_%d", base, i)
		}
		seen[value] = true
		out = append(out, Option{Value: value, Label: label})
	}
	return out
}

// slug makes a stable lowercase identifier out of a label.
func slug(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if b.Len() >= 32 {
			break
		}
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			b.WriteRune(r)
		case b.Len() > 0 && !strings.HasSuffix(b.String(), "_"):
			b.WriteByte('_')
		}
	}
	out := strings.Trim(b.String(), "_")
	if out == "" {
		return "property"
	}
	return out
}

func uniqueID(base string, all []ObjectDef) string {
	id := base
	for i := 2; slices.ContainsFunc(all, func(o ObjectDef) bool { return o.ID == id }); i++ {
		id = fmt.Sprintf("%s_%d", base, i)
	}
	return id
}
