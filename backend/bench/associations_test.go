package bench

import (
	"fmt"
	"testing"
	"time"

	"fieldbook/backend/associations"
	"fieldbook/backend/records"
	"fieldbook/backend/schema"
)

// BenchmarkLinkLoad reports the rate at which the data set's associations
// were imported (about 300,000, in transactions of 1,000), and the time
// the whole data set took: its records, then its associations.
func BenchmarkLinkLoad(b *testing.B) {
	e := linked(b)
	b.ReportMetric(e.linkRate, "links/s")
	b.ReportMetric(float64(e.links0), "links")
	rows := Full.Contacts + Full.Companies + Full.Deals + Full.Tickets
	b.ReportMetric(float64(rows)/e.loadRate+float64(e.links0)/e.linkRate, "dataset-s")
}

// BenchmarkSummary: a record's associations grouped by object with counts
// and the first 10 of each with names, labels and the primary mark, for
// contacts, companies and deals in turn.
func BenchmarkSummary(b *testing.B) {
	e := linked(b)
	pools := []ids{e.contacts, e.companies, e.deals}
	measure(b, func(i int) error {
		sum, err := e.links.Summary(pools[i%3].at(i*7919), 10)
		if err == nil && len(sum) == 0 {
			err = fmt.Errorf("no associations")
		}
		return err
	})
}

// BenchmarkHistory: the 50 newest association changes of a company with
// its contacts.
func BenchmarkHistory(b *testing.B) {
	e := linked(b)
	var companies []string // those with contacts
	for i := range 2000 {
		k := e.companies.at(i)
		if g, err := e.links.Page(k, schema.Contacts, 0, 1); err == nil && g.Total > 0 {
			companies = append(companies, k)
		}
	}
	measure(b, func(i int) error {
		h, err := e.links.History(companies[(i*7919)%len(companies)], schema.Contacts, 50, "")
		if err == nil && len(h) == 0 {
			err = fmt.Errorf("no history")
		}
		return err
	})
}

// BenchmarkColumns: association columns of a 100-row index page of
// contacts: number of companies, number of deals, primary company's name.
func BenchmarkColumns(b *testing.B) {
	e := linked(b)
	cols := []associations.Column{{Object: schema.Companies}, {Object: schema.Deals}, {Object: schema.Companies, Primary: true}}
	measure(b, func(i int) error {
		start := (i * 100) % (len(e.contacts) - 100)
		cells, err := e.links.Columns(e.contacts.page(start, 100), cols)
		if err == nil && cells[0][2].Name == "" {
			err = fmt.Errorf("no primary company")
		}
		return err
	})
}

// BenchmarkIndexPageWithAssociations: 100 contacts sorted by last name with
// three association columns (companies and deals counted, the primary
// company's name), as the index page asks for them: the first page.
func BenchmarkIndexPageWithAssociations(b *testing.B) { indexWithAssociations(b, 0) }

// BenchmarkIndexPageWithAssociationsDeep: the same, 50,000 rows in.
func BenchmarkIndexPageWithAssociationsDeep(b *testing.B) { indexWithAssociations(b, 50_000) }

func indexWithAssociations(b *testing.B, offset int) {
	e := linked(b)
	cols := []associations.Column{{Object: schema.Companies}, {Object: schema.Deals}, {Object: schema.Companies, Primary: true}}
	measure(b, func(i int) error {
		p, err := e.recs.List(records.ListQuery{Object: schema.Contacts, Sort: "lastname", Offset: offset, Limit: 100})
		if err != nil {
			return err
		}
		rows := make([]string, len(p.Records))
		for j, r := range p.Records {
			rows[j] = r.ID
		}
		cells, err := e.links.Columns(rows, cols)
		if err == nil && len(cells) != 100 {
			err = fmt.Errorf("%d rows", len(cells))
		}
		return err
	})
}

// associateRuns counts BenchmarkAssociate's runs, so that a repeated run
// (-count) picks pairs the runs before it have not associated yet.
var associateRuns int

// BenchmarkAssociate: a contact with a company it was not associated with,
// one transaction each (checks, both directions, history), sequentially.
func BenchmarkAssociate(b *testing.B) {
	e := linked(b)
	associateRuns++
	shift := associateRuns * 101 // companies per step: a new pair for each run
	b.ResetTimer()
	start := time.Now()
	done := 0
	for i := 0; i < b.N; i++ {
		res, err := e.links.Associate(user, associations.Edit{
			Record:  e.contacts.at(i * 7),
			Targets: []string{e.companies.at(i*7919 + 13 + shift)},
		})
		if err != nil {
			b.Fatal(err)
		}
		done += res.Changed
	}
	b.ReportMetric(float64(done)/time.Since(start).Seconds(), "associations/s")
}

// BenchmarkSetPrimary: make another of a contact's companies its primary,
// one transaction each.
func BenchmarkSetPrimary(b *testing.B) {
	e := linked(b)
	type pair struct{ contact, company string }
	var todo []pair
	for i := 0; len(todo) < b.N; i++ {
		c := e.contacts.at(i * 7)
		g, err := e.links.Page(c, schema.Companies, 0, 10)
		if err != nil {
			b.Fatal(err)
		}
		for _, a := range g.Items {
			if !a.Primary {
				todo = append(todo, pair{c, a.ID})
				break
			}
		}
	}
	b.ResetTimer()
	start := time.Now()
	for _, p := range todo[:b.N] {
		if _, err := e.links.SetPrimary(user, p.contact, p.company); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "sets/s")
}

// BenchmarkDeleteRestore: move a company with about ten associations to the
// recycle bin and restore it; the rate counts associations removed and
// re-created.
func BenchmarkDeleteRestore(b *testing.B) {
	e := linked(b)
	var picked []string
	sizes := 0
	for i := 0; len(picked) < min(b.N, 1000); i++ {
		k := e.companies.at(i * 31)
		sum, err := e.links.Summary(k, 1)
		if err != nil {
			b.Fatal(err)
		}
		n := 0
		for _, g := range sum {
			n += g.Total
		}
		if n >= 8 && n <= 12 {
			picked = append(picked, k)
			sizes += n
		}
	}
	b.ResetTimer()
	start := time.Now()
	pairs := 0
	for i := 0; i < b.N; i++ {
		k := picked[i%len(picked)]
		if _, err := e.recs.Delete(user, []string{k}); err != nil {
			b.Fatal(err)
		}
		if _, err := e.recs.Restore(user, []string{k}); err != nil {
			b.Fatal(err)
		}
	}
	pairs = b.N * sizes / len(picked)
	b.ReportMetric(float64(pairs)/time.Since(start).Seconds(), "pairs/s")
}

// BenchmarkCreateAssociated: a contact created from a company's page with
// its association (Create new in the add panel), one transaction and one
// operation each; the contact's first company becomes its primary.
func BenchmarkCreateAssociated(b *testing.B) {
	e := linked(b)
	b.ResetTimer()
	start := time.Now()
	for i := 0; i < b.N; i++ {
		props := map[string]any{"firstname": "New", "lastname": fmt.Sprint("Contact ", i)}
		if _, err := e.links.CreateAssociated(user, e.companies.at(i*7919), schema.Contacts, props, nil, false); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "records/s")
}
