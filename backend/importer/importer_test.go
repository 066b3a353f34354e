package importer

import (
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"fieldbook/backend/associations"
	"fieldbook/backend/changelog"
	"fieldbook/backend/schema"
)

const contactsAndCompanies = "First name,Last name,Email,Company name,Company domain,Contact label\n" +
	"Ann,Lee,ann@acme.com,Acme,acme.com,\n" +
	"Bob,Ray,bob@acme.com,Acme,acme.com,\n" +
	"Cyd,Poe,cyd@globex.com,Globex,globex.com,\n" +
	"Dee,Fox,dee@solo.example,,,\n"

func TestInspectSuggestsAMappingForARowOfTwoObjects(t *testing.T) {
	f := newFixture(t)
	path := f.file(t, "people.csv", contactsAndCompanies)
	file, err := f.imp.Inspect(path, []string{schema.Contacts, schema.Companies})
	require.NoError(t, err)
	require.Equal(t, "UTF-8", file.Encoding)
	require.Equal(t, ",", file.Delimiter)
	require.Len(t, file.Preview, 4)
	require.False(t, file.HubSpot)
	require.Equal(t, changelog.SourceImport, file.Setup.Source)
	got := map[string]string{}
	for _, c := range file.Setup.Columns {
		got[c.Header] = string(c.Kind) + ":" + c.Object + "." + c.Property
	}
	require.Equal(t, map[string]string{
		"First name":     "property:contacts.firstname",
		"Last name":      "property:contacts.lastname",
		"Email":          "property:contacts.email",
		"Company name":   "property:companies.name",
		"Company domain": "property:companies.domain",
		"Contact label":  "skip:contacts.",
	}, got)

	// "Company" beside a contact's columns names the company.
	other := f.file(t, "other.csv", "First name,Email,Company\nAnn,ann@acme.com,Acme\n")
	file, err = f.imp.Inspect(other, []string{schema.Contacts, schema.Companies})
	require.NoError(t, err)
	require.Equal(t, Column{Header: "Company", Kind: Property, Object: schema.Companies, Property: "name"}, file.Setup.Columns[2])

	// With no object given, the file's headers choose contacts.
	file, err = f.imp.Inspect(path, nil)
	require.NoError(t, err)
	require.Equal(t, []ObjectSetup{{Object: schema.Contacts, Mode: CreateAndUpdate}}, file.Setup.Objects)
}

func TestImportCreatesRecordsAssociatesThemAndARerunCreatesNothing(t *testing.T) {
	f := newFixture(t)
	path := f.file(t, "people.csv", contactsAndCompanies)
	setup := f.inspect(t, path, schema.Contacts, schema.Companies)

	checked := f.check(t, setup)
	require.Equal(t, Counts{Rows: 4, Created: 6, Associations: 3}, checked.Counts)
	require.Empty(t, f.all(t, schema.Contacts), "a check writes nothing")

	done := f.run(t, setup)
	require.Equal(t, Counts{Rows: 4, Created: 6, Associations: 3}, done.Counts)
	contacts := f.all(t, schema.Contacts)
	require.Len(t, contacts, 4)
	require.Len(t, f.all(t, schema.Companies), 2)
	require.Equal(t, []string{"Acme*"}, f.companiesOf(t, contacts["Ann Lee"].ID))
	require.Equal(t, []string{"Acme*"}, f.companiesOf(t, contacts["Bob Ray"].ID))
	require.Equal(t, []string{"Globex*"}, f.companiesOf(t, contacts["Cyd Poe"].ID))
	require.Empty(t, f.companiesOf(t, contacts["Dee Fox"].ID))

	// The import's changes carry its source and its ID as their batch.
	ops, err := f.recs.History(mustID(t, contacts["Ann Lee"].ID), 10)
	require.NoError(t, err)
	require.Equal(t, changelog.SourceImport, ops[0].Source)
	require.Equal(t, done.Import, ops[0].Batch)
	events, err := f.links.History(contacts["Ann Lee"].ID, schema.Companies, 10, "")
	require.NoError(t, err)
	require.Equal(t, changelog.SourceImport, events[0].Source)

	list, err := f.imp.List()
	require.NoError(t, err)
	require.Len(t, list, 1)
	require.Equal(t, Done, list[0].State)
	require.Equal(t, "people.csv", list[0].File)
	require.Equal(t, "Ann", list[0].By.Name)
	require.Equal(t, 6, list[0].Counts.Created)

	again := f.run(t, setup)
	require.Equal(t, Counts{Rows: 4, Unchanged: 6}, again.Counts)
	require.Len(t, f.all(t, schema.Contacts), 4)
	require.Len(t, f.all(t, schema.Companies), 2)
}

func TestRowsWithoutKeysAreFoundAgainByTheirFileRow(t *testing.T) {
	f := newFixture(t)
	path := f.file(t, "deals.csv", "Deal name,Amount\nBig one,1000\nSmall one,10\n")
	setup := f.inspect(t, path, schema.Deals)
	require.Equal(t, Counts{Rows: 2, Created: 2}, f.run(t, setup).Counts)
	require.Equal(t, Counts{Rows: 2, Unchanged: 2}, f.run(t, setup).Counts)
	require.Len(t, f.all(t, schema.Deals), 2)
}

func TestUpdatesMatchByEmailAndModesAreRespected(t *testing.T) {
	f := newFixture(t)
	ann, err := f.recs.Create(user, schema.Contacts, map[string]any{"firstname": "Ann", "email": "ann@acme.com", "jobtitle": "CEO"})
	require.NoError(t, err)
	path := f.file(t, "update.csv", "Email,Job title,First name\nANN@ACME.COM,CTO,\nnew@acme.com,Dev,Neu\n")
	setup := f.inspect(t, path, schema.Contacts)

	setup.Objects[0].Mode = UpdateOnly
	checked := f.check(t, setup)
	require.Equal(t, Counts{Rows: 2, Updated: 1, Skipped: 1}, checked.Counts)
	require.Equal(t, []Problem{{Row: 2, Message: "No contact has Email new@acme.com, and contacts are set to update only."}}, checked.Problems)

	setup.Objects[0].Mode = CreateOnly
	require.Equal(t, Counts{Rows: 2, Created: 1, Unchanged: 1}, f.run(t, setup).Counts)
	got, err := f.recs.Get(ann.ID)
	require.NoError(t, err)
	require.Equal(t, "CEO", got.Props["jobtitle"], "create only leaves existing records alone")

	setup.Objects[0].Mode = CreateAndUpdate
	require.Equal(t, Counts{Rows: 2, Updated: 1, Unchanged: 1}, f.run(t, setup).Counts)
	got, err = f.recs.Get(ann.ID)
	require.NoError(t, err)
	require.Equal(t, "CTO", got.Props["jobtitle"])
	require.Equal(t, "Ann", got.Props["firstname"], "an empty cell changes nothing")
}

func TestCheckReportsEveryProblemByRowAndColumn(t *testing.T) {
	f := newFixture(t)
	for _, d := range []string{"twin.com", "twin.com"} {
		_, err := f.recs.Create(user, schema.Companies, map[string]any{"name": "Twin " + d, "domain": d})
		require.NoError(t, err)
	}
	_, err := f.recs.Create(user, schema.Companies, map[string]any{"name": "Solo", "domain": "solo.com"})
	require.NoError(t, err)
	path := f.file(t, "bad.csv", "Email,First name,Associated company domains,Associated company labels,Amount\n"+
		"not-an-email,Ann,,,\n"+ // 1 invalid email
		"b@x.com,Bob,twin.com,,\n"+ // 2 several companies share the domain
		"c@x.com,Cyd,nowhere.com,,\n"+ // 3 no such company
		"d@x.com,Dee,solo.com,Boss,\n"+ // 4 unknown label
		"e@x.com,Eve,solo.com,,\n"+ // 5 fine
		"f@x.com,Fay,solo.com,,1,2\n"+ // 6 too many values
		"g@x.com,Gus,not a domain,,\n") // 7 invalid domain
	setup := f.inspect(t, path, schema.Contacts)
	byHeader := map[string]Column{}
	for _, c := range setup.Columns {
		byHeader[c.Header] = c
	}
	require.Equal(t, Column{Header: "Associated company domains", Kind: Association, Object: schema.Contacts, Target: schema.Companies, Match: ByDomain}, byHeader["Associated company domains"])
	require.Equal(t, Labels, byHeader["Associated company labels"].Kind)
	require.Equal(t, Skip, byHeader["Amount"].Kind)

	checked := f.check(t, setup)
	require.Equal(t, Counts{Rows: 7, Created: 1, Associations: 1, Skipped: 6}, checked.Counts)
	require.Equal(t, 6, checked.BadRows)
	rows := map[int]Problem{}
	for _, p := range checked.Problems {
		rows[p.Row] = p
	}
	require.Equal(t, "Email", rows[1].Column)
	require.Contains(t, rows[1].Message, "must be an email address")
	require.Contains(t, rows[2].Message, "2 companies have the domain twin.com; the import does not pick one")
	require.Contains(t, rows[3].Message, "No company has the domain nowhere.com.")
	require.Equal(t, "Associated company labels", rows[4].Column)
	require.Contains(t, rows[4].Message, "no association label “Boss”")
	require.Contains(t, rows[6].Message, "This row has 6 values; the first row names 5 columns.")
	require.Contains(t, rows[7].Message, "is not a domain like example.com")

	// The problems file lists them all.
	path, err = f.imp.ProblemsFile(checked.ID)
	require.NoError(t, err)
	content, err := os.ReadFile(path)
	require.NoError(t, err)
	require.True(t, strings.HasPrefix(string(content), "\ufeffRow,Column,Value,Problem\r\n"))
	require.Equal(t, 7, strings.Count(string(content), "\r\n"))

	// The import writes the good row only.
	done := f.run(t, setup)
	require.Equal(t, 1, done.Counts.Created)
	require.Equal(t, 6, done.Counts.Skipped)
	require.Len(t, f.all(t, schema.Contacts), 1)
}

func TestLabelsPrimaryAndAssociationColumns(t *testing.T) {
	f := newFixture(t)
	var ids []string
	for _, c := range []struct{ name, domain string }{{"Acme", "acme.com"}, {"Globex", "globex.com"}} {
		r, err := f.recs.Create(user, schema.Companies, map[string]any{"name": c.name, "domain": c.domain})
		require.NoError(t, err)
		ids = append(ids, r.ID)
	}
	_, err := f.links.CreateLabel(user, schema.Contacts, schema.Companies, associations.LabelInput{Name: "Billing contact", Kind: associations.Single})
	require.NoError(t, err)
	path := f.file(t, "labels.csv", "Email,Associated Company IDs,Associated company labels,Primary company\n"+
		"ann@x.com,"+ids[0]+";"+ids[1]+",billing contact,Globex\n")
	setup := f.inspect(t, path, schema.Contacts)
	require.Equal(t, Column{Header: "Primary company", Kind: Association, Object: schema.Contacts, Target: schema.Companies, Match: ByName, Primary: true}, setup.Columns[3])
	done := f.run(t, setup)
	require.Equal(t, Counts{Rows: 1, Created: 1, Associations: 2, Labels: 2}, done.Counts)
	ann := f.all(t, schema.Contacts)["ann@x.com"]
	require.ElementsMatch(t, []string{"Globex*", "Acme"}, f.companiesOf(t, ann.ID))
	g, err := f.links.Page(ann.ID, schema.Companies, 0, 10)
	require.NoError(t, err)
	for _, it := range g.Items {
		var names []string
		for _, l := range it.Labels {
			names = append(names, l.Name)
		}
		require.Contains(t, names, "Billing contact", it.Name)
	}
}

func TestLimitsAreCheckedAcrossTheFile(t *testing.T) {
	f := newFixture(t)
	_, err := f.links.SetLimit(user, schema.Companies, schema.Contacts, associations.Limit{From: schema.Companies, Max: 2})
	require.NoError(t, err)
	path := f.file(t, "many.csv", "Email,Company name,Company domain\n"+
		"a@acme.com,Acme,acme.com\nb@acme.com,Acme,acme.com\nc@acme.com,Acme,acme.com\n")
	checked := f.check(t, f.inspect(t, path, schema.Contacts, schema.Companies))
	require.Equal(t, 1, checked.Counts.Skipped)
	require.Equal(t, 3, checked.Problems[0].Row)
	require.Contains(t, checked.Problems[0].Message, "at most 2 contacts")
}

func TestUndoTakesBackWhatTheImportDidAndKeepsLaterChanges(t *testing.T) {
	f := newFixture(t)
	old, err := f.recs.Create(user, schema.Contacts, map[string]any{"firstname": "Old", "email": "old@acme.com", "jobtitle": "Intern"})
	require.NoError(t, err)
	acme, err := f.recs.Create(user, schema.Companies, map[string]any{"name": "Acme", "domain": "acme.com"})
	require.NoError(t, err)
	path := f.file(t, "undo.csv", "Email,First name,Last name,Job title,Associated company domain\n"+
		"old@acme.com,Old,,Boss,acme.com\n"+
		"new1@acme.com,New,One,Dev,acme.com\n"+
		"new2@acme.com,New,Two,Dev,\n")
	done := f.run(t, f.inspect(t, path, schema.Contacts))
	require.Equal(t, Counts{Rows: 3, Created: 2, Updated: 1, Associations: 2}, done.Counts)
	contacts := f.all(t, schema.Contacts)
	// Someone changes a created record after the import.
	_, err = f.recs.Update(user, contacts["New Two"].ID, map[string]any{"jobtitle": "Changed"})
	require.NoError(t, err)

	undone := f.undo(t, done.Import)
	require.Equal(t, &UndoCounts{Records: 1, Associations: 2, Values: 1, Kept: 1}, undone.Undo)
	require.Equal(t, []Kept{{Record: contacts["New Two"].ID, Object: schema.Contacts, Name: "New Two", Message: "Created by the import and changed since; it stays."}}, undone.Kept)

	got, err := f.recs.Get(old.ID)
	require.NoError(t, err)
	require.Equal(t, "Intern", got.Props["jobtitle"])
	require.Empty(t, f.companiesOf(t, old.ID))
	left := f.all(t, schema.Contacts)
	require.Len(t, left, 2)
	require.Contains(t, left, "New Two")
	require.Empty(t, f.companiesOf(t, acme.ID))

	list, err := f.imp.List()
	require.NoError(t, err)
	require.Equal(t, Undone, list[0].State)
	require.Equal(t, undone.Undo, list[0].Undo)
	_, err = f.imp.Undo(user, done.Import)
	require.ErrorContains(t, err, "undone already")

	// The file imported again makes the undone record anew.
	again := f.run(t, f.inspect(t, path, schema.Contacts))
	require.Equal(t, 1, again.Counts.Created)
}

func TestAnImportRunningWhenTheAppStoppedIsInterrupted(t *testing.T) {
	f := newFixture(t)
	st := stored{Import: Import{ID: mustNewID().String(), File: "big.csv", State: Running}}
	require.NoError(t, f.st.Update(func(txn *badgerTxn) error { return put(txn, st) }))
	f.open(t)
	list, err := f.imp.List()
	require.NoError(t, err)
	require.Equal(t, Interrupted, list[0].State)
}

func TestBadSetupsAreRefusedWithTheField(t *testing.T) {
	f := newFixture(t)
	path := f.file(t, "x.csv", "Email,Email again\na@x.com,b@x.com\n")
	setup := f.inspect(t, path, schema.Contacts)
	setup.Columns[1] = Column{Header: "Email again", Kind: Property, Object: schema.Contacts, Property: "email"}
	_, err := f.imp.Check(user, setup)
	require.ErrorContains(t, err, `Columns "Email" and "Email again" both fill Contact · Email`)

	setup = f.inspect(t, path, schema.Contacts)
	setup.Objects = []ObjectSetup{{Object: schema.Notes}}
	_, err = f.imp.Check(user, setup)
	require.ErrorContains(t, err, "Notes are logged on timelines")

	_, err = f.imp.Inspect(f.dir+"/missing.csv", nil)
	require.ErrorContains(t, err, "missing.csv is not there any more")
	_, err = f.imp.Inspect(f.file(t, "empty.csv", ""), nil)
	require.ErrorContains(t, err, "The file is empty")
}
