package records

import (
	"encoding/binary"
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/dgraph-io/badger/v4"
	"github.com/google/uuid"

	"fieldbook/backend/changelog"
	"fieldbook/backend/ordered"
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

// BenchmarkIndexInsert: one new contact into the in-memory index of 100,000
// contacts with few distinct names (as the generated data set has), with
// the orders by creation, name and last name: the work a create queues.
func BenchmarkIndexInsert(b *testing.B) {
	sch, err := schema.New(changelog.New(mustMemStore(b)))
	if err != nil {
		b.Fatal(err)
	}
	obj, err := sch.Object(schema.Contacts)
	if err != nil {
		b.Fatal(err)
	}
	r := rand.New(rand.NewPCG(1, 1))
	names := []string{"Andersen", "Brown", "Costa", "Dubois", "Eriksen", "Fischer", "García", "Hansen", "Ivanova", "Jansen"}
	contact := func(i int) change {
		props := map[string]any{"firstname": names[r.IntN(10)], "lastname": names[r.IntN(10)], "email": fmt.Sprintf("c%d@d%d.example", i, i%997)}
		id, _ := uuid.NewV7()
		f := factsOf(&obj, &stored{Object: obj.ID, Props: props, CreatedAt: int64(1e12 + i), UpdatedAt: int64(1e12 + i)})
		return change{id: id, after: &f}
	}
	ix := newIndex()
	ix.object(obj.Num).sorts["lastname"] = &ordered.Set{}
	batch := make([]change, 0, 1000)
	for i := 0; i < 100_000; i++ {
		if batch = append(batch, contact(i)); len(batch) == cap(batch) {
			ix.apply(batch)
			batch = batch[:0]
		}
	}
	adds := make([]change, b.N)
	for i := range adds {
		adds[i] = contact(100_000 + i)
	}
	b.ResetTimer()
	for i := range adds {
		ix.apply(adds[i : i+1])
	}
}

func mustMemStore(b *testing.B) *store.Store {
	st, err := store.OpenInMemory()
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	return st
}
