package records

import (
	"bytes"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/google/uuid"
)

// The B-tree orders compare 16-byte heads before bytes; they must agree
// with byte order for every pair of values without NUL bytes (text refuses
// them), including shared prefixes and lengths around 16 bytes.
func TestItemOrderIsByteOrder(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 3))
	alphabet := []byte{1, 'a', 'b', 0xff}
	text := func() string {
		b := make([]byte, r.IntN(34))
		for i := range b {
			b[i] = alphabet[r.IntN(len(alphabet))]
		}
		return string(b)
	}
	sign := func(n int) int { return max(-1, min(1, n)) }
	ids := []uuid.UUID{uuid.MustParse("00000000-0000-7000-8000-000000000001"), uuid.MustParse("00000000-0000-7000-8000-000000000002"), uuid.MustParse("ffffffff-0000-7000-8000-000000000000")}
	for i := 0; i < 200_000; i++ {
		a, b := text(), text()
		if r.IntN(4) == 0 {
			b = a + strings.Repeat("a", r.IntN(3))
		}
		if got, want := sign(textOf(a).compare(textOf(b))), strings.Compare(a, b); got != want {
			t.Fatalf("compare(%q, %q) = %d, want %d", a, b, got, want)
		}
		if got := string(textOf(a).appendTo([]byte("x"))); got != "x"+a {
			t.Fatalf("appendTo(%q) = %q", a, got)
		}
		ia, ib := ids[r.IntN(3)], ids[r.IntN(3)]
		want := strings.Compare(a, b) < 0 || a == b && bytes.Compare(ia[:], ib[:]) < 0
		if got := sortLess(newSortItem(a, ia), newSortItem(b, ib)); got != want {
			t.Fatalf("sortLess(%q %s, %q %s) = %v", a, ia, b, ib, got)
		}
		if got := termLess(newTermItem(a, 1, ia), newTermItem(b, 1, ib)); got != want {
			t.Fatalf("termLess(%q %s, %q %s) = %v", a, ia, b, ib, got)
		}
	}
}

// Numbers, dates and yes/no values encode at a fixed length, so their
// zero padding in a head is unambiguous too.
func TestItemOrderOfFixedLengthValues(t *testing.T) {
	values := []any{-1e9, -2.5, -1.0, 0.0, 1.0, 1.5, 2.0, 256.0, 1e12, false, true}
	for _, a := range values {
		for _, b := range values {
			ea, eb := string(sortValue(a)), string(sortValue(b))
			if _, ok := a.(bool); ok != func() bool { _, ok := b.(bool); return ok }() {
				continue // one property holds one type
			}
			if got, want := max(-1, min(1, textOf(ea).compare(textOf(eb)))), strings.Compare(ea, eb); got != want {
				t.Fatalf("compare(%v, %v) = %d, want %d", a, b, got, want)
			}
		}
	}
}
