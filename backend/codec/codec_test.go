package codec

import "testing"

func TestKnownReturnsTheSharedStringOrACopy(t *testing.T) {
	words := []string{"created", "removed"}
	b := AppendString(AppendString(AppendString(nil, "removed"), "renamed"), "")
	r := NewReader(b)
	if got := r.Known(words...); got != "removed" {
		t.Fatalf("first: %q", got)
	}
	known := AppendString(nil, "created")
	if n := testing.AllocsPerRun(100, func() { NewReader(known).Known(words...) }); n != 0 {
		t.Fatalf("a known word costs %v allocations", n)
	}
	if got := r.Known(words...); got != "renamed" {
		t.Fatalf("second: %q", got)
	}
	if got := r.Known(words...); got != "" || !r.Done() {
		t.Fatalf("third: %q, done %v", got, r.Done())
	}
	if got := NewReader([]byte{5, 'a'}).Known(words...); got != "" {
		t.Fatalf("a length past the end reads as %q", got)
	}
	bad := NewReader([]byte{5, 'a'})
	bad.Known()
	if bad.Err() == nil {
		t.Fatal("a length past the end is not an error")
	}
}
