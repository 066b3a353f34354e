package records

import (
	"strings"
	"testing"

	"fieldbook/backend/ordered"
)

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
			if got, want := max(-1, min(1, ordered.TextOf(ea).Compare(ordered.TextOf(eb)))), strings.Compare(ea, eb); got != want {
				t.Fatalf("compare(%v, %v) = %d, want %d", a, b, got, want)
			}
		}
	}
}
