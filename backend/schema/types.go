// Package schema holds Fieldbook's objects (Contacts, Companies, Deals,
// Tickets and the user's custom objects), their properties, and how a
// property's value is checked and normalised.
package schema

import "slices"

// PropertyType is the kind of value a property holds.
type PropertyType string

const (
	Text     PropertyType = "text"      // single line
	LongText PropertyType = "long_text" // multi-line
	Number   PropertyType = "number"
	Currency PropertyType = "currency" // an amount; stored as a number
	Date     PropertyType = "date"     // YYYY-MM-DD
	DateTime PropertyType = "datetime" // RFC 3339, stored in UTC
	Bool     PropertyType = "bool"     // yes/no
	Dropdown PropertyType = "dropdown" // one of Options, stored by value
	Email    PropertyType = "email"
	Phone    PropertyType = "phone"
	URL      PropertyType = "url"     // a URL or a bare domain
	Domains  PropertyType = "domains" // web domains, "acme.com; acme.co.uk"
)

// Types lists every property type, in the order the UI offers them.
var Types = []PropertyType{Text, LongText, Number, Currency, Date, DateTime, Bool, Dropdown, Email, Phone, URL, Domains}

// Option is one choice of a dropdown property.
type Option struct {
	Value string `json:"value"`
	Label string `json:"label"`
}

// Property describes one field of an object. Name is its stable key in
// records and never changes; Label is what the user sees and may rename.
type Property struct {
	Name    string       `json:"name"`
	Label   string       `json:"label"`
	Type    PropertyType `json:"type"`
	Options []Option     `json:"options"`
	BuiltIn bool         `json:"builtIn"`
}

// ObjectDef is a kind of record. ID is stable ("contacts", or "c_..." for a
// custom object); Num is its compact number inside database keys.
type ObjectDef struct {
	ID              string     `json:"id"`
	Num             uint16     `json:"num"`
	Singular        string     `json:"singular"`
	Plural          string     `json:"plural"`
	BuiltIn         bool       `json:"builtIn"`
	Properties      []Property `json:"properties"`
	DisplayProperty string     `json:"displayProperty"` // the property shown as the record's name
	Retired         []string   `json:"retired"`         // names of removed properties, never reused
	// ActivityDate is, for an activity object, the property that dates its
	// records on timelines (a note's activity date, a meeting's start).
	ActivityDate string `json:"activityDate,omitempty"`
}

// IsActivity says whether o is one of the activity objects (notes, calls,
// emails, meetings, tasks): records logged on other records' timelines.
func (o *ObjectDef) IsActivity() bool { return o.ActivityDate != "" }

// Indexed says whether o's records are kept in the in-memory index (sorted,
// searchable, listed on an index page). Activities other than tasks are
// not: there are many of them and they are read through timelines, so a
// data folder opens without reading them (docs/activities.md).
func (o *ObjectDef) Indexed() bool { return !o.IsActivity() || o.ID == Tasks }

// Property returns the property with the given name.
func (o *ObjectDef) Property(name string) (Property, bool) {
	for _, p := range o.Properties {
		if p.Name == name {
			return p, true
		}
	}
	return Property{}, false
}

// HasPrimaryCompany says whether o's records can have a primary company:
// every object's but Companies' and activities' (a custom object's once its
// pair with Companies is defined).
func (o *ObjectDef) HasPrimaryCompany() bool { return o.ID != Companies && !o.IsActivity() }

// nameTypes are the property types a record's name can be.
var nameTypes = []PropertyType{Text, Email, Phone, URL}

// CanNameBy says whether o's records can be named by p: a custom object's,
// by single-line text, an email, a phone number or a web address.
func (o *ObjectDef) CanNameBy(p Property) bool {
	return !o.BuiltIn && slices.Contains(nameTypes, p.Type)
}

// ObjectView is an object as the app shows it: its definition and the
// rules the UI follows, so that it need not work them out again.
type ObjectView struct {
	ObjectDef
	PrimaryCompany bool     `json:"primaryCompany"` // see HasPrimaryCompany
	NameCandidates []string `json:"nameCandidates"` // the properties its records can be named by
}

// View is o with its rules, for the app.
func (o *ObjectDef) View() ObjectView {
	v := ObjectView{ObjectDef: *o, PrimaryCompany: o.HasPrimaryCompany(), NameCandidates: []string{}}
	for _, p := range o.Properties {
		if o.CanNameBy(p) {
			v.NameCandidates = append(v.NameCandidates, p.Name)
		}
	}
	return v
}

// ObjectInput is what the user gives to create or rename a custom object.
type ObjectInput struct {
	Singular string `json:"singular"`
	Plural   string `json:"plural"`
}

// PropertyInput is what the user gives to add or change a property.
type PropertyInput struct {
	Label   string       `json:"label"`
	Type    PropertyType `json:"type"`
	Options []Option     `json:"options"`
}
