package autodomain

import (
	"context"
	"fmt"
	"testing"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"fieldbook/backend/associations"
	"fieldbook/backend/changelog"
	"fieldbook/backend/domains"
	"fieldbook/backend/records"
	"fieldbook/backend/schema"
	"fieldbook/backend/store"
)

var ann = changelog.Meta{Actor: changelog.Actor{ID: "u-ann", Name: "Ann"}, Source: changelog.SourceUser}

type fixture struct {
	log   *changelog.Log
	sch   *schema.Service
	recs  *records.Service
	links *associations.Service
	doms  *domains.Service
	auto  *Service
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	st, err := store.OpenInMemory()
	require.NoError(t, err)
	t.Cleanup(func() { st.Close() })
	lg := changelog.New(st)
	sch, err := schema.New(lg)
	require.NoError(t, err)
	recs, err := records.New(lg, sch)
	require.NoError(t, err)
	links, err := associations.New(lg, sch, recs)
	require.NoError(t, err)
	doms, err := domains.New(lg)
	require.NoError(t, err)
	f := &fixture{log: lg, sch: sch, recs: recs, links: links, doms: doms, auto: New(lg, sch, recs, links, doms)}
	t.Cleanup(func() {
		for _, check := range []func() ([]string, error){links.Check, recs.Check} {
			problems, err := check()
			require.NoError(t, err)
			require.Empty(t, problems)
		}
	})
	return f
}

func (f *fixture) create(t *testing.T, object string, props map[string]any) string {
	t.Helper()
	r, err := f.recs.Create(ann, object, props)
	require.NoError(t, err)
	return r.ID
}

func (f *fixture) contact(t *testing.T, email string) string {
	return f.create(t, schema.Contacts, map[string]any{"firstname": "Test", "email": email})
}

func (f *fixture) company(t *testing.T, name, domain string) string {
	return f.create(t, schema.Companies, map[string]any{"name": name, "domain": domain})
}

// companies returns the names of a contact's companies, the primary first.
func (f *fixture) companies(t *testing.T, contact string) []string {
	t.Helper()
	g, err := f.links.Page(contact, schema.Companies, 0, 100)
	require.NoError(t, err)
	var out []string
	for _, it := range g.Items {
		out = append(out, it.Name)
	}
	return out
}

func (f *fixture) run(t *testing.T) Result {
	t.Helper()
	res, err := f.auto.Run(context.Background(), ann, nil)
	require.NoError(t, err)
	return res
}

func TestRunAssociatesContactsWithTheCompanyOfTheirDomain(t *testing.T) {
	f := newFixture(t)
	acme := f.company(t, "Acme Ltd", "https://www.Acme.com/about")
	ann := f.contact(t, "ann@ACME.com")
	res := f.run(t)
	require.Equal(t, 1, res.Associated)
	require.Zero(t, res.CompaniesCreated)
	require.Equal(t, []string{"Acme Ltd"}, f.companies(t, ann))
	g, err := f.links.Page(ann, schema.Companies, 0, 1)
	require.NoError(t, err)
	require.Equal(t, acme, g.Items[0].ID)
	require.True(t, g.Items[0].Primary, "its only company becomes its primary")

	h, err := f.links.History(ann, schema.Companies, 10, "")
	require.NoError(t, err)
	require.NotEmpty(t, h)
	require.Equal(t, changelog.SourceAutoDomain, h[0].Source)
}

func TestRunNeverTouchesAContactThatHasACompany(t *testing.T) {
	f := newFixture(t)
	f.company(t, "Acme Ltd", "acme.com")
	other := f.company(t, "Other", "other.com")
	bea := f.contact(t, "bea@acme.com")
	_, err := f.links.Associate(ann, associations.Edit{Record: bea, Targets: []string{other}})
	require.NoError(t, err)

	res := f.run(t)
	require.Equal(t, 1, res.HasCompany)
	require.Equal(t, []string{"Other"}, f.companies(t, bea))
	again := f.run(t)
	require.Zero(t, again.Associated+again.AssociatedNew+again.CompaniesCreated, "a second run changes nothing")
}

func TestRunCreatesOneCompanyPerNewDomain(t *testing.T) {
	f := newFixture(t)
	var ids []string
	for i := range 50 {
		ids = append(ids, f.contact(t, fmt.Sprintf("person%d@globex.co.uk", i)))
	}
	res := f.run(t)
	require.Equal(t, 1, res.CompaniesCreated)
	require.Equal(t, 50, res.AssociatedNew)
	n, err := f.recs.Count(schema.Companies)
	require.NoError(t, err)
	require.Equal(t, 1, n)
	for _, id := range ids {
		require.Equal(t, []string{"Globex"}, f.companies(t, id))
	}
	page, err := f.recs.List(records.ListQuery{Object: schema.Companies, Limit: 1})
	require.NoError(t, err)
	require.Equal(t, "globex.co.uk", page.Records[0].Props["domain"])

	again := f.run(t)
	require.Equal(t, 50, again.HasCompany)
	require.Zero(t, again.CompaniesCreated)
}

func TestRunCreatesTheCompanyOnceAcrossTransactions(t *testing.T) {
	f := newFixture(t)
	for i := range chunk + 10 {
		f.contact(t, fmt.Sprintf("p%d@initech.com", i))
	}
	res := f.run(t)
	require.Equal(t, 1, res.CompaniesCreated)
	require.Equal(t, chunk+10, res.AssociatedNew)
}

func TestRunSkipsFreeMailAndExcludedDomains(t *testing.T) {
	f := newFixture(t)
	free := f.contact(t, "someone@gmail.com")
	_, err := f.doms.SaveLists(ann, domains.Lists{Excluded: []string{"partner.com"}})
	require.NoError(t, err)
	excluded := f.contact(t, "x@partner.com")
	none := f.create(t, schema.Contacts, map[string]any{"firstname": "No email"})

	res := f.run(t)
	require.Equal(t, 1, res.FreeMail)
	require.Equal(t, 1, res.Excluded)
	require.Equal(t, 1, res.NoDomain)
	require.Zero(t, res.CompaniesCreated)
	for _, id := range []string{free, excluded, none} {
		require.Empty(t, f.companies(t, id))
	}
}

func TestRunTriesTheWebsiteOfAFreeMailContact(t *testing.T) {
	f := newFixture(t)
	f.company(t, "Hooli", "hooli.com")
	c := f.create(t, schema.Contacts, map[string]any{"firstname": "Gavin", "email": "gavin@gmail.com", "website": "https://hooli.com/team"})
	res := f.run(t)
	require.Equal(t, 1, res.Associated)
	require.Equal(t, []string{"Hooli"}, f.companies(t, c))
}

func TestRunMatchesAdditionalDomains(t *testing.T) {
	f := newFixture(t)
	f.create(t, schema.Companies, map[string]any{"name": "Globex", "domain": "globex.com", "domains": "globex.de; globex.fr"})
	c := f.contact(t, "hans@globex.de")
	res := f.run(t)
	require.Equal(t, 1, res.Associated)
	require.Equal(t, []string{"Globex"}, f.companies(t, c))
}

func TestRunDoesNotFoldSubdomains(t *testing.T) {
	f := newFixture(t)
	f.company(t, "Acme", "acme.com")
	c := f.contact(t, "a@info.acme.com")
	res := f.run(t)
	require.Equal(t, 1, res.CompaniesCreated)
	require.Equal(t, []string{"Acme"}, f.companies(t, c)) // a new company, named from info.acme.com
	n, err := f.recs.Count(schema.Companies)
	require.NoError(t, err)
	require.Equal(t, 2, n)
}

func TestRunPicksTheOldestOfSeveralCompaniesOnADomain(t *testing.T) {
	f := newFixture(t)
	first := f.company(t, "Acme (first)", "acme.com")
	f.company(t, "Acme (second)", "acme.com")
	f.company(t, "Acme (third)", "www.acme.com")
	c := f.contact(t, "a@acme.com")
	f.run(t)
	g, err := f.links.Page(c, schema.Companies, 0, 10)
	require.NoError(t, err)
	require.Len(t, g.Items, 1)
	require.Equal(t, first, g.Items[0].ID)
	h, err := f.links.History(c, schema.Companies, 10, "")
	require.NoError(t, err)
	require.Equal(t, "Other companies share acme.com; the oldest was chosen.", h[len(h)-1].Note)

	lone := f.contact(t, "b@lone.com")
	f.company(t, "Lone", "lone.com")
	f.run(t)
	h, err = f.links.History(lone, schema.Companies, 10, "")
	require.NoError(t, err)
	require.Empty(t, h[0].Note, "one company on its domain needs no note")
}

func TestRunMatchesInternationalDomains(t *testing.T) {
	f := newFixture(t)
	muenchen := f.company(t, "Stadtwerke", "münchen.de")
	c := f.contact(t, "info@xn--mnchen-3ya.de")
	f.run(t)
	g, err := f.links.Page(c, schema.Companies, 0, 10)
	require.NoError(t, err)
	require.Len(t, g.Items, 1)
	require.Equal(t, muenchen, g.Items[0].ID)
}

func TestRunStopsWhenCanceled(t *testing.T) {
	f := newFixture(t)
	for i := range 2*chunk + 1 {
		f.contact(t, fmt.Sprintf("p%d@d%d.com", i, i%7))
	}
	ctx, cancel := context.WithCancel(context.Background())
	var seen []Progress
	res, err := f.auto.Run(ctx, ann, func(p Progress) {
		seen = append(seen, p)
		cancel()
	})
	require.ErrorIs(t, err, context.Canceled)
	require.Len(t, seen, 1)
	require.Equal(t, Progress{Done: chunk, Total: 2*chunk + 1}, seen[0])
	require.Equal(t, chunk, res.Associated+res.AssociatedNew, "the first transaction stays")
}

func TestForContactsRunsOnlyWhenTheAutomationIsOn(t *testing.T) {
	f := newFixture(t)
	f.company(t, "Acme", "acme.com")
	c := f.contact(t, "c@acme.com")
	res, err := f.auto.ForContacts(ann, []string{c})
	require.NoError(t, err)
	require.Zero(t, res.Contacts)
	require.Empty(t, f.companies(t, c))

	_, err = f.auto.SaveSetting(ann, Setting{Enabled: true})
	require.NoError(t, err)
	set, err := f.auto.Setting()
	require.NoError(t, err)
	require.True(t, set.Enabled)
	res, err = f.auto.ForContacts(ann, []string{c})
	require.NoError(t, err)
	require.Equal(t, 1, res.Associated)
	require.Equal(t, []string{"Acme"}, f.companies(t, c))

	_, err = f.auto.ForContacts(ann, []string{"not an id"})
	require.Error(t, err)
}

func TestSuggestionsWhileTheAutomationIsOff(t *testing.T) {
	f := newFixture(t)
	acme := f.company(t, "Acme Ltd", "acme.com")
	f.company(t, "Acme Two", "acme.com")
	c := f.contact(t, "c@acme.com")

	s, err := f.auto.Suggest(c)
	require.NoError(t, err)
	require.NotNil(t, s)
	require.Equal(t, acme, s.Company.ID)
	require.Equal(t, "acme.com", s.Domain)
	require.Equal(t, 1, s.Others)

	require.NoError(t, f.auto.Dismiss(ann, c, acme))
	s, err = f.auto.Suggest(c)
	require.NoError(t, err)
	require.Nil(t, s, "a dismissed suggestion stays dismissed")

	_, err = f.auto.Suggest(uuid.NewString())
	require.Error(t, err)

	free := f.contact(t, "me@gmail.com")
	s, err = f.auto.Suggest(free)
	require.NoError(t, err)
	require.Nil(t, s)

	_, err = f.auto.SaveSetting(ann, Setting{Enabled: true})
	require.NoError(t, err)
	other := f.contact(t, "d@acme.com")
	s, err = f.auto.Suggest(other)
	require.NoError(t, err)
	require.Nil(t, s, "no suggestions while the automation is on")

}

func TestNameOf(t *testing.T) {
	for domain, want := range map[string]string{
		"acme.com":          "Acme",
		"globex.co.uk":      "Globex",
		"info.acme.com":     "Acme",
		"xn--mnchen-3ya.de": "München",
	} {
		require.Equal(t, want, NameOf(domain), domain)
	}
}

func TestRunCountsWhatALimitRefusesAndGoesOn(t *testing.T) {
	f := newFixture(t)
	f.company(t, "Acme", "acme.com")
	f.company(t, "Globex", "globex.com")
	_, err := f.links.SetLimit(ann, schema.Companies, schema.Contacts, associations.Limit{From: schema.Companies, Max: 2})
	require.NoError(t, err)
	for i := range 3 {
		f.contact(t, fmt.Sprintf("p%d@acme.com", i))
	}
	g := f.contact(t, "g@globex.com")
	res := f.run(t)
	require.Equal(t, 1, res.Refused, "the third contact of Acme is over its limit")
	require.Equal(t, 3, res.Associated)
	require.Equal(t, []string{"Globex"}, f.companies(t, g))
}

// A contact the user gives a company between its matching and the write
// keeps just that company.
func TestAContactGivenACompanyMeanwhileIsLeftAlone(t *testing.T) {
	f := newFixture(t)
	acme := f.company(t, "Acme", "acme.com")
	other := f.company(t, "Other", "other.com")
	c := f.contact(t, "c@acme.com")
	r := f.auto.newRun(ann)
	r.pending = []target{{contact: uuid.MustParse(c), domain: "acme.com", company: uuid.MustParse(acme)}}
	_, err := f.links.Associate(ann, associations.Edit{Record: c, Targets: []string{other}})
	require.NoError(t, err)
	require.NoError(t, r.finish())
	require.Equal(t, 1, r.res.HasCompany)
	require.Equal(t, []string{"Other"}, f.companies(t, c))
}

// When a limit refuses a transaction that also creates a company, the
// contacts written one by one after it still share that one company.
func TestARefusedBatchStillCreatesOneCompanyPerDomain(t *testing.T) {
	f := newFixture(t)
	_, err := f.links.SetLimit(ann, schema.Companies, schema.Contacts, associations.Limit{From: schema.Companies, Max: 2})
	require.NoError(t, err)
	for i := range 3 {
		f.contact(t, fmt.Sprintf("p%d@newco.com", i))
	}
	res := f.run(t)
	require.Equal(t, 1, res.CompaniesCreated)
	require.Equal(t, 2, res.AssociatedNew)
	require.Equal(t, 1, res.Refused)
	n, err := f.recs.Count(schema.Companies)
	require.NoError(t, err)
	require.Equal(t, 1, n)
}
