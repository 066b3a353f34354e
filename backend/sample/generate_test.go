package sample

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

func BenchmarkGenerate(b *testing.B) {
	r := rand.New(rand.NewPCG(1, 2))
	for i := 0; b.Loop(); i++ {
		_ = Contact(r, i)
		_ = Company(r, i%20000)
		_ = Deal(r, i)
		_ = Ticket(r, i)
	}
}

// The reference formats, as first written with fmt: the generators must
// keep making the same data for the same seed.
func TestGeneratorsKeepTheirFormats(t *testing.T) {
	r1 := rand.New(rand.NewPCG(3, 4))
	r2 := rand.New(rand.NewPCG(3, 4))
	for i := 0; i < 30_000; i++ {
		first, last := firstNames[r2.IntN(len(firstNames))], lastNames[r2.IntN(len(lastNames))]
		local := strings.ToLower(asciiOnly(first) + "." + asciiOnly(last))
		want := map[string]any{"firstname": first, "lastname": last,
			"email":    fmt.Sprintf("%s%d@%s", local, i, Domain(i%997)),
			"phone":    fmt.Sprintf("+1 555 %03d %04d", r2.IntN(1000), r2.IntN(10000)),
			"jobtitle": jobTitles[r2.IntN(len(jobTitles))]}
		require.Equal(t, want, Contact(r1, i))
		name := fmt.Sprintf("%s %s", CompanyName(r2.IntN(400)), dealKinds[r2.IntN(len(dealKinds))])
		amount := float64(500 + r2.IntN(200)*250)
		stage := stages[r2.IntN(len(stages))]
		want = map[string]any{"name": name, "amount": amount, "stage": stage,
			"closedate": fmt.Sprintf("2026-%02d-%02d", 1+r2.IntN(12), 1+r2.IntN(28))}
		require.Equal(t, want, Deal(r1, i))
		want = map[string]any{"subject": fmt.Sprintf("%s (#%d)", subjects[r2.IntN(len(subjects))], 1000+i),
			"status": statuses[r2.IntN(len(statuses))], "priority": priorities[r2.IntN(len(priorities))]}
		require.Equal(t, want, Ticket(r1, i))
	}
	require.Equal(t, "North Logistics 2", CompanyName(400))
}

func TestCompanyNamesVaryAndDoNotRepeat(t *testing.T) {
	seen := map[string]bool{}
	for i := range len(words1) * len(words2) {
		name := CompanyName(i)
		require.False(t, seen[name], "%s twice", name)
		seen[name] = true
	}
	for i := range 50 {
		a, b := strings.Fields(CompanyName(i)), strings.Fields(CompanyName(i+1))
		require.NotEqual(t, a[0], b[0])
		require.NotEqual(t, a[1], b[1], "%s then %s", CompanyName(i), CompanyName(i+1))
	}
}
