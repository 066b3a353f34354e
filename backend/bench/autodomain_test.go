package bench

import (
	"context"
	"testing"
	"time"

	"fieldbook/backend/associations"
	"fieldbook/backend/autodomain"
	"fieldbook/backend/changelog"
	"fieldbook/backend/domains"
	"fieldbook/backend/records"
	"fieldbook/backend/sample"
	"fieldbook/backend/store"
)

// BenchmarkAutoDomain applies companies by domain to the data set's
// 100,000 contacts, none of which has a company yet: each email's domain
// is one of 997 of the 20,000 companies' (backend/sample), so every
// contact is associated with an existing company. It runs in a store of
// its own holding the data set's records without their associations.
func BenchmarkAutoDomain(b *testing.B) {
	st, err := store.Open(b.TempDir())
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	lg := changelog.New(st)
	sch := mustSchema(b, st)
	recs, err := records.New(lg, sch)
	if err != nil {
		b.Fatal(err)
	}
	links, err := associations.New(lg, sch, recs)
	if err != nil {
		b.Fatal(err)
	}
	doms, err := domains.New(lg)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := sample.Load(changelog.Meta{Source: changelog.SourceImport}, recs, Full, 1); err != nil {
		b.Fatal(err)
	}
	st.Settle(2 * time.Minute)
	auto := autodomain.New(lg, sch, recs, links, doms)
	b.ResetTimer()
	start := time.Now()
	res, err := auto.Run(context.Background(), user, nil)
	if err != nil {
		b.Fatal(err)
	}
	took := time.Since(start)
	if res.Associated != Full.Contacts {
		b.Fatalf("associated %d contacts of %d: %+v", res.Associated, Full.Contacts, res)
	}
	b.ReportMetric(float64(res.Contacts)/took.Seconds(), "contacts/s")
}
