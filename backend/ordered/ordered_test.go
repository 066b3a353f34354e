package ordered

import (
	"bytes"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/google/uuid"
)

// Texts compare 16-byte heads before bytes; they must agree with byte order
// for every pair of values without NUL bytes, including shared prefixes and
// lengths around 16 bytes.
func TestTextOrderIsByteOrder(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 3))
	sign := func(n int) int { return max(-1, min(1, n)) }
	ids := []uuid.UUID{uuid.MustParse("00000000-0000-7000-8000-000000000001"), uuid.MustParse("00000000-0000-7000-8000-000000000002"), uuid.MustParse("ffffffff-0000-7000-8000-000000000000")}
	for i := 0; i < 200_000; i++ {
		a, b := randomText(r, 34), randomText(r, 34)
		if r.IntN(4) == 0 {
			b = a + strings.Repeat("a", r.IntN(3))
		}
		if got, want := sign(TextOf(a).Compare(TextOf(b))), strings.Compare(a, b); got != want {
			t.Fatalf("Compare(%q, %q) = %d, want %d", a, b, got, want)
		}
		if got := string(TextOf(a).AppendTo([]byte("x"))); got != "x"+a {
			t.Fatalf("AppendTo(%q) = %q", a, got)
		}
		ea, eb := Entry{Text: TextOf(a), Num: uint16(r.IntN(2)), ID: ids[r.IntN(3)]}, Entry{Text: TextOf(b), Num: uint16(r.IntN(2)), ID: ids[r.IntN(3)]}
		want := strings.Compare(a, b)
		if want == 0 {
			want = int(ea.Num) - int(eb.Num)
		}
		if want == 0 {
			want = bytes.Compare(ea.ID[:], eb.ID[:])
		}
		if got := sign(ea.Compare(&eb)); got != sign(want) {
			t.Fatalf("Compare(%q/%d/%s, %q/%d/%s) = %d, want %d", a, ea.Num, ea.ID, b, eb.Num, eb.ID, got, want)
		}
	}
}

func randomText(r *rand.Rand, maxLen int) string {
	alphabet := []byte{1, 'a', 'b', 0xff}
	b := make([]byte, r.IntN(maxLen))
	for i := range b {
		b[i] = alphabet[r.IntN(len(alphabet))]
	}
	return string(b)
}

// model is the reference a Set must agree with: a sorted slice.
type model []Entry

func (m model) find(e Entry) (int, bool) {
	return slices.BinarySearchFunc(m, e, func(a, b Entry) int { return a.Compare(&b) })
}

func collect(visit func(func(Entry) bool), limit int) []Entry {
	var out []Entry
	visit(func(e Entry) bool {
		out = append(out, e)
		return len(out) < limit
	})
	return out
}

// A Set agrees with a sorted slice through random puts and deletes: in its
// length, in every order of visiting, and from any starting point, while
// texts tie on their first eight or sixteen bytes, IDs grow (appends) or
// arrive at random, and the set empties and grows again.
func TestSetAgreesWithSortedSlice(t *testing.T) {
	for _, tc := range []struct {
		name   string
		seed   uint64
		ops    int
		texts  func(r *rand.Rand) string
		append bool // IDs only grow, like records created one after another
	}{
		{"ties on the first bytes", 1, 60_000, func(r *rand.Rand) string { return "same-head-" + randomText(r, 12) }, false},
		{"few distinct texts", 2, 60_000, func(r *rand.Rand) string {
			return []string{"ann", "ann smith", "northlogistics.example", ""}[r.IntN(4)]
		}, true},
		{"random texts", 3, 60_000, func(r *rand.Rand) string { return randomText(r, 40) }, false},
		{"growing texts", 4, 30_000, nil, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := rand.New(rand.NewPCG(tc.seed, 9))
			var s Set
			var m model
			var seq uint64
			newEntry := func(i int) Entry {
				var id uuid.UUID
				if tc.append {
					seq++
					id[7] = byte(seq >> 8)
					id[8] = byte(seq)
				} else {
					id[r.IntN(16)] = byte(r.IntN(256))
				}
				text := ""
				if tc.texts != nil {
					text = tc.texts(r)
				} else {
					text = strings.Repeat("z", i/1000) + string(rune('a'+i%26))
				}
				return Entry{Text: TextOf(text), Num: uint16(r.IntN(3)), ID: id}
			}
			for i := 0; i < tc.ops; i++ {
				deleting := len(m) > 0 && r.IntN(10) < 3
				if i > tc.ops/2 && i < tc.ops*3/4 {
					deleting = len(m) > 0 && r.IntN(10) < 8 // mostly deletes: nodes empty and leave
				}
				switch {
				case deleting && r.IntN(8) == 0: // not in the set
					e := newEntry(i)
					_, had := m.find(e)
					if got := s.Delete(e); got != had {
						t.Fatalf("op %d: Delete(absent) = %v, want %v", i, got, had)
					}
					if at, ok := m.find(e); ok {
						m = slices.Delete(m, at, at+1)
					}
				case deleting:
					at := r.IntN(len(m))
					if !s.Delete(m[at]) {
						t.Fatalf("op %d: Delete of an entry in the set returned false", i)
					}
					m = slices.Delete(m, at, at+1)
				case len(m) > 0 && r.IntN(10) == 0: // put again: replaces, no duplicate
					s.Put(m[r.IntN(len(m))])
				default:
					e := newEntry(i)
					s.Put(e)
					if at, ok := m.find(e); !ok {
						m = slices.Insert(m, at, e)
					}
				}
				if s.Len() != len(m) {
					t.Fatalf("op %d: Len = %d, want %d", i, s.Len(), len(m))
				}
				if i%997 == 0 || i == tc.ops-1 {
					check(t, &s, m, r)
				}
			}
			for len(m) > 0 { // empty it completely, then use it again
				at := r.IntN(len(m))
				s.Delete(m[at])
				m = slices.Delete(m, at, at+1)
			}
			check(t, &s, m, r)
			e := newEntry(0)
			s.Put(e)
			check(t, &s, model{e}, r)
		})
	}
}

func check(t *testing.T, s *Set, m model, r *rand.Rand) {
	t.Helper()
	if got := collect(s.Ascend, len(m)+1); !slices.Equal(got, m) && len(got)+len(m) > 0 {
		t.Fatalf("Ascend: %d entries, want %d (or out of order)", len(got), len(m))
	}
	if got, want := collect(s.Descend, len(m)+1), slices.Backward(m); len(got) != len(m) {
		t.Fatalf("Descend: %d entries, want %d", len(got), len(m))
	} else {
		i := 0
		for _, e := range want {
			if got[i] != e {
				t.Fatalf("Descend: entry %d differs", i)
			}
			i++
		}
	}
	for k := 0; k < 20 && len(m) > 0; k++ {
		from := m[r.IntN(len(m))]
		if r.IntN(2) == 0 { // a pivot between entries: the prefix search's
			from.ID = uuid.Nil
			from.Num = 0
		}
		at, _ := m.find(from)
		limit := 1 + r.IntN(70)
		got := collect(func(fn func(Entry) bool) { s.AscendFrom(from, fn) }, limit)
		want := m[at:min(at+limit, len(m))]
		if !slices.Equal(got, want) {
			t.Fatalf("AscendFrom: %d entries, want %d (or different ones)", len(got), len(want))
		}
	}
}

// Entries put in increasing order (creation order, IDs) fill their nodes:
// the set then needs about one node per capacity entries, not two.
func TestAppendsFillNodes(t *testing.T) {
	var s Set
	for i := range 10_000 {
		var id uuid.UUID
		id[6], id[7] = byte(i>>8), byte(i)
		s.Put(Entry{Text: TextOf("x"), ID: id})
	}
	leaves := 0
	var walk func(n *node)
	walk = func(n *node) {
		if n.kids == nil {
			leaves++
			return
		}
		for i := 0; i <= n.n; i++ {
			walk(n.kids[i])
		}
	}
	walk(s.root)
	if want := 10_000/capacity + 1; leaves > want {
		t.Fatalf("%d leaves for 10,000 appended entries, want at most %d", leaves, want)
	}
}

// Deleting most entries with long texts compacts the arena their bytes
// live in; the entries left keep their texts and their order.
func TestArenaCompactsAfterDeletes(t *testing.T) {
	var s Set
	var m model
	long := strings.Repeat("long text past sixteen bytes ", 2)
	for i := range 40_000 {
		var id uuid.UUID
		id[0], id[1] = byte(i>>8), byte(i)
		e := Entry{Text: TextOf(long + string(rune('a'+i%26))), ID: id}
		s.Put(e)
		m = append(m, e)
	}
	slices.SortFunc(m, func(a, b Entry) int { return a.Compare(&b) })
	before := s.arena.size
	r := rand.New(rand.NewPCG(5, 5))
	for len(m) > 5_000 {
		at := r.IntN(len(m))
		if !s.Delete(m[at]) {
			t.Fatal("Delete of an entry in the set returned false")
		}
		m = slices.Delete(m, at, at+1)
	}
	if s.arena.size >= before/2 {
		t.Fatalf("arena holds %d bytes after deleting seven in eight entries (%d before)", s.arena.size, before)
	}
	check(t, &s, m, r)
}
