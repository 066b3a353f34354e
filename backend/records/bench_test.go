package records

import (
	"math/rand/v2"
	"testing"

	"fieldbook/backend/changelog"
	"fieldbook/backend/schema"
	"fieldbook/backend/store"
)

// Micro-benchmarks on a small on-disk store; the data-set benchmarks with
// the targets are in backend/bench.
func BenchmarkCreateSmallStore(b *testing.B) {
	st, err := store.Open(b.TempDir())
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	lg := changelog.New(st)
	sch, err := schema.New(lg)
	if err != nil {
		b.Fatal(err)
	}
	recs := New(lg, sch)
	r := rand.New(rand.NewPCG(1, 1))
	first := []string{"Ann", "Ben", "Chloé", "David"}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		props := map[string]any{"firstname": first[r.IntN(4)], "lastname": "Lee", "email": "x@y.example", "jobtitle": "CTO"}
		if _, err := recs.Create(changelog.Meta{Source: changelog.SourceUser}, schema.Contacts, props); err != nil {
			b.Fatal(err)
		}
	}
}
