package records

import (
	"bytes"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/google/uuid"
)

// The B-tree orders compare heads and lengths instead of bytes; they must
// agree with byte order for every pair, including NUL bytes, shared
// prefixes and lengths around the 16 bytes a head holds.
func TestItemOrderIsByteOrder(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 3))
	alphabet := []byte{0, 1, 'a', 'b', 0xff}
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
			b = a + strings.Repeat("\x00", r.IntN(3))
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
