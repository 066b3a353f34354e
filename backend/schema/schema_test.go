package schema

import (
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"fieldbook/backend/changelog"
	"fieldbook/backend/errs"
	"fieldbook/backend/store"
)

var user = changelog.Meta{Actor: changelog.Actor{ID: "u1", Name: "Ann"}, Source: changelog.SourceUser}

func newService(t *testing.T) (*Service, *changelog.Log) {
	t.Helper()
	st, err := store.OpenInMemory()
	require.NoError(t, err)
	t.Cleanup(func() { st.Close() })
	lg := changelog.New(st)
	s, err := New(lg)
	require.NoError(t, err)
	return s, lg
}

func requireInvalid(t *testing.T, err error, field string) {
	t.Helper()
	require.Error(t, err)
	e := errs.As(err)
	require.Equal(t, errs.CodeInvalid, e.Code, "got %v", err)
	require.Equal(t, field, e.Field, "got %v", err)
	require.NotEmpty(t, e.Message)
}

func TestBuiltInObjectsAreSeededOnce(t *testing.T) {
	s, lg := newService(t)
	objs := s.Objects()
	ids := make([]string, len(objs))
	for i, o := range objs {
		ids[i] = o.ID
	}
	require.Equal(t, []string{Contacts, Companies, Deals, Tickets, Notes, Calls, Emails, Meetings, Tasks}, ids)
	for _, o := range objs {
		require.Equal(t, o.ActivityDate != "", o.IsActivity(), o.ID)
		if o.IsActivity() {
			_, ok := o.Property(o.ActivityDate)
			require.True(t, ok, "%s is dated by a property it has", o.ID)
			require.False(t, o.HasPrimaryCompany(), o.ID)
		}
	}
	require.True(t, objs[8].Indexed(), "tasks have an index page")
	require.False(t, objs[4].Indexed(), "notes are read through timelines")
	contacts, err := s.Object(Contacts)
	require.NoError(t, err)
	for _, name := range []string{"firstname", "lastname", "email", "phone", "jobtitle"} {
		_, ok := contacts.Property(name)
		require.True(t, ok, name)
	}

	// Opening the service again on the same store seeds nothing new.
	again, err := New(lg)
	require.NoError(t, err)
	require.Equal(t, objs, again.Objects())
	ops := 0
	require.NoError(t, lg.Each(func(changelog.Op) error { ops++; return nil }))
	require.Equal(t, 1, ops, "the seed is one logged operation")
}

func TestCustomObjectLifecycle(t *testing.T) {
	s, _ := newService(t)
	p, err := s.CreateObject(user, ObjectInput{Singular: " Project ", Plural: "Projects"})
	require.NoError(t, err)
	require.Equal(t, "c_projects", p.ID)
	require.Equal(t, "Project", p.Singular)
	require.GreaterOrEqual(t, p.Num, firstCustomNum)
	require.Equal(t, "name", p.DisplayProperty)

	_, err = s.CreateObject(user, ObjectInput{Singular: "project", Plural: "Things"})
	requireInvalid(t, err, "plural")
	_, err = s.CreateObject(user, ObjectInput{Singular: "", Plural: "X"})
	requireInvalid(t, err, "singular")
	_, err = s.CreateObject(user, ObjectInput{Singular: "A\x00", Plural: "As"})
	requireInvalid(t, err, "singular")
	_, err = s.CreateObject(user, ObjectInput{Singular: "A", Plural: strings.Repeat("x", 1<<20)})
	requireInvalid(t, err, "plural")
	_, err = s.CreateObject(user, ObjectInput{Singular: "\xff", Plural: "B"})
	requireInvalid(t, err, "singular")

	renamed, err := s.RenameObject(user, p.ID, ObjectInput{Singular: "Initiative", Plural: "Initiatives"})
	require.NoError(t, err)
	require.Equal(t, p.ID, renamed.ID, "renaming keeps the ID")
	_, err = s.RenameObject(user, Contacts, ObjectInput{Singular: "Person", Plural: "People"})
	requireInvalid(t, err, "object")

	second, err := s.CreateObject(user, ObjectInput{Singular: "Vendor", Plural: "Vendors"})
	require.NoError(t, err)
	require.Equal(t, p.Num+1, second.Num)

	require.NoError(t, s.DeleteObject(user, p.ID))
	_, err = s.Object(p.ID)
	requireInvalid(t, err, "object")
	requireInvalid(t, s.DeleteObject(user, Deals), "object")
	requireInvalid(t, s.DeleteObject(user, "nope"), "object")
}

func TestProperties(t *testing.T) {
	s, _ := newService(t)
	o, err := s.AddProperty(user, Contacts, PropertyInput{Label: "Lead score", Type: Number})
	require.NoError(t, err)
	score, ok := o.Property("lead_score")
	require.True(t, ok)
	require.Equal(t, Number, score.Type)

	_, err = s.AddProperty(user, Contacts, PropertyInput{Label: "lead score", Type: Text})
	requireInvalid(t, err, "label")
	_, err = s.AddProperty(user, Contacts, PropertyInput{Label: "Tier", Type: Dropdown})
	requireInvalid(t, err, "options")
	_, err = s.AddProperty(user, Contacts, PropertyInput{Label: "Mood", Type: "colour"})
	requireInvalid(t, err, "type")

	o, err = s.AddProperty(user, Contacts, PropertyInput{Label: "Tier", Type: Dropdown, Options: []Option{{Label: "Gold"}, {Label: "  "}, {Label: "Silver"}, {Label: "Gold"}}})
	require.NoError(t, err)
	tier, _ := o.Property("tier")
	require.Equal(t, []Option{{Value: "gold", Label: "Gold"}, {Value: "silver", Label: "Silver"}, {Value: "gold_2", Label: "Gold"}}, tier.Options)

	o, err = s.UpdateProperty(user, Contacts, "lead_score", PropertyInput{Label: "Score", Type: Number})
	require.NoError(t, err)
	score, _ = o.Property("lead_score")
	require.Equal(t, "Score", score.Label, "renaming keeps the name")
	_, err = s.UpdateProperty(user, Contacts, "lead_score", PropertyInput{Label: "Score", Type: Text})
	requireInvalid(t, err, "type")

	_, err = s.RemoveProperty(user, Contacts, "email")
	requireInvalid(t, err, "property")
	_, err = s.RemoveProperty(user, Companies, "name")
	requireInvalid(t, err, "property")
	o, err = s.RemoveProperty(user, Contacts, "lead_score")
	require.NoError(t, err)
	_, ok = o.Property("lead_score")
	require.False(t, ok)

	// A new property with the same label gets a new name: old values never
	// come back under it.
	o, err = s.AddProperty(user, Contacts, PropertyInput{Label: "Lead score", Type: Number})
	require.NoError(t, err)
	_, ok = o.Property("lead_score_2")
	require.True(t, ok)
}

func TestAnOlderFolderGetsTheBuiltInPropertiesAddedSince(t *testing.T) {
	st, err := store.OpenInMemory()
	require.NoError(t, err)
	t.Cleanup(func() { st.Close() })
	lg := changelog.New(st)
	// A folder from before contacts had a website and companies more
	// domains; in it the user removed nothing and added nothing.
	_, err = lg.Write(user, func(tx *changelog.Tx) error {
		for _, o := range BuiltIns() {
			o.Properties = slices.DeleteFunc(slices.Clone(o.Properties), func(p Property) bool {
				return p.Name == "website" || p.Name == "domains"
			})
			if o.ID == Companies {
				o.Retired = []string{"domains"} // as if the user had removed it
			}
			if err := putObject(tx, o, changelog.ObjectCreated); err != nil {
				return err
			}
		}
		return nil
	})
	require.NoError(t, err)
	s, err := New(lg)
	require.NoError(t, err)
	contacts, err := s.Object(Contacts)
	require.NoError(t, err)
	website, ok := contacts.Property("website")
	require.True(t, ok, "contacts get a website")
	require.Equal(t, URL, website.Type)
	companies, err := s.Object(Companies)
	require.NoError(t, err)
	_, ok = companies.Property("domains")
	require.False(t, ok, "a property the user removed does not come back")

	again, err := New(lg)
	require.NoError(t, err)
	require.Equal(t, s.Objects(), again.Objects(), "the upgrade runs once")
}

func TestNormalize(t *testing.T) {
	p := func(t PropertyType, opts ...Option) Property {
		return Property{Name: "f", Label: "Field", Type: t, Options: opts}
	}
	ok := []struct {
		prop Property
		in   any
		want any
	}{
		{p(Text), "  Ann  ", "Ann"},
		{p(Text), "<script>alert(1)</script>", "<script>alert(1)</script>"},
		{p(Text), "", nil},
		{p(Text), nil, nil},
		{p(LongText), "line 1\nline 2\ttab", "line 1\nline 2\ttab"},
		{p(Number), "1,234.5", 1234.5},
		{p(Number), 42.0, 42.0},
		{p(Currency), "$99.90", 99.9},
		{p(Date), "2026-02-28", "2026-02-28"},
		{p(DateTime), "2026-02-28T10:30:00Z", "2026-02-28T10:30:00Z"},
		{p(Bool), "yes", true},
		{p(Bool), false, false},
		{p(Dropdown, Option{Value: "won", Label: "Closed won"}), "closed WON", "won"},
		{p(Email), "Ann.Lee@Example.COM", "Ann.Lee@example.com"},
		{p(Phone), "+1 (555) 010-9999 ext 12", "+1 (555) 010-9999 ext 12"},
		{p(URL), "Acme.COM", "acme.com"},
		{p(URL), "https://www.acme.com/about", "https://www.acme.com/about"},
		{p(URL), "münchen.de", "münchen.de"},
		{p(Domains), "Acme.com; https://www.acme.co.uk/about, xn--mnchen-3ya.de\nacme.com", "acme.com; acme.co.uk; münchen.de"},
		{p(Domains), " ; ", ""},
	}
	for _, c := range ok {
		got, err := c.prop.Normalize(c.in)
		require.NoError(t, err, "%s %q", c.prop.Type, c.in)
		require.Equal(t, c.want, got, "%s %q", c.prop.Type, c.in)
	}

	bad := []struct {
		prop Property
		in   any
		says string
	}{
		{p(Text), "a\x00b", "control character"},
		{p(Text), "two\nlines", "single line"},
		{p(Text), "\xff\xfe", "invalid UTF-8"},
		{p(Text), strings.Repeat("x", 1<<20), "too long"},
		{p(LongText), strings.Repeat("x", 1<<20), "too long"},
		{p(Text), 12.0, "must be text"},
		{p(Number), "twelve", "must be a number"},
		{p(Number), "NaN", "between"},
		{p(Number), true, "must be a number"},
		{p(Date), "2026-02-30", "must be a date"},
		{p(Date), "31/01/2026", "must be a date"},
		{p(DateTime), "tomorrow", "date and time"},
		{p(Bool), "maybe", "yes or no"},
		{p(Dropdown, Option{Value: "a", Label: "A"}), "b", "must be one of: A"},
		{p(Email), "not-an-email", "email address"},
		{p(Email), "ann@localhost", "email address"},
		{p(Email), "Ann <ann@x.com>", "email address"},
		{p(Phone), "call me", "phone number"},
		{p(URL), "not a url", "web address"},
		{p(URL), "javascript:alert(1)", "web address"},
		{p(URL), "-acme.com", "web address"},
		{p(Domains), "acme.com; not_a domain!", `"not_a" is not a domain`},
		{p(Domains), "<b>x</b>.com", "is not a domain"},
		{p(Domains), strings.Repeat("a.com;", MaxDomains+1), "at most 50"},
	}
	for _, c := range bad {
		_, err := c.prop.Normalize(c.in)
		require.Error(t, err, "%s %q", c.prop.Type, c.in)
		e := errs.As(err)
		require.Equal(t, "f", e.Field)
		require.Contains(t, e.Message, c.says, "%s %q", c.prop.Type, c.in)
		require.True(t, strings.HasPrefix(e.Message, "Field "), "the message names the property: %s", e.Message)
		require.Less(t, len(e.Message), 300, "a huge value is not echoed back whole")
	}
}

func TestDisplayNames(t *testing.T) {
	contacts := BuiltIns()[0]
	require.Equal(t, "Ann Lee", contacts.DisplayName(map[string]any{"firstname": "Ann", "lastname": "Lee", "email": "a@x.com"}))
	require.Equal(t, "Lee", contacts.DisplayName(map[string]any{"lastname": "Lee"}))
	require.Equal(t, "a@x.com", contacts.DisplayName(map[string]any{"email": "a@x.com"}))
	requireInvalid(t, contacts.RequireName(map[string]any{"phone": "555 1234"}), "firstname")
	deals := BuiltIns()[2]
	require.Equal(t, "Big order", deals.DisplayName(map[string]any{"name": "Big order"}))
	requireInvalid(t, deals.RequireName(map[string]any{"amount": 5.0}), "name")
}

// The rules an object's view carries are the ones the service applies.
func TestObjectViewCarriesItsRules(t *testing.T) {
	s, _ := newService(t)
	p, err := s.CreateObject(user, ObjectInput{Singular: "Project", Plural: "Projects"})
	require.NoError(t, err)
	for _, in := range []PropertyInput{{Label: "Code", Type: Text}, {Label: "Budget", Type: Number}, {Label: "Owner email", Type: Email}, {Label: "Notes", Type: LongText}} {
		p, err = s.AddProperty(user, p.ID, in)
		require.NoError(t, err)
	}
	v := p.View()
	require.Equal(t, []string{"name", "code", "owner_email"}, v.NameCandidates)
	require.True(t, v.PrimaryCompany)
	for _, prop := range p.Properties {
		_, err := s.SetDisplayProperty(user, p.ID, prop.Name)
		if slices.Contains(v.NameCandidates, prop.Name) {
			require.NoError(t, err, prop.Name)
		} else {
			requireInvalid(t, err, "property")
		}
	}

	companies, err := s.Object(Companies)
	require.NoError(t, err)
	require.False(t, companies.View().PrimaryCompany)
	require.Empty(t, companies.View().NameCandidates, "built-in objects are named by a built-in rule")
	require.NotNil(t, companies.View().NameCandidates, "JSON [] rather than null")
	contacts, err := s.Object(Contacts)
	require.NoError(t, err)
	require.True(t, contacts.View().PrimaryCompany)
}
