package bench

import (
	"context"
	"testing"
	"time"

	"fieldbook/backend/domains"
	"fieldbook/backend/duplicates"
	"fieldbook/backend/schema"
)

// BenchmarkDuplicates finds the duplicate contacts of the data set with
// its associations (100,000 contacts with 1–3 companies each, 900
// distinct names over them): reading every contact, its email, phone and
// companies, then bucketing and judging. It reports the seconds of one
// Find (the mean over b.N) and the pairs it found (at most
// duplicates.MaxPairs).
func BenchmarkDuplicates(b *testing.B) {
	e := linked(b)
	doms, err := domains.New(e.log)
	if err != nil {
		b.Fatal(err)
	}
	dups, err := duplicates.New(e.log, e.schema, e.recs, e.links, doms)
	if err != nil {
		b.Fatal(err)
	}
	var pairs []duplicates.Pair
	reports, total := 0, 0
	b.ResetTimer()
	start := time.Now()
	for i := 0; i < b.N; i++ {
		reports = 0
		pairs, err = dups.Find(context.Background(), schema.Contacts, func(done, all int) { reports, total = reports+1, all })
		if err != nil {
			b.Fatal(err)
		}
	}
	seconds := time.Since(start).Seconds() / float64(b.N)
	b.StopTimer()
	if total < len(e.contacts) || reports < 101 {
		b.Fatalf("progress: %d reports over %d contacts", reports, total)
	}
	b.ReportMetric(seconds, "s")
	b.ReportMetric(float64(len(pairs)), "pairs")
}
