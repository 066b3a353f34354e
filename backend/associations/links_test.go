package associations

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"

	"fieldbook/backend/changelog"
	"fieldbook/backend/errs"
	"fieldbook/backend/records"
	"fieldbook/backend/schema"
)

// ops returns every operation in the log, oldest first.
func (f *fixture) ops(t testing.TB) []changelog.Op {
	t.Helper()
	var out []changelog.Op
	require.NoError(t, f.log.Each(func(op changelog.Op) error { out = append(out, op); return nil }))
	return out
}

func kinds(op changelog.Op) []changelog.Kind {
	out := make([]changelog.Kind, len(op.Changes))
	for i, c := range op.Changes {
		out[i] = c.Kind
	}
	return out
}

func TestCreateAssociatedIsOneOperationWithLabelsAndPrimary(t *testing.T) {
	f := newFixture(t)
	k := f.company(t, "Acme")
	pv, err := f.links.CreateLabel(ann, schema.Contacts, schema.Companies, LabelInput{Kind: Single, Name: "Decision maker"})
	require.NoError(t, err)
	label := pv.Labels[len(pv.Labels)-1].ID
	before := len(f.ops(t))

	c, err := f.links.CreateAssociated(ann, k, schema.Contacts, map[string]any{"firstname": "Ann", "lastname": "Lee"},
		[]LabelRef{{ID: label}}, false)
	require.NoError(t, err)
	require.Equal(t, "Ann Lee", c.DisplayName)

	ops := f.ops(t)
	require.Len(t, ops, before+1, "the record and its association are one operation")
	require.Equal(t, []changelog.Kind{changelog.RecordCreated, changelog.AssociationCreated,
		changelog.AssociationLabelAdded, changelog.AssociationPrimarySet}, kinds(ops[len(ops)-1]))
	require.Equal(t, []string{"Primary", "Decision maker"}, labelsOf(f.group(t, k, schema.Contacts), c.ID))
	require.Equal(t, k, f.primaryOf(t, c.ID), "a contact's first company is its primary")

	// Both sides' history name the same operation, by the user.
	hist, err := f.links.History(c.ID, schema.Companies, 10, "")
	require.NoError(t, err)
	require.Equal(t, ops[len(ops)-1].ID, hist[0].OpID)
	got, err := f.recs.Get(c.ID)
	require.NoError(t, err)
	require.Equal(t, "Ann", got.Props["firstname"])

	// From a deal, the new company can become its primary company.
	d := f.deal(t, "Big deal")
	k2, err := f.links.CreateAssociated(ann, d, schema.Companies, map[string]any{"name": "Beta"}, nil, true)
	require.NoError(t, err)
	require.Equal(t, k2.ID, f.primaryOf(t, d))
}

func TestCreateAssociatedRefusedLeavesNothing(t *testing.T) {
	f := newFixture(t)
	d, k := f.deal(t, "Deal"), f.company(t, "Acme")
	f.associate(t, d, k)
	_, err := f.links.SetLimit(ann, schema.Deals, schema.Companies, Limit{From: schema.Deals, Max: 1})
	require.NoError(t, err)
	before := len(f.ops(t))
	companies, err := f.recs.Count(schema.Companies)
	require.NoError(t, err)

	cases := []struct {
		name   string
		record string
		object string
		props  map[string]any
		labels []LabelRef
		code   errs.Code
		field  string
	}{
		{"over a limit", d, schema.Companies, map[string]any{"name": "Beta"}, nil, errs.CodeLimit, "targets"},
		{"an unknown label", d, schema.Companies, map[string]any{"name": "Beta"}, []LabelRef{{ID: 99}}, errs.CodeInvalid, "labels"},
		{"a record without a name", k, schema.Contacts, map[string]any{}, nil, errs.CodeInvalid, ""},
		{"an unknown record", "0190a0b2-1c3d-7e4f-8a5b-6c7d8e9f0a1b", schema.Companies, map[string]any{"name": "Beta"}, nil, errs.CodeNotFound, "from"},
		{"a malformed record ID", "not an id", schema.Companies, map[string]any{"name": "Beta"}, nil, errs.CodeInvalid, "from"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := f.links.CreateAssociated(ann, c.record, c.object, c.props, c.labels, false)
			requireCode(t, err, c.code, c.field)
			require.Len(t, f.ops(t), before, "nothing is logged")
			n, err := f.recs.Count(schema.Companies)
			require.NoError(t, err)
			require.Equal(t, companies, n, "no record is left behind")
			bin, err := f.recs.Bin(schema.Companies, 10)
			require.NoError(t, err)
			require.Empty(t, bin)
		})
	}
	require.Equal(t, []string{k}, ids(f.group(t, d, schema.Companies)))
}

func TestBatchCreatesRecordsAndLinksThemInOneOperation(t *testing.T) {
	f := newFixture(t)
	existing := f.company(t, "Acme")
	before := len(f.ops(t))
	res, err := f.links.Create(changelog.Meta{Actor: ann.Actor, Source: changelog.SourceImport}, Batch{
		Records: []NewRecord{
			{Key: "row1/company", Object: schema.Companies, Props: map[string]any{"name": "Beta"}},
			{Key: "row1/contact", Object: schema.Contacts, Props: map[string]any{"firstname": "Bo"}},
			{Key: "row2/contact", Object: schema.Contacts, Props: map[string]any{"firstname": "Cy"}},
			{Key: "deal", Object: schema.Deals, Props: map[string]any{"name": "Renewal"}},
		},
		Links: []Link{
			{From: "row1/contact", To: "row1/company"},
			{From: "row1/contact", To: existing, Primary: true},
			{From: "row2/contact", To: "row1/company"},
			{From: "deal", To: "row1/contact"},
			{From: "deal", To: existing},
			{From: "deal", To: existing}, // again: unchanged
		},
	})
	require.NoError(t, err)
	require.Equal(t, Result{Changed: 5, Unchanged: 1}, res.Links)
	require.Len(t, res.Records, 4)
	names := []string{}
	for _, r := range res.Records {
		names = append(names, r.DisplayName)
	}
	require.Equal(t, []string{"Beta", "Bo", "Cy", "Renewal"}, names, "records come back in the batch's order")
	beta, bo, cy, deal := res.Records[0].ID, res.Records[1].ID, res.Records[2].ID, res.Records[3].ID

	ops := f.ops(t)
	require.Len(t, ops, before+1)
	require.Equal(t, changelog.SourceImport, ops[len(ops)-1].Source)
	require.ElementsMatch(t, []string{bo, cy}, ids(f.group(t, beta, schema.Contacts)))
	require.Equal(t, existing, f.primaryOf(t, bo), "Primary wins over the first company")
	require.Equal(t, beta, f.primaryOf(t, cy))
	require.ElementsMatch(t, []string{bo}, ids(f.group(t, deal, schema.Contacts)))
	require.ElementsMatch(t, []string{existing}, ids(f.group(t, deal, schema.Companies)))
	hist, err := f.links.History(bo, "", 10, "")
	require.NoError(t, err)
	require.Equal(t, changelog.SourceImport, hist[0].Source)

	// Links only: no record to create.
	res, err = f.links.Create(ann, Batch{Links: []Link{{From: cy, To: existing}}})
	require.NoError(t, err)
	require.Equal(t, Result{Changed: 1}, res.Links)
	require.Empty(t, res.Records)
}

func TestBatchRefusesBadKeysAndLinksAsAWhole(t *testing.T) {
	f := newFixture(t)
	k := f.company(t, "Acme")
	before := len(f.ops(t))
	contact := func(key string) NewRecord {
		return NewRecord{Key: key, Object: schema.Contacts, Props: map[string]any{"firstname": "Bo"}}
	}
	cases := []struct {
		name  string
		batch Batch
		code  errs.Code
		field string
		text  string
	}{
		{"a key that is an ID", Batch{Records: []NewRecord{contact(k)}}, errs.CodeInvalid, "records", "Record 1"},
		{"an empty key", Batch{Records: []NewRecord{contact("")}}, errs.CodeInvalid, "records", "Record 1"},
		{"a key used twice", Batch{Records: []NewRecord{contact("a"), contact("a")}}, errs.CodeInvalid, "records", "Record 2"},
		{"an unknown key", Batch{Records: []NewRecord{contact("a")}, Links: []Link{{From: "a", To: k}, {From: "a", To: "b"}}},
			errs.CodeInvalid, "to", "Association 2"},
		{"a record refused", Batch{Records: []NewRecord{contact("a"), {Key: "b", Object: schema.Deals, Props: map[string]any{"amount": "lots"}}}},
			errs.CodeInvalid, "amount", "Record 2"},
		{"an unknown object", Batch{Records: []NewRecord{{Key: "a", Object: "planets"}}}, errs.CodeInvalid, "", "planets"},
		{"a record with itself", Batch{Records: []NewRecord{contact("a")}, Links: []Link{{From: "a", To: "a"}}}, errs.CodeInvalid, "to", "itself"},
		{"a company as primary of a company", Batch{Records: []NewRecord{{Key: "a", Object: schema.Companies, Props: map[string]any{"name": "Beta"}}},
			Links: []Link{{From: "a", To: k, Primary: true}}}, errs.CodeInvalid, "record", "never has a primary company"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := f.links.Create(ann, c.batch)
			requireCode(t, err, c.code, c.field)
			require.Contains(t, errs.As(err).Message, c.text)
			require.Len(t, f.ops(t), before, "nothing is logged")
			n, err := f.recs.Count(schema.Contacts)
			require.NoError(t, err)
			require.Zero(t, n)
		})
	}

	many := Batch{Records: make([]NewRecord, records.MaxCreateLinked+1)}
	for i := range many.Records {
		many.Records[i] = contact(fmt.Sprint("r", i))
	}
	_, err := f.links.Create(ann, many)
	requireCode(t, err, errs.CodeInvalid, "records")
	_, err = f.links.Create(ann, Batch{Links: make([]Link, MaxBatchLinks+1)})
	requireCode(t, err, errs.CodeInvalid, "links")
}

func TestLinksOfOneOperationKeepTheirOwnSource(t *testing.T) {
	f := newFixture(t)
	c, k := f.contact(t, "Cleo"), f.company(t, "Acme")
	d := f.deal(t, "Renewal")
	res, err := f.links.Create(ann, Batch{
		Records: []NewRecord{{Key: "call", Object: schema.Tickets, Props: map[string]any{"subject": "Called Cleo"}}},
		Links: []Link{
			{From: "call", To: c}, // picked by the user
			{From: "call", To: k, Source: changelog.SourceActivityAuto},
			{From: "call", To: d, Source: changelog.SourceActivityAuto},
		},
	})
	require.NoError(t, err)
	call := res.Records[0].ID
	sources := map[string]changelog.Source{}
	hist, err := f.links.History(call, "", 10, "")
	require.NoError(t, err)
	for _, e := range hist {
		sources[e.Name] = e.Source
	}
	require.Equal(t, map[string]changelog.Source{"Cleo Test": changelog.SourceUser, "Acme": changelog.SourceActivityAuto,
		"Renewal": changelog.SourceActivityAuto}, sources)
	fromCompany, err := f.links.History(k, schema.Tickets, 10, "")
	require.NoError(t, err)
	require.Equal(t, changelog.SourceActivityAuto, fromCompany[0].Source, "both records' history say so")
	require.Len(t, f.ops(t)[len(f.ops(t))-1].Changes, 4, "one operation: the record and its three associations")

	_, err = f.links.Create(ann, Batch{Links: []Link{{From: c, To: d, Source: "Magic"}}})
	requireCode(t, err, errs.CodeInvalid, "source")
}
