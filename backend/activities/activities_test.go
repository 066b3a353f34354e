package activities

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"

	"fieldbook/backend/associations"
	"fieldbook/backend/changelog"
	"fieldbook/backend/errs"
	"fieldbook/backend/records"
	"fieldbook/backend/schema"
	"fieldbook/backend/store"
)

var ann = changelog.Meta{Actor: changelog.Actor{ID: "u-ann", Name: "Ann"}, Source: changelog.SourceUser}

type fixture struct {
	log   *changelog.Log
	recs  *records.Service
	links *associations.Service
	acts  *Service
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
	f := &fixture{log: lg, recs: recs, links: links, acts: New(lg, sch, recs, links)}
	t.Cleanup(func() { f.requireConsistent(t) })
	return f
}

// requireConsistent runs the records' and the associations' checkers.
func (f *fixture) requireConsistent(t *testing.T) {
	t.Helper()
	problems, err := f.recs.Check()
	require.NoError(t, err)
	more, err := f.links.Check()
	require.NoError(t, err)
	require.Empty(t, append(problems, more...))
}

func (f *fixture) create(t *testing.T, object string, props map[string]any) string {
	t.Helper()
	r, err := f.recs.Create(ann, object, props)
	require.NoError(t, err)
	return r.ID
}

func (f *fixture) associate(t *testing.T, rec string, targets ...string) {
	t.Helper()
	_, err := f.links.Associate(ann, associations.Edit{Record: rec, Targets: targets})
	require.NoError(t, err)
}

// names lists suggestions as "name (rule)".
func names(t *testing.T, got []Suggestion, err error) []string {
	t.Helper()
	require.NoError(t, err)
	out := []string{}
	for _, s := range got {
		out = append(out, fmt.Sprintf("%s (%s)", s.Name, s.Rule))
	}
	return out
}

// world: Ann works at Acme (primary) and Beta; eight deals of Ann's were
// created in order, D6 lost and D8 won; Bo is Ann's colleague on D7; a
// ticket of Ann's and Bo's.
type world struct{ ann, bo, acme, beta, ticket string }

func (f *fixture) world(t *testing.T) (w world, deals []string) {
	w.ann = f.create(t, schema.Contacts, map[string]any{"firstname": "Ann", "lastname": "Lee"})
	w.bo = f.create(t, schema.Contacts, map[string]any{"firstname": "Bo", "lastname": "Berg"})
	w.acme = f.create(t, schema.Companies, map[string]any{"name": "Acme"})
	w.beta = f.create(t, schema.Companies, map[string]any{"name": "Beta"})
	f.associate(t, w.ann, w.acme, w.beta) // Acme first: the primary
	for i := 1; i <= 8; i++ {
		stage := "qualified"
		switch i {
		case 6:
			stage = "lost"
		case 8:
			stage = "won"
		}
		deals = append(deals, f.create(t, schema.Deals, map[string]any{"name": fmt.Sprint("D", i), "stage": stage}))
	}
	f.associate(t, w.ann, deals...)
	f.associate(t, deals[6], w.bo, w.beta)
	_, err := f.links.Associate(ann, associations.Edit{Record: deals[6], Targets: []string{w.acme}, Primary: w.acme})
	require.NoError(t, err)
	w.ticket = f.create(t, schema.Tickets, map[string]any{"subject": "Broken widget"})
	f.associate(t, w.ticket, w.ann, w.bo, w.beta)
	_, err = f.links.SetPrimary(ann, w.ticket, w.beta)
	require.NoError(t, err)
	return w, deals
}

func TestDefaultRulesPreselectLikeHubSpot(t *testing.T) {
	f := newFixture(t)
	w, deals := f.world(t)

	got, err := f.acts.Suggest(w.ann)
	require.Equal(t, []string{"Ann Lee ()", "Acme (primary)", "D7 (recent_open)", "D5 (recent_open)", "D4 (recent_open)",
		"D3 (recent_open)", "D2 (recent_open)"}, names(t, got, err), "a contact: its primary company and 5 most recent open deals")
	require.Equal(t, schema.Deals, got[2].Object)
	require.Equal(t, deals[6], got[2].Record)

	got, err = f.acts.Suggest(w.acme)
	require.Equal(t, []string{"Acme ()", "D7 (recent_open)"}, names(t, got, err), "a company: its open deals")

	got, err = f.acts.Suggest(deals[6])
	require.Equal(t, []string{"D7 ()", "Acme (primary)", "Bo Berg (all)", "Ann Lee (all)"}, names(t, got, err),
		"a deal: its primary company and its contacts")

	got, err = f.acts.Suggest(w.ticket)
	require.Equal(t, []string{"Broken widget ()", "Bo Berg (all)", "Ann Lee (all)", "Beta (primary)"}, names(t, got, err),
		"a ticket: its contacts and its primary company")

	got, err = f.acts.Suggest(w.beta)
	require.Equal(t, []string{"Beta ()", "D7 (recent_open)"}, names(t, got, err))
}

func TestRulesCanBeChanged(t *testing.T) {
	f := newFixture(t)
	w, _ := f.world(t)
	rules, err := f.acts.SetRule(ann, Rule{Source: schema.Contacts, Target: schema.Companies, Mode: All, Count: 3})
	require.NoError(t, err)
	require.Equal(t, Rule{Source: schema.Contacts, Target: schema.Companies, Mode: All}, rules[0], "the count goes with recent_open only")
	_, err = f.acts.SetRule(ann, Rule{Source: schema.Contacts, Target: schema.Deals, Mode: RecentOpen, Count: 2})
	require.NoError(t, err)
	_, err = f.acts.SetRule(ann, Rule{Source: schema.Contacts, Target: schema.Tickets, Mode: All})
	require.NoError(t, err)

	got, err := f.acts.Suggest(w.ann)
	require.Equal(t, []string{"Ann Lee ()", "Acme (all)", "Beta (all)", "D7 (recent_open)", "D5 (recent_open)", "Broken widget (all)"},
		names(t, got, err))

	// Setting a pair again replaces its rule; None turns it off.
	_, err = f.acts.SetRule(ann, Rule{Source: schema.Contacts, Target: schema.Deals, Mode: None})
	require.NoError(t, err)
	rules, err = f.acts.Rules()
	require.NoError(t, err)
	require.Len(t, rules, len(DefaultRules())+1, "one rule per pair")
	got, err = f.acts.Suggest(w.ann)
	require.Equal(t, []string{"Ann Lee ()", "Acme (all)", "Beta (all)", "Broken widget (all)"}, names(t, got, err))

	// Every change is logged as a setting change.
	var last changelog.Op
	require.NoError(t, f.log.Each(func(op changelog.Op) error { last = op; return nil }))
	require.Equal(t, changelog.SettingUpdated, last.Changes[0].Kind)
	require.Equal(t, rulesSetting, last.Changes[0].Property)
}

func TestBadRulesAreRefusedAndChangeNothing(t *testing.T) {
	f := newFixture(t)
	for _, c := range []struct {
		rule  Rule
		field string
	}{
		{Rule{Source: "planets", Target: schema.Deals, Mode: All}, "source"},
		{Rule{Source: schema.Contacts, Target: "planets", Mode: All}, "target"},
		{Rule{Source: schema.Deals, Target: schema.Deals, Mode: All}, "target"},
		{Rule{Source: schema.Contacts, Target: schema.Deals, Mode: "some"}, "mode"},
		{Rule{Source: schema.Contacts, Target: schema.Deals, Mode: PrimaryOnly}, "mode"},
		{Rule{Source: schema.Companies, Target: schema.Companies, Mode: PrimaryOnly}, "target"},
		{Rule{Source: schema.Contacts, Target: schema.Deals, Mode: RecentOpen}, "count"},
		{Rule{Source: schema.Contacts, Target: schema.Deals, Mode: RecentOpen, Count: MaxRecent + 1}, "count"},
		{Rule{Source: schema.Notes, Target: schema.Deals, Mode: All}, "source"},
		{Rule{Source: schema.Contacts, Target: schema.Tasks, Mode: All}, "target"},
	} {
		_, err := f.acts.SetRule(ann, c.rule)
		require.Error(t, err, "%+v", c.rule)
		e := errs.As(err)
		require.Equal(t, errs.CodeInvalid, e.Code, e.Message)
		require.Equal(t, c.field, e.Field, e.Message)
	}
	rules, err := f.acts.Rules()
	require.NoError(t, err)
	require.Equal(t, DefaultRules(), rules)
}

func TestSuggestNeedsALiveRecord(t *testing.T) {
	f := newFixture(t)
	c := f.create(t, schema.Contacts, map[string]any{"firstname": "Cleo"})
	_, err := f.recs.Delete(ann, []string{c})
	require.NoError(t, err)
	_, err = f.acts.Suggest(c)
	require.Equal(t, "record", errs.As(err).Field)
	require.Contains(t, errs.As(err).Message, "recycle bin")
	_, err = f.acts.Suggest("0190a0b2-1c3d-7e4f-8a5b-6c7d8e9f0a1b")
	require.Equal(t, errs.CodeNotFound, errs.As(err).Code)
	_, err = f.acts.Suggest("nonsense")
	require.Equal(t, errs.CodeInvalid, errs.As(err).Code)
}
