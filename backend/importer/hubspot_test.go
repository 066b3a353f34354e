package importer

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"fieldbook/backend/schema"
)

// Headers of real HubSpot exports: a contacts export of every property
// (2023, abridged) and a deals view export.
var (
	hubspotContactsHeader = []string{
		"Record ID", "First Name", "Last Name", "City", "Close Date", "Company domain name", "Company Name",
		"Contact owner", "Create Date", "Email", "Industry", "Job Title", "Lead Status", "Lifecycle Stage",
		"Mobile Phone Number", "Phone Number", "Associated Company", "Associated Deal", "Associated Company IDs",
		"Associated Deal IDs",
	}
	hubspotDealsHeader = []string{
		"Record ID", "Deal Name", "Pipeline", "Deal Stage", "Amount", "Close Date", "Create Date", "Deal owner",
		"Associated Contact", "Associated Contact IDs",
	}
)

func TestIsHubSpotWantsARecordIDAndAColumnOnlyHubSpotHas(t *testing.T) {
	for _, tc := range []struct {
		name    string
		headers []string
		want    bool
	}{
		{"contacts export", hubspotContactsHeader, true},
		{"deals view", hubspotDealsHeader, true},
		{"an association column", []string{"Record ID", "Name", "Associated Company IDs"}, true},
		{"a labeled association column", []string{"Record ID", "Associated Company IDs (Primary)"}, true},
		{"an owner, spaces and case aside", []string{" record ID ", "TICKET OWNER"}, true},
		{"before 2022: the object's own ID", []string{"Deal ID", "Deal Name", "Deal Stage"}, true},
		{"a record ID alone", []string{"Record ID", "Name", "Email"}, false},
		{"no record ID", []string{"First Name", "Email", "Associated Company IDs"}, false},
		{"names-only association column", []string{"Record ID", "Associated Company"}, false},
		{"no headers", nil, false},
	} {
		require.Equal(t, tc.want, IsHubSpot(tc.headers), tc.name)
	}
}

func TestHubSpotObjectReadsTheFileNameThenTheHeaders(t *testing.T) {
	ticketsHeader := []string{"Record ID", "Ticket name", "Pipeline", "Ticket status", "Priority", "Ticket owner"}
	for _, tc := range []struct {
		file    string
		headers []string
		want    string
	}{
		{"hubspot-crm-exports-all-contacts-2026-12-01.csv", nil, schema.Contacts},
		{"/home/ann/Downloads/hubspot-crm-exports-all-companies-2021-06-18.csv", nil, schema.Companies},
		{"HUBSPOT-CRM-EXPORTS-ALL-DEALS-2019-08-12.CSV", nil, schema.Deals},
		{"hubspot-crm-exports-all-tickets-2026-12-01.csv", nil, schema.Tickets},
		{"tickets.csv", nil, schema.Tickets},
		// The file name wins over headers that lean elsewhere.
		{"hubspot-crm-exports-all-companies-2026-12-01.csv", hubspotDealsHeader, schema.Companies},
		// A saved view is named after the view: the headers say.
		{"hubspot-crm-exports-safari-enquiries-2024-07-05.csv", hubspotDealsHeader, schema.Deals},
		{"hubspot-crm-exports-contacts-with-open-deals-2026-01-15.csv", hubspotContactsHeader, schema.Contacts},
		{"export.csv", ticketsHeader, schema.Tickets},
		{"export.csv", []string{"Record ID", "Contact ID", "Associated Deal IDs"}, schema.Contacts},
		{"export.csv", []string{"Record ID", "Name"}, ""},
		{"export.csv", []string{"Record ID", "Deal owner", "Ticket owner"}, ""},
		{"export.csv", nil, ""},
	} {
		require.Equal(t, tc.want, HubSpotObject(tc.file, tc.headers), "%s %v", tc.file, tc.headers)
	}
}

func TestHubSpotColumnMapsIDsAssociationsAndStandardProperties(t *testing.T) {
	id := func(object, header string) Column { return Column{Header: header, Kind: RecordID, Object: object} }
	prop := func(object, header, property string) Column {
		return Column{Header: header, Kind: Property, Object: object, Property: property}
	}
	assoc := func(object, header, target string, primary bool) Column {
		return Column{Header: header, Kind: Association, Object: object, Target: target, Match: ByID, Primary: primary}
	}
	const co, ct, de, ti = schema.Companies, schema.Contacts, schema.Deals, schema.Tickets
	for _, tc := range []struct {
		object, header string
		want           Column
	}{
		{ct, "Record ID", id(ct, "Record ID")},
		{ct, "  record id ", id(ct, "  record id ")},
		{ti, "hs_object_id", id(ti, "hs_object_id")},
		{de, "Deal ID", id(de, "Deal ID")},
		{ct, "Associated Company IDs", assoc(ct, "Associated Company IDs", co, false)},
		{ct, "Associated Company IDs (Primary)", assoc(ct, "Associated Company IDs (Primary)", co, true)},
		{de, "associated company ids (primary)", assoc(de, "associated company ids (primary)", co, true)},
		{ct, "Primary Associated Company ID", assoc(ct, "Primary Associated Company ID", co, true)},
		{ct, "Associated Company ID", assoc(ct, "Associated Company ID", co, true)},
		{ct, "associatedcompanyid", assoc(ct, "associatedcompanyid", co, true)},
		{co, "Associated Contact IDs", assoc(co, "Associated Contact IDs", ct, false)},
		{co, "Associated Deal IDs", assoc(co, "Associated Deal IDs", de, false)},
		{ct, "Associated Ticket IDs", assoc(ct, "Associated Ticket IDs", ti, false)},
		{ct, "ASSOCIATED  CONTACT IDS", assoc(ct, "ASSOCIATED  CONTACT IDS", ct, false)},
		{co, "Associated Company IDs", assoc(co, "Associated Company IDs", co, false)},
		{ct, "firstname", prop(ct, "firstname", "firstname")},
		{ct, "First Name", prop(ct, "First Name", "firstname")},
		{ct, "Last Name", prop(ct, "Last Name", "lastname")},
		{ct, "Email", prop(ct, "Email", "email")},
		{ct, "Phone Number", prop(ct, "Phone Number", "phone")},
		{ct, "phone", prop(ct, "phone", "phone")},
		{ct, "Job Title", prop(ct, "Job Title", "jobtitle")},
		{co, "name", prop(co, "name", "name")},
		{co, "Company name", prop(co, "Company name", "name")},
		{co, "Company Domain Name", prop(co, "Company Domain Name", "domain")},
		{co, "domain", prop(co, "domain", "domain")},
		{co, "Industry", prop(co, "Industry", "industry")},
		{co, "City", prop(co, "City", "city")},
		{de, "dealname", prop(de, "dealname", "name")},
		{de, "Deal Name", prop(de, "Deal Name", "name")},
		{de, "Amount", prop(de, "Amount", "amount")},
		{de, "Deal Stage", prop(de, "Deal Stage", "stage")},
		{de, "dealstage", prop(de, "dealstage", "stage")},
		{de, "Close Date", prop(de, "Close Date", "closedate")},
		{ti, "subject", prop(ti, "subject", "subject")},
		{ti, "Ticket name", prop(ti, "Ticket name", "subject")},
		{ti, "hs_pipeline_stage", prop(ti, "hs_pipeline_stage", "status")},
		{ti, "Ticket status", prop(ti, "Ticket status", "status")},
		{ti, "hs_ticket_priority", prop(ti, "hs_ticket_priority", "priority")},
		{ti, "Priority", prop(ti, "Priority", "priority")},
	} {
		got, ok := HubSpotColumn(tc.object, tc.header)
		require.True(t, ok, "%s %q", tc.object, tc.header)
		require.Equal(t, tc.want, got, "%s %q", tc.object, tc.header)
	}
}

func TestHubSpotColumnLeavesWhatFieldbookHasNoPlaceFor(t *testing.T) {
	for _, tc := range []struct{ object, header string }{
		{schema.Contacts, "Create Date"},
		{schema.Contacts, "Contact owner"},
		{schema.Contacts, "Mobile Phone Number"},
		{schema.Contacts, "Company Name"}, // the contact's own text, not a company
		{schema.Contacts, "City"},         // Fieldbook's contacts have no city
		{schema.Contacts, "Associated Company"},
		{schema.Contacts, "Associated Company (Primary)"},
		{schema.Contacts, "Associated Company Names (Primary)"},
		{schema.Contacts, "Associated Contact IDs (Manager)"}, // the IDs are in the unlabeled column too
		{schema.Contacts, "Associated Note IDs"},
		{schema.Contacts, "Associated Company IDs ()"},
		{schema.Contacts, "Associated Company IDsx"},
		{schema.Contacts, "Company ID"}, // another object's ID
		{schema.Companies, "Associated Company IDs (Primary)"},
		{schema.Companies, "Primary Associated Company ID"},
		{schema.Companies, "Phone Number"},
		{schema.Companies, "Country/Region"},
		{schema.Deals, "Pipeline"},
		{schema.Deals, "Deal owner"},
		{schema.Deals, "Associated Contact IDs (Primary)"}, // only companies are primary
		{schema.Tickets, "Ticket owner"},
		{schema.Tickets, "Create date"},
		{schema.Tickets, "Associated Contact"},
		{"widgets", "Name"},
	} {
		got, ok := HubSpotColumn(tc.object, tc.header)
		require.False(t, ok, "%s %q mapped to %+v", tc.object, tc.header, got)
	}
}

func TestHubSpotValueTranslatesDefaultPipelinesAndPriorities(t *testing.T) {
	for _, tc := range []struct {
		object, property, value, want string
	}{
		{schema.Deals, "stage", "appointmentscheduled", "appointment"},
		{schema.Deals, "stage", "Appointment Scheduled", "appointment"},
		{schema.Deals, "stage", "qualifiedtobuy", "qualified"},
		{schema.Deals, "stage", "Qualified To Buy", "qualified"},
		{schema.Deals, "stage", "Qualified to buy", "qualified"},
		{schema.Deals, "stage", "presentationscheduled", "presentation"},
		{schema.Deals, "stage", "Presentation Scheduled", "presentation"},
		{schema.Deals, "stage", "decisionmakerboughtin", "decision"},
		{schema.Deals, "stage", "Decision Maker Bought-In", "decision"},
		{schema.Deals, "stage", "Decision maker bought in", "decision"},
		{schema.Deals, "stage", "contractsent", "contract"},
		{schema.Deals, "stage", "Contract Sent", "contract"},
		{schema.Deals, "stage", "closedwon", "won"},
		{schema.Deals, "stage", " Closed Won ", "won"},
		{schema.Deals, "stage", "closedlost", "lost"},
		{schema.Deals, "stage", "Closed Lost", "lost"},
		{schema.Tickets, "status", "1", "new"},
		{schema.Tickets, "status", "New", "new"},
		{schema.Tickets, "status", "2", "waiting_contact"},
		{schema.Tickets, "status", "Waiting on contact", "waiting_contact"},
		{schema.Tickets, "status", "3", "waiting_us"},
		{schema.Tickets, "status", "Waiting on us", "waiting_us"},
		{schema.Tickets, "status", "4", "closed"},
		{schema.Tickets, "status", "Closed", "closed"},
		{schema.Tickets, "priority", "LOW", "low"},
		{schema.Tickets, "priority", "Medium", "medium"},
		{schema.Tickets, "priority", "HIGH", "high"},
		{schema.Tickets, "priority", "URGENT", "urgent"},
	} {
		got, ok := HubSpotValue(tc.object, tc.property, tc.value)
		require.True(t, ok, "%s.%s %q", tc.object, tc.property, tc.value)
		require.Equal(t, tc.want, got, "%s.%s %q", tc.object, tc.property, tc.value)
	}
	for _, tc := range []struct{ object, property, value string }{
		{schema.Deals, "stage", "Negotiation"}, // a custom pipeline's stage
		{schema.Deals, "stage", "1234567"},     // a custom stage's internal ID
		{schema.Deals, "stage", ""},
		{schema.Tickets, "status", "5"},
		{schema.Tickets, "status", "Waiting on customer"},
		{schema.Tickets, "priority", "Critical"},
		{schema.Tickets, "priority", "1"},
		{schema.Deals, "amount", "1000"},
		{schema.Deals, "closedate", "2026-12-15 14:30"},
		{schema.Contacts, "stage", "closedwon"},
		{schema.Deals, "stage", strings.Repeat("closedwon", 10)},
	} {
		got, ok := HubSpotValue(tc.object, tc.property, tc.value)
		require.False(t, ok, "%s.%s %q gave %q", tc.object, tc.property, tc.value, got)
	}
}

// HubSpotValue runs once per cell of files of up to a million rows.
func TestHubSpotValueDoesNotAllocate(t *testing.T) {
	allocs := testing.AllocsPerRun(100, func() {
		HubSpotValue(schema.Deals, "stage", "Decision Maker Bought-In")
		HubSpotValue(schema.Tickets, "status", "Waiting on us")
		HubSpotValue(schema.Contacts, "email", "ann@example.com")
	})
	require.Zero(t, allocs)
}

// The generated test files (scripts/hubspotfiles): each is recognized, its
// object guessed from its name and from its headers alone, every header
// mapped as wanted or one of the columns to skip, and their values and
// associations hold together.
func TestHubSpotFilesAreRecognizedAndMapped(t *testing.T) {
	const dir = "testdata/hubspot"
	skipped := map[string][]string{
		schema.Contacts: {
			"Contact owner", "Lead Status", "Create Date", "Last Activity Date", "City", "Company Name",
			"Associated Company", "Associated Company (Primary)", "Associated Deal", "Associated Ticket",
		},
		schema.Companies: {
			"Company owner", "Create Date", "Phone Number", "Last Activity Date", "Country/Region",
			"Associated Contact", "Associated Deal", "Associated Ticket",
		},
		schema.Deals: {
			"Deal owner", "Pipeline", "Create Date", "Associated Company", "Associated Company (Primary)",
			"Associated Contact",
		},
		schema.Tickets: {
			"Pipeline", "Create date", "Ticket owner", "Source", "Last activity date",
			"Associated Company", "Associated Company (Primary)", "Associated Contact",
		},
	}
	want := map[string]map[string]string{
		schema.Contacts: {
			"Record ID": "id", "First Name": "firstname", "Last Name": "lastname", "Email": "email",
			"Phone Number": "phone", "Job Title": "jobtitle",
			"Associated Company IDs": "companies", "Associated Company IDs (Primary)": "primary companies",
			"Associated Deal IDs": "deals", "Associated Ticket IDs": "tickets",
		},
		schema.Companies: {
			"Record ID": "id", "Company name": "name", "Company Domain Name": "domain", "City": "city",
			"Industry":               "industry",
			"Associated Contact IDs": "contacts", "Associated Deal IDs": "deals", "Associated Ticket IDs": "tickets",
		},
		schema.Deals: {
			"Record ID": "id", "Deal Name": "name", "Deal Stage": "stage", "Close Date": "closedate", "Amount": "amount",
			"Associated Company IDs": "companies", "Associated Company IDs (Primary)": "primary companies",
			"Associated Contact IDs": "contacts",
		},
		schema.Tickets: {
			"Record ID": "id", "Ticket name": "subject", "Ticket status": "status", "Priority": "priority",
			"Associated Company IDs": "companies", "Associated Company IDs (Primary)": "primary companies",
			"Associated Contact IDs": "contacts",
		},
	}
	names, err := filepath.Glob(filepath.Join(dir, "*.csv"))
	require.NoError(t, err)
	require.Len(t, names, 4)

	files := map[string]*hubspotFile{}
	for _, name := range names {
		f := readHubSpotFile(t, name)
		require.True(t, IsHubSpot(f.header), name)
		object := HubSpotObject(name, f.header)
		require.NotEmpty(t, object, name)
		require.Equal(t, object, HubSpotObject("export.csv", f.header), "%s: the headers alone say", name)
		require.Nil(t, files[object], "two files of %s", object)
		f.object, files[object] = object, f

		mapped, left := map[string]string{}, []string{}
		for _, h := range f.header {
			col, ok := HubSpotColumn(object, h)
			switch {
			case !ok:
				left = append(left, h)
			case col.Kind == RecordID:
				mapped[h] = "id"
			case col.Kind == Property:
				mapped[h] = col.Property
			case col.Kind == Association && col.Primary:
				mapped[h] = "primary " + col.Target
			case col.Kind == Association:
				mapped[h] = col.Target
			}
			if ok {
				require.Equal(t, object, col.Object)
				require.Equal(t, h, col.Header)
			}
		}
		require.Equal(t, want[object], mapped, name)
		require.ElementsMatch(t, skipped[object], left, "%s: the columns to skip", name)
	}
	require.Len(t, files, 4)

	// Options read as Fieldbook's.
	for _, c := range []struct{ object, header, property string }{
		{schema.Deals, "Deal Stage", "stage"}, {schema.Tickets, "Ticket status", "status"},
		{schema.Tickets, "Priority", "priority"},
	} {
		for i, row := range files[c.object].rows {
			if v := row[c.header]; v != "" {
				_, ok := HubSpotValue(c.object, c.property, v)
				require.True(t, ok, "%s row %d: %s %q", c.object, i+1, c.header, v)
			}
		}
	}

	// Every association names records of the other file, and is listed on
	// both sides; every record with companies has exactly one primary among them.
	type link struct{ from, fromID, to, toID string }
	seen := map[link]bool{}
	for _, f := range files {
		for i, row := range f.rows {
			for h, target := range want[f.object] {
				if target == "id" || target == "primary companies" || !strings.HasPrefix(h, "Associated") {
					continue
				}
				for _, other := range splitIDs(row[h]) {
					require.Contains(t, files[target].ids, other, "%s row %d: %s", f.object, i+1, h)
					seen[link{f.object, row["Record ID"], target, other}] = true
				}
			}
			if primary, ok := row["Associated Company IDs (Primary)"]; ok {
				companies := splitIDs(row["Associated Company IDs"])
				require.Equal(t, len(companies) > 0, primary != "", "%s row %d", f.object, i+1)
				if primary != "" {
					require.Contains(t, companies, primary, "%s row %d", f.object, i+1)
				}
			}
		}
	}
	for l := range seen {
		require.True(t, seen[link{l.to, l.toID, l.from, l.fromID}], "%s %s lists %s %s, not the other way round", l.from, l.fromID, l.to, l.toID)
	}
}

type hubspotFile struct {
	object string
	header []string
	rows   []map[string]string
	ids    []string
}

func readHubSpotFile(t *testing.T, name string) *hubspotFile {
	t.Helper()
	in, err := os.Open(name)
	require.NoError(t, err)
	defer in.Close()
	records, err := csv.NewReader(in).ReadAll()
	require.NoError(t, err)
	require.NotEmpty(t, records, name)
	f := &hubspotFile{header: records[0]}
	for _, rec := range records[1:] {
		row := map[string]string{}
		for i, h := range f.header {
			row[h] = rec[i]
		}
		require.NotContains(t, f.ids, row["Record ID"], "%s: Record IDs are unique", name)
		f.rows, f.ids = append(f.rows, row), append(f.ids, row["Record ID"])
	}
	require.NotContains(t, f.ids, "", name)
	require.True(t, slices.IndexFunc(f.ids, func(id string) bool { return strings.Trim(id, "0123456789") != "" }) < 0,
		"%s: Record IDs are numbers", name)
	return f
}

func splitIDs(cell string) []string {
	if cell == "" {
		return nil
	}
	return strings.Split(cell, ";")
}
