package associations

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"fieldbook/backend/changelog"
	"fieldbook/backend/errs"
	"fieldbook/backend/records"
	"fieldbook/backend/schema"
)

func TestAssociationIsSeenFromBothSides(t *testing.T) {
	f := newFixture(t)
	c, k := f.contact(t, "Cleo"), f.company(t, "Acme")
	res := f.associate(t, c, k)
	require.Equal(t, Result{Changed: 1}, res)
	require.Equal(t, []string{k}, ids(f.group(t, c, schema.Companies)))
	require.Equal(t, []string{c}, ids(f.group(t, k, schema.Contacts)))

	again := f.associate(t, c, k)
	require.Equal(t, Result{Unchanged: 1}, again)

	res, err := f.links.Disassociate(ann, Edit{Record: k, Targets: []string{c}})
	require.NoError(t, err)
	require.Equal(t, 1, res.Changed)
	require.Empty(t, f.group(t, c, schema.Companies).Items)
	require.Empty(t, f.group(t, k, schema.Contacts).Items)
}

func TestContactsFirstCompanyIsPrimaryAndCannotBeUnmarked(t *testing.T) {
	f := newFixture(t)
	c, k := f.contact(t, "Cleo"), f.company(t, "Acme")
	f.associate(t, c, k)
	require.Equal(t, k, f.primaryOf(t, c))
	_, err := f.links.RemovePrimary(ann, c, k, "")
	requireCode(t, err, errs.CodeInvalid, "targets")
	require.Contains(t, errs.As(err).Message, "only company")
	require.Equal(t, k, f.primaryOf(t, c))
}

func TestContactWithThreeCompaniesHasExactlyOnePrimary(t *testing.T) {
	f := newFixture(t)
	c := f.contact(t, "Cleo")
	k1, k2, k3 := f.company(t, "One"), f.company(t, "Two"), f.company(t, "Three")
	f.associate(t, c, k1)
	f.associate(t, c, k2, k3)
	require.Equal(t, k1, f.primaryOf(t, c), "new companies do not take the primary mark")

	// Replace the primary: the old one stays associated.
	_, err := f.links.SetPrimary(ann, c, k2)
	require.NoError(t, err)
	require.Equal(t, k2, f.primaryOf(t, c))
	require.ElementsMatch(t, []string{k1, k2, k3}, ids(f.group(t, c, schema.Companies)))

	// Associating a new company as primary replaces the current one.
	k4 := f.company(t, "Four")
	_, err = f.links.Associate(ann, Edit{Record: c, Targets: []string{k4}, Primary: k4})
	require.NoError(t, err)
	require.Equal(t, k4, f.primaryOf(t, c))

	// Removing the primary mark needs a new primary in the same call.
	_, err = f.links.RemovePrimary(ann, c, k4, "")
	requireCode(t, err, errs.CodePrimaryRequired, "newPrimary")
	require.Equal(t, k4, f.primaryOf(t, c), "a refused edit changes nothing")
	_, err = f.links.RemovePrimary(ann, c, k4, f.contact(t, "Not a company"))
	requireCode(t, err, errs.CodeInvalid, "newPrimary")
	_, err = f.links.RemovePrimary(ann, c, k4, k3)
	require.NoError(t, err)
	require.Equal(t, k3, f.primaryOf(t, c))

	// So does removing the primary company's association…
	_, err = f.links.Disassociate(ann, Edit{Record: c, Targets: []string{k3}})
	requireCode(t, err, errs.CodePrimaryRequired, "newPrimary")
	_, err = f.links.Disassociate(ann, Edit{Record: c, Targets: []string{k3}, NewPrimary: map[string]string{c: k1}})
	require.NoError(t, err)
	require.Equal(t, k1, f.primaryOf(t, c))

	// …even from the company's side.
	_, err = f.links.Disassociate(ann, Edit{Record: k1, Targets: []string{c}})
	requireCode(t, err, errs.CodePrimaryRequired, "newPrimary")
	_, err = f.links.Disassociate(ann, Edit{Record: k1, Targets: []string{c}, NewPrimary: map[string]string{c: k2}})
	require.NoError(t, err)
	require.Equal(t, k2, f.primaryOf(t, c))

	// With one company left, it becomes primary without asking.
	_, err = f.links.Disassociate(ann, Edit{Record: c, Targets: []string{k2}})
	require.NoError(t, err)
	require.Equal(t, k4, f.primaryOf(t, c))
}

func TestSeveralCompaniesAtOnceForANewContact(t *testing.T) {
	f := newFixture(t)
	c := f.contact(t, "Cleo")
	k1, k2 := f.company(t, "One"), f.company(t, "Two")
	f.associate(t, c, k1, k2)
	require.Equal(t, k1, f.primaryOf(t, c), "the first chosen becomes primary")

	c2 := f.contact(t, "Dan")
	_, err := f.links.Associate(ann, Edit{Record: c2, Targets: []string{k1, k2}, Primary: k2})
	require.NoError(t, err)
	require.Equal(t, k2, f.primaryOf(t, c2))

	_, err = f.links.Associate(ann, Edit{Record: c2, Targets: []string{k1}, Primary: k2})
	requireCode(t, err, errs.CodeInvalid, "primary")
}

func TestDealsPrimaryCompanyIsOptional(t *testing.T) {
	f := newFixture(t)
	d := f.deal(t, "Big deal")
	k1, k2 := f.company(t, "One"), f.company(t, "Two")
	f.associate(t, d, k1, k2)
	require.Empty(t, f.primaryOf(t, d))
	_, err := f.links.SetPrimary(ann, d, k2)
	require.NoError(t, err)
	_, err = f.links.SetPrimary(ann, d, k1)
	require.NoError(t, err)
	require.Equal(t, k1, f.primaryOf(t, d))
	_, err = f.links.RemovePrimary(ann, d, k1, "")
	require.NoError(t, err)
	require.Empty(t, f.primaryOf(t, d))
	_, err = f.links.Disassociate(ann, Edit{Record: d, Targets: []string{k1, k2}})
	require.NoError(t, err)
}

func TestACompanyNeverHasAPrimary(t *testing.T) {
	f := newFixture(t)
	k, c := f.company(t, "Acme"), f.contact(t, "Cleo")
	f.associate(t, k, c)
	_, err := f.links.SetPrimary(ann, k, c)
	requireCode(t, err, errs.CodeInvalid, "record")
	k2 := f.company(t, "Parent")
	f.associate(t, k, k2)
	_, err = f.links.SetPrimary(ann, k, k2)
	requireCode(t, err, errs.CodeInvalid, "record")
	opts, err := f.links.Options(schema.Companies, schema.Companies)
	require.NoError(t, err)
	require.Empty(t, opts, "companies with companies have no Primary label")
}

func TestPairedLabelReadsFromBothSides(t *testing.T) {
	f := newFixture(t)
	pv, err := f.links.CreateLabel(ann, schema.Contacts, schema.Contacts, LabelInput{Kind: Paired, Name: "Manager", Inverse: "Employee"})
	require.NoError(t, err)
	manager := pv.Labels[len(pv.Labels)-1].ID
	opts, err := f.links.Options(schema.Contacts, schema.Contacts)
	require.NoError(t, err)
	require.Len(t, opts, 2, "a paired label of one object is offered both ways")

	boss, bob := f.contact(t, "Ann"), f.contact(t, "Bob")
	// On Ann's page: Bob is Ann's manager.
	_, err = f.links.Associate(ann, Edit{Record: boss, Targets: []string{bob}, Labels: []LabelRef{{ID: manager}}})
	require.NoError(t, err)
	require.Equal(t, []string{"Manager"}, labelsOf(f.group(t, boss, schema.Contacts), bob))
	require.Equal(t, []string{"Employee"}, labelsOf(f.group(t, bob, schema.Contacts), boss))

	// Between two objects the side follows from the objects.
	pv, err = f.links.CreateLabel(ann, schema.Deals, schema.Contacts, LabelInput{Kind: Paired, From: schema.Deals, Name: "Decision maker", Inverse: "Deciding on"})
	require.NoError(t, err)
	dm := pv.Labels[len(pv.Labels)-1].ID
	d := f.deal(t, "Deal")
	_, err = f.links.Associate(ann, Edit{Record: bob, Targets: []string{d}, Labels: []LabelRef{{ID: dm}}})
	require.NoError(t, err)
	require.Equal(t, []string{"Deciding on"}, labelsOf(f.group(t, bob, schema.Deals), d))
	require.Equal(t, []string{"Decision maker"}, labelsOf(f.group(t, d, schema.Contacts), bob))

	// Several labels on one association; remove one.
	pv, err = f.links.CreateLabel(ann, schema.Deals, schema.Contacts, LabelInput{Kind: Single, Name: "Champion"})
	require.NoError(t, err)
	champ := pv.Labels[len(pv.Labels)-1].ID
	_, err = f.links.AddLabels(ann, Edit{Record: d, Targets: []string{bob}, Labels: []LabelRef{{ID: champ}}})
	require.NoError(t, err)
	require.ElementsMatch(t, []string{"Decision maker", "Champion"}, labelsOf(f.group(t, d, schema.Contacts), bob))
	_, err = f.links.RemoveLabels(ann, Edit{Record: bob, Targets: []string{d}, Labels: []LabelRef{{ID: dm}}})
	require.NoError(t, err)
	require.Equal(t, []string{"Champion"}, labelsOf(f.group(t, d, schema.Contacts), bob))

	// History names each label as the record asked about reads it.
	for rec, want := range map[string][]string{
		bob: {"label_removed Deciding on", "label_added Champion", "label_added Deciding on", "created ", "label_added Employee", "created "},
		d:   {"label_removed Decision maker", "label_added Champion", "label_added Decision maker", "created "},
	} {
		hist, err := f.links.History(rec, "", 10, "")
		require.NoError(t, err)
		var got []string
		for _, e := range hist {
			got = append(got, string(e.Change)+" "+e.Label)
		}
		require.Equal(t, want, got)
	}
}

func TestCustomPrimaryLabelIsOnOneRecordAtATime(t *testing.T) {
	f := newFixture(t)
	pv, err := f.links.CreateLabel(ann, schema.Deals, schema.Contacts, LabelInput{Kind: Primary, From: schema.Deals, Name: "Primary contact", Inverse: "Primary contact of"})
	require.NoError(t, err)
	pc := pv.Labels[len(pv.Labels)-1].ID
	d := f.deal(t, "Deal")
	c1, c2 := f.contact(t, "One"), f.contact(t, "Two")
	f.associate(t, d, c1, c2)
	_, err = f.links.AddLabels(ann, Edit{Record: d, Targets: []string{c1, c2}, Labels: []LabelRef{{ID: pc}}})
	requireCode(t, err, errs.CodeInvalid, "labels")
	_, err = f.links.AddLabels(ann, Edit{Record: d, Targets: []string{c1}, Labels: []LabelRef{{ID: pc}}})
	require.NoError(t, err)
	_, err = f.links.AddLabels(ann, Edit{Record: d, Targets: []string{c2}, Labels: []LabelRef{{ID: pc}}})
	require.NoError(t, err)
	g := f.group(t, d, schema.Contacts)
	require.Empty(t, labelsOf(g, c1), "the label moved")
	require.Equal(t, []string{"Primary contact"}, labelsOf(g, c2))
	require.Equal(t, []string{"Primary contact of"}, labelsOf(f.group(t, c2, schema.Deals), d))
	// From the contacts' side many contacts can each have it with one deal.
	d2 := f.deal(t, "Deal 2")
	_, err = f.links.Associate(ann, Edit{Record: d2, Targets: []string{c1}})
	require.NoError(t, err)
	_, err = f.links.AddLabels(ann, Edit{Record: c1, Targets: []string{d2}, Labels: []LabelRef{{ID: pc}}})
	require.NoError(t, err)
	require.Equal(t, []string{"Primary contact"}, labelsOf(f.group(t, d2, schema.Contacts), c1))
}

func TestRenameAndDeleteLabels(t *testing.T) {
	f := newFixture(t)
	pv, err := f.links.CreateLabel(ann, schema.Contacts, schema.Companies, LabelInput{Kind: Single, Name: "Advisor"})
	require.NoError(t, err)
	adv := pv.Labels[len(pv.Labels)-1].ID
	_, err = f.links.CreateLabel(ann, schema.Contacts, schema.Companies, LabelInput{Kind: Single, Name: "advisor"})
	requireCode(t, err, errs.CodeInvalid, "name")
	_, err = f.links.CreateLabel(ann, schema.Contacts, schema.Companies, LabelInput{Kind: "best", Name: "X"})
	requireCode(t, err, errs.CodeInvalid, "kind")
	_, err = f.links.CreateLabel(ann, schema.Contacts, schema.Companies, LabelInput{Kind: Single, Name: "  "})
	requireCode(t, err, errs.CodeInvalid, "name")

	k := f.company(t, "Acme")
	var cs []string
	for range 3 {
		c := f.contact(t, "C")
		cs = append(cs, c)
	}
	_, err = f.links.Associate(ann, Edit{Record: k, Targets: cs, Labels: []LabelRef{{ID: adv}}})
	require.NoError(t, err)
	_, err = f.links.RenameLabel(ann, schema.Companies, schema.Contacts, adv, LabelInput{Name: "Board advisor"})
	require.NoError(t, err)
	require.Equal(t, []string{"Primary", "Board advisor"}, labelsOf(f.group(t, cs[0], schema.Companies), k))
	_, err = f.links.RenameLabel(ann, schema.Companies, schema.Contacts, PrimaryLabel, LabelInput{Name: "Main"})
	requireCode(t, err, errs.CodeInvalid, "name")

	n, err := f.links.LabelUsage(schema.Companies, schema.Contacts, adv)
	require.NoError(t, err)
	require.Equal(t, 3, n)
	n, err = f.links.DeleteLabel(ann, schema.Contacts, schema.Companies, adv)
	require.NoError(t, err)
	require.Equal(t, 3, n)
	require.Equal(t, []string{"Primary"}, labelsOf(f.group(t, cs[0], schema.Companies), k))
	_, err = f.links.DeleteLabel(ann, schema.Contacts, schema.Companies, adv)
	requireCode(t, err, errs.CodeNotFound, "")
	_, err = f.links.DeleteLabel(ann, schema.Contacts, schema.Companies, PrimaryLabel)
	requireCode(t, err, errs.CodeInvalid, "label")
	hist, err := f.links.History(cs[1], schema.Companies, 10, "")
	require.NoError(t, err)
	require.Equal(t, LabelRemoved, hist[0].Change)
	require.Equal(t, "Board advisor", hist[0].Label)

	_, err = f.links.Associate(ann, Edit{Record: k, Targets: cs[:1], Labels: []LabelRef{{ID: adv}}})
	requireCode(t, err, errs.CodeInvalid, "labels")
}

func TestLimitsBlockNewAssociationsButKeepOldOnes(t *testing.T) {
	f := newFixture(t)
	d := f.deal(t, "Deal")
	k1, k2, k3 := f.company(t, "One"), f.company(t, "Two"), f.company(t, "Three")
	f.associate(t, d, k1, k2)
	_, err := f.links.SetLimit(ann, schema.Deals, schema.Companies, Limit{Max: 1})
	require.NoError(t, err)
	n, err := f.links.Exceeding(schema.Deals, schema.Companies, Limit{Max: 1})
	require.NoError(t, err)
	require.Equal(t, 1, n, "the deal above the new limit is reported…")
	require.Len(t, f.group(t, d, schema.Companies).Items, 2, "…and keeps its companies")

	_, err = f.links.Associate(ann, Edit{Record: d, Targets: []string{k3}})
	requireCode(t, err, errs.CodeLimit, "targets")
	require.Contains(t, errs.As(err).Message, "at most 1 company")
	_, err = f.links.Associate(ann, Edit{Record: k3, Targets: []string{d}})
	requireCode(t, err, errs.CodeLimit, "targets")

	d2 := f.deal(t, "Deal 2")
	f.associate(t, d2, k3)
	_, err = f.links.Associate(ann, Edit{Record: d2, Targets: []string{k1}})
	requireCode(t, err, errs.CodeLimit, "targets")
	// Removing one is always allowed, and labels on existing ones too.
	_, err = f.links.Disassociate(ann, Edit{Record: d, Targets: []string{k2}})
	require.NoError(t, err)

	// A limit on a label counts only associations carrying it.
	pv, err := f.links.CreateLabel(ann, schema.Contacts, schema.Companies, LabelInput{Kind: Single, Name: "Owner"})
	require.NoError(t, err)
	owner := pv.Labels[len(pv.Labels)-1].ID
	_, err = f.links.SetLimit(ann, schema.Companies, schema.Contacts, Limit{Label: owner, Max: 1})
	require.NoError(t, err)
	c1, c2 := f.contact(t, "A"), f.contact(t, "B")
	_, err = f.links.Associate(ann, Edit{Record: k1, Targets: []string{c1}, Labels: []LabelRef{{ID: owner}}})
	require.NoError(t, err)
	f.associate(t, k1, c2)
	_, err = f.links.AddLabels(ann, Edit{Record: k1, Targets: []string{c2}, Labels: []LabelRef{{ID: owner}}})
	requireCode(t, err, errs.CodeLimit, "targets")
	require.Contains(t, errs.As(err).Message, "“Owner”")

	// Removing the limit lifts it.
	_, err = f.links.SetLimit(ann, schema.Deals, schema.Companies, Limit{Max: 0})
	require.NoError(t, err)
	f.associate(t, d2, k1)
	_, err = f.links.SetLimit(ann, schema.Deals, schema.Companies, Limit{Max: -1})
	requireCode(t, err, errs.CodeInvalid, "max")
}

func TestCustomObjectsNeedTheirPairDefined(t *testing.T) {
	f := newFixture(t)
	obj, err := f.schema.CreateObject(ann, schema.ObjectInput{Singular: "Project", Plural: "Projects"})
	require.NoError(t, err)
	p := f.create(t, obj.ID, map[string]any{obj.DisplayProperty: "Apollo"})
	k := f.company(t, "Acme")
	_, err = f.links.Associate(ann, Edit{Record: p, Targets: []string{k}})
	requireCode(t, err, errs.CodeNotDefined, "")
	require.Contains(t, errs.As(err).Message, "Settings → Associations")
	_, err = f.links.CreateLabel(ann, obj.ID, schema.Companies, LabelInput{Kind: Single, Name: "Sponsor"})
	requireCode(t, err, errs.CodeNotDefined, "")

	_, err = f.links.DefinePair(ann, obj.ID, schema.Companies)
	require.NoError(t, err)
	_, err = f.links.Associate(ann, Edit{Record: p, Targets: []string{k}, Primary: k})
	require.NoError(t, err)
	require.Equal(t, k, f.primaryOf(t, p), "custom objects get the built-in Primary label with companies")
	require.Equal(t, []string{p}, ids(f.group(t, k, obj.ID)))

	// The definition survives a restart.
	*f = *open(t, f.st)
	g := f
	_, err = g.links.Associate(ann, Edit{Record: p, Targets: []string{g.createContact(t)}})
	requireCode(t, err, errs.CodeNotDefined, "")
	_, err = g.links.Associate(ann, Edit{Record: p, Targets: []string{g.company(t, "Beta")}})
	require.NoError(t, err)
}

func (f *fixture) createContact(t testing.TB) string { return f.contact(t, "New") }

func TestBadInputIsRefusedAndChangesNothing(t *testing.T) {
	f := newFixture(t)
	c, k := f.contact(t, "Cleo"), f.company(t, "Acme")
	f.associate(t, c, k)
	deleted := f.company(t, "Gone")
	_, err := f.recs.Delete(ann, []string{deleted})
	require.NoError(t, err)

	cases := []struct {
		name  string
		edit  Edit
		code  errs.Code
		field string
	}{
		{"malformed record", Edit{Record: "not-an-id", Targets: []string{k}}, errs.CodeInvalid, "record"},
		{"malformed target", Edit{Record: c, Targets: []string{"<script>alert(1)</script>"}}, errs.CodeInvalid, "targets"},
		{"unknown target", Edit{Record: c, Targets: []string{"0190a0b2-1c3d-7e4f-8a5b-6c7d8e9f0a1b"}}, errs.CodeNotFound, "targets"},
		{"no targets", Edit{Record: c}, errs.CodeInvalid, "targets"},
		{"itself", Edit{Record: c, Targets: []string{c}}, errs.CodeInvalid, "targets"},
		{"deleted target", Edit{Record: c, Targets: []string{deleted}}, errs.CodeInvalid, "targets"},
		{"unknown label", Edit{Record: c, Targets: []string{k}, Labels: []LabelRef{{ID: 999}}}, errs.CodeInvalid, "labels"},
		{"too many", Edit{Record: c, Targets: make([]string, MaxTargets+1)}, errs.CodeInvalid, "targets"},
		{"bad new primary", Edit{Record: c, Targets: []string{k}, NewPrimary: map[string]string{c: "\xff"}}, errs.CodeInvalid, "newPrimary"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := f.links.Associate(ann, tc.edit)
			requireCode(t, err, tc.code, tc.field)
			require.False(t, strings.Contains(errs.As(err).Message, "internal"))
		})
	}
	require.Equal(t, []string{k}, ids(f.group(t, c, schema.Companies)))
	_, err = f.links.Summary("nope", 10)
	requireCode(t, err, errs.CodeInvalid, "id")
	_, err = f.links.History(c, "no_such_object", 10, "")
	require.Error(t, err)
}

func TestBulkAssociateManyRecordsInOneCall(t *testing.T) {
	f := newFixture(t)
	k := f.company(t, "Acme")
	var cs []string
	for range 300 {
		cs = append(cs, f.contact(t, "C"))
	}
	res, err := f.links.Associate(ann, Edit{Record: k, Targets: cs})
	require.NoError(t, err)
	require.Equal(t, 300, res.Changed)
	page, err := f.links.Page(k, schema.Contacts, 250, 100)
	require.NoError(t, err)
	require.Equal(t, 300, page.Total)
	require.Len(t, page.Items, 50)
	for _, c := range cs[:5] {
		require.Equal(t, k, f.primaryOf(t, c), "each contact's only company is its primary")
	}
	cols, err := f.links.Columns(cs[:3], []Column{{Object: schema.Companies}, {Object: schema.Companies, Primary: true}, {Object: schema.Deals}})
	require.NoError(t, err)
	require.Equal(t, Cell{Count: 1}, cols[0][0])
	require.Equal(t, Cell{Count: 1, Primary: true, ID: k, Name: "Acme"}, cols[0][1])
	require.Equal(t, Cell{}, cols[0][2])
}

func TestSummaryGroupsByObjectWithPrimaryFirst(t *testing.T) {
	f := newFixture(t)
	c := f.contact(t, "Cleo")
	k1, k2, k3 := f.company(t, "One"), f.company(t, "Two"), f.company(t, "Three")
	d := f.deal(t, "Deal")
	f.associate(t, c, k1, k2, k3, d)
	sum, err := f.links.Summary(c, 2)
	require.NoError(t, err)
	require.Len(t, sum, 2)
	require.Equal(t, schema.Companies, sum[0].Object)
	require.Equal(t, 3, sum[0].Total)
	require.Equal(t, []string{k1, k3}, ids(sum[0]), "primary first, then newest")
	require.True(t, sum[0].Items[0].Primary)
	require.Equal(t, "One", sum[0].Items[0].Name)
	require.Equal(t, schema.Deals, sum[1].Object)
}

func TestHistoryRecordsEveryChangeWithActorAndSource(t *testing.T) {
	f := newFixture(t)
	c := f.contact(t, "Cleo")
	k1, k2 := f.company(t, "One"), f.company(t, "Two")
	d := f.deal(t, "Deal")
	f.associate(t, c, k1, d)
	f.associate(t, c, k2)
	_, err := f.links.SetPrimary(ann, c, k2)
	require.NoError(t, err)
	_, err = f.links.Disassociate(ann, Edit{Record: c, Targets: []string{k1}})
	require.NoError(t, err)

	hist, err := f.links.History(c, schema.Companies, 50, "")
	require.NoError(t, err)
	var got []string
	ids := map[string]string{"One": k1, "Two": k2}
	newest := time.Now()
	for _, e := range hist {
		got = append(got, string(e.Change)+" "+e.Name)
		require.Equal(t, changelog.SourceUser, e.Source)
		require.Equal(t, changelog.Actor{ID: "u-ann", Name: "Ann"}, e.Actor)
		require.Equal(t, schema.Companies, e.Object)
		require.Equal(t, ids[e.Name], e.Record)
		_, err := uuid.Parse(e.OpID)
		require.NoError(t, err)
		at, err := time.Parse(time.RFC3339Nano, e.Time)
		require.NoError(t, err)
		require.False(t, at.After(newest), "newest first")
		newest = at
	}
	require.Equal(t, []string{
		"removed One",
		"primary_set Two", "primary_unset One",
		"created Two",
		"primary_set One", "created One",
	}, got)
	all, err := f.links.History(c, "", 50, "")
	require.NoError(t, err)
	require.Len(t, all, len(hist)+1, "all objects include the deal")
	older, err := f.links.History(c, schema.Companies, 50, hist[1].OpID)
	require.NoError(t, err)
	require.Equal(t, "created Two", string(older[0].Change)+" "+older[0].Name, "paging goes to older operations")

	pair, err := f.links.PairHistory(k1, c)
	require.NoError(t, err)
	got = nil
	for _, e := range pair {
		got = append(got, string(e.Change)+" "+e.Name)
	}
	require.Equal(t, []string{"removed Cleo Test", "primary_unset Cleo Test", "primary_set Cleo Test", "created Cleo Test"}, got)
}

func TestDeletingARecordRemovesItsAssociationsAndRestoreBringsThemBack(t *testing.T) {
	f := newFixture(t)
	c := f.contact(t, "Cleo")
	k1, k2, k3 := f.company(t, "One"), f.company(t, "Two"), f.company(t, "Three")
	f.associate(t, c, k1)
	f.associate(t, c, k2)
	f.associate(t, c, k3)
	_, err := f.links.SetPrimary(ann, c, k3)
	require.NoError(t, err)

	_, err = f.recs.Delete(ann, []string{k3})
	require.NoError(t, err)
	require.Equal(t, k1, f.primaryOf(t, c), "the company associated longest becomes primary")
	require.ElementsMatch(t, []string{k1, k2}, ids(f.group(t, c, schema.Companies)))
	hist, err := f.links.History(c, schema.Companies, 3, "")
	require.NoError(t, err)
	require.Equal(t, PrimarySet, hist[0].Change)
	require.Equal(t, changelog.SourceObjectDeletion, hist[0].Source)
	require.Equal(t, Removed, hist[1].Change)
	require.Equal(t, changelog.SourceObjectDeletion, hist[1].Source)
	require.Equal(t, hist[0].OpID, hist[1].OpID, "one operation")

	_, err = f.recs.Restore(ann, []string{k3})
	require.NoError(t, err)
	require.ElementsMatch(t, []string{k1, k2, k3}, ids(f.group(t, c, schema.Companies)))
	require.Equal(t, k1, f.primaryOf(t, c), "a restored company does not take the primary back")
	hist, err = f.links.History(k3, schema.Contacts, 1, "")
	require.NoError(t, err)
	require.Equal(t, Created, hist[0].Change)
	require.Equal(t, changelog.SourceObjectRestore, hist[0].Source)

	// Deleting the contact and restoring it brings its primary back.
	_, err = f.recs.Delete(ann, []string{c})
	require.NoError(t, err)
	require.Empty(t, f.group(t, k1, schema.Contacts).Items)
	_, err = f.recs.Restore(ann, []string{c})
	require.NoError(t, err)
	require.Equal(t, k1, f.primaryOf(t, c))
	require.Len(t, f.group(t, c, schema.Companies).Items, 3)
}

func TestRestoreWaitsForTheOtherRecord(t *testing.T) {
	f := newFixture(t)
	c, k := f.contact(t, "Cleo"), f.company(t, "Acme")
	f.associate(t, c, k)
	_, err := f.recs.Delete(ann, []string{k})
	require.NoError(t, err)
	_, err = f.recs.Delete(ann, []string{c})
	require.NoError(t, err)
	_, err = f.recs.Restore(ann, []string{c})
	require.NoError(t, err)
	require.Empty(t, f.group(t, c, schema.Companies).Items, "the company is still in the bin")
	_, err = f.recs.Restore(ann, []string{k})
	require.NoError(t, err)
	require.Equal(t, k, f.primaryOf(t, c))

	// Restoring both at once works too; erasing one forgets the link.
	_, err = f.recs.Delete(ann, []string{c, k})
	require.NoError(t, err)
	_, err = f.recs.Restore(ann, []string{k, c})
	require.NoError(t, err)
	require.Equal(t, k, f.primaryOf(t, c))
	_, err = f.recs.Delete(ann, []string{k})
	require.NoError(t, err)
	_, err = f.recs.DeletePermanently(ann, []string{k})
	require.NoError(t, err)
	require.Empty(t, f.group(t, c, schema.Companies).Items)
}

func TestMergeMovesAssociationsToTheKeptRecord(t *testing.T) {
	f := newFixture(t)
	keep, gone := f.company(t, "Acme"), f.company(t, "ACME Inc")
	c1, c2, c3 := f.contact(t, "One"), f.contact(t, "Two"), f.contact(t, "Three")
	d := f.deal(t, "Deal")
	f.associate(t, c1, gone) // c1's primary is gone
	f.associate(t, c2, keep) // c2's primary is keep…
	f.associate(t, c2, gone) // …and gone is only associated
	f.associate(t, c3, keep) // c3 has both, keep primary
	f.associate(t, c3, gone)
	_, err := f.links.Associate(ann, Edit{Record: d, Targets: []string{gone}, Primary: gone})
	require.NoError(t, err)
	f.associate(t, keep, gone) // they were associated with each other

	merged, err := f.recs.Merge(ann, keep, gone, map[string]any{"domain": "acme.com"})
	require.NoError(t, err)
	require.Equal(t, "acme.com", merged.Props["domain"])
	require.ElementsMatch(t, []string{c1, c2, c3}, ids(f.group(t, keep, schema.Contacts)))
	require.Equal(t, keep, f.primaryOf(t, c1), "the primary moves to the kept company")
	require.Equal(t, keep, f.primaryOf(t, c2))
	require.Equal(t, keep, f.primaryOf(t, c3))
	require.Equal(t, keep, f.primaryOf(t, d))
	require.Empty(t, f.group(t, keep, schema.Companies).Items, "no association with itself")

	// The merged ID resolves to the kept record.
	got, err := f.recs.Get(gone)
	require.NoError(t, err)
	require.Equal(t, keep, got.ID)
	hist, err := f.links.History(c1, schema.Companies, 10, "")
	require.NoError(t, err)
	require.Equal(t, changelog.SourceObjectMerge, hist[0].Source)
	goneHist, err := f.recs.History(uuid.MustParse(gone), 10)
	require.NoError(t, err)
	kindsFor := func(op changelog.Op) (kinds []changelog.Kind) {
		for _, c := range op.Changes {
			if c.Record == gone {
				kinds = append(kinds, c.Kind)
			}
		}
		return kinds
	}
	require.Contains(t, kindsFor(goneHist[0]), changelog.RecordMergedInto)
	require.Equal(t, []changelog.Kind{changelog.RecordCreated}, kindsFor(goneHist[len(goneHist)-1]), "the merged record's history keeps its creation")

	_, err = f.recs.Merge(ann, keep, keep, nil)
	requireCode(t, err, errs.CodeInvalid, "other")
	_, err = f.recs.Merge(ann, keep, c1, nil)
	requireCode(t, err, errs.CodeInvalid, "other")
}

func TestTheGraphIsRebuiltOnReopen(t *testing.T) {
	f := newFixture(t)
	c, k := f.contact(t, "Cleo"), f.company(t, "Acme")
	f.associate(t, c, k)
	*f = *open(t, f.st)
	require.Equal(t, k, f.primaryOf(t, c))
}

func TestViewsSendEmptyListsNotNull(t *testing.T) {
	f := newFixture(t)
	pairs, err := f.links.Pairs(schema.Deals)
	require.NoError(t, err)
	raw, err := json.Marshal(pairs)
	require.NoError(t, err)
	require.NotContains(t, string(raw), "null")
	opts, err := f.links.Options(schema.Deals, schema.Tickets)
	require.NoError(t, err)
	require.NotNil(t, opts)
	hist, err := f.links.PairHistory(f.deal(t, "D"), f.company(t, "K"))
	require.NoError(t, err)
	require.NotNil(t, hist)
}

func TestBulkAssociateSaysWhyTargetsWereNotAssociated(t *testing.T) {
	f := newFixture(t)
	k := f.company(t, "Acme")
	other := f.company(t, "Other")
	var ds []string
	for i := range 5 {
		d := f.deal(t, fmt.Sprint("D", i))
		ds = append(ds, d)
	}
	f.associate(t, ds[0], k)     // already associated
	f.associate(t, ds[1], other) // at the limit below
	_, err := f.links.SetLimit(ann, schema.Deals, schema.Companies, Limit{Max: 1})
	require.NoError(t, err)
	res, err := f.links.BulkAssociate(ann, Edit{Record: k, Targets: ds})
	require.NoError(t, err)
	require.Equal(t, 3, res.Associated)
	require.Equal(t, 1, res.Already)
	require.Equal(t, 1, res.Refused)
	require.Len(t, res.Reasons, 1)
	require.Contains(t, res.Reasons[0], "at most 1 company")
	require.Len(t, f.group(t, k, schema.Deals).Items, 4)

	_, err = f.links.BulkAssociate(ann, Edit{Record: "nope", Targets: ds})
	requireCode(t, err, errs.CodeInvalid, "record")
}

func TestIndexPagesFilterByAssociations(t *testing.T) {
	f := newFixture(t)
	k := f.company(t, "Acme")
	c1, c2 := f.contact(t, "One"), f.contact(t, "Two")
	f.contact(t, "Three") // associated with nothing
	d := f.deal(t, "Deal")
	f.associate(t, k, c1, c2)
	f.associate(t, d, c2)
	list := func(filters ...records.AssociationFilter) []string {
		page, err := f.recs.List(records.ListQuery{Object: schema.Contacts, Associations: filters, Limit: 50})
		require.NoError(t, err)
		var names []string
		for _, r := range page.Records {
			names = append(names, r.DisplayName)
		}
		return names
	}
	require.Equal(t, []string{"One Test", "Two Test"}, list(records.AssociationFilter{Op: records.HasAny, Object: schema.Companies}))
	require.Equal(t, []string{"Three Test"}, list(records.AssociationFilter{Op: records.HasNone, Object: schema.Companies}))
	require.Equal(t, []string{"One Test", "Two Test"}, list(records.AssociationFilter{Op: records.With, Record: k}))
	require.Equal(t, []string{"Two Test"}, list(records.AssociationFilter{Op: records.With, Record: k}, records.AssociationFilter{Op: records.HasAny, Object: schema.Deals}))
	require.Empty(t, list(records.AssociationFilter{Op: records.With, Record: c1})) // contacts are not associated with each other

	// Property filters and association filters narrow each other.
	page, err := f.recs.List(records.ListQuery{Object: schema.Contacts, Limit: 50,
		Filters:      []records.Filter{{Property: "firstname", Op: records.OpIs, Value: "One"}},
		Associations: []records.AssociationFilter{{Op: records.HasAny, Object: schema.Companies}}})
	require.NoError(t, err)
	require.Equal(t, 1, page.Total)

	refused := func(code errs.Code, field string, filters ...records.AssociationFilter) {
		t.Helper()
		_, err := f.recs.List(records.ListQuery{Object: schema.Contacts, Associations: filters})
		requireCode(t, err, code, field)
	}
	refused(errs.CodeInvalid, "associations.object", records.AssociationFilter{Op: records.HasNone, Object: "planets"})
	refused(errs.CodeInvalid, "associations.record", records.AssociationFilter{Op: records.With, Record: "x"})
	refused(errs.CodeNotFound, "associations.record", records.AssociationFilter{Op: records.With, Record: "0190a0b2-1c3d-7e4f-8a5b-6c7d8e9f0a1b"})
	refused(errs.CodeInvalid, "associations.op", records.AssociationFilter{Op: "is", Object: schema.Companies})
	// The old "@" spelling is no property.
	_, err = f.recs.List(records.ListQuery{Object: schema.Contacts, Filters: []records.Filter{{Property: "@companies", Op: records.OpNotEmpty}}})
	requireCode(t, err, errs.CodeInvalid, "filter")
}

func TestHistoryPagesEndAtOperationsAndPairHistoryOutlivesTheOtherRecord(t *testing.T) {
	f := newFixture(t)
	k := f.company(t, "Acme")
	var cs []string
	for range 6 {
		cs = append(cs, f.contact(t, "C"))
	}
	f.associate(t, k, cs[:4]...) // one operation: four created, four primary set
	f.associate(t, k, cs[4:]...) // another: two and two
	page, err := f.links.History(k, schema.Contacts, 5, "")
	require.NoError(t, err)
	require.Len(t, page, 12, "a page ends at the end of an operation")
	page, err = f.links.History(k, schema.Contacts, 1, "")
	require.NoError(t, err)
	require.Len(t, page, 4, "the newest operation whole")
	older, err := f.links.History(k, schema.Contacts, 1, page[0].OpID)
	require.NoError(t, err)
	require.Len(t, older, 8, "the next page has the whole older operation")

	// Merge a company away: the pair's history still reads from the contact.
	gone := f.company(t, "Acme Inc")
	f.associate(t, cs[0], gone)
	_, err = f.recs.Merge(ann, k, gone, nil)
	require.NoError(t, err)
	hist, err := f.links.PairHistory(cs[0], gone)
	require.NoError(t, err)
	var got []string
	for _, e := range hist {
		got = append(got, string(e.Change)+" "+string(e.Source))
	}
	require.Equal(t, []string{"removed Object merge", "created User"}, got)
}

func TestAppendIDWritesWhatStringDoes(t *testing.T) {
	for _, id := range []uuid.UUID{{}, uuid.Max, uuid.New(), uuid.New()} {
		require.Equal(t, id.String(), string(appendID([]byte("x"), id)[1:]))
	}
}
