package schema

import "testing"

func TestNormalizeKeepsAnUnchangedTextWithoutAllocating(t *testing.T) {
	p := Property{Name: "name", Label: "Name", Type: Text}
	var in any = "Ann"
	if n := testing.AllocsPerRun(100, func() { _, _ = p.Normalize(in) }); n != 0 {
		t.Fatalf("%v allocations", n)
	}
}
