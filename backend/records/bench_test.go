package records

import (
	"encoding/binary"
	"math/rand/v2"
	"testing"

	"github.com/dgraph-io/badger/v4"

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
	recs, err := New(lg, sch)
	if err != nil {
		b.Fatal(err)
	}
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

// BenchmarkRawBadgerTxn is the floor under Create: one transaction of 15
// small keys, as many as a contact's record, indexes and log entry.
func BenchmarkRawBadgerTxn(b *testing.B) {
	st, err := store.Open(b.TempDir())
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	val := make([]byte, 200)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		err := st.Update(func(txn *badger.Txn) error {
			for k := 0; k < 15; k++ {
				key := binary.BigEndian.AppendUint64([]byte{0x70, byte(k)}, uint64(i))
				v := val
				if k > 0 {
					v = nil
				}
				if err := txn.Set(key, v); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
	}
}
