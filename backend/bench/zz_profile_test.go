package bench

import (
	"os"
	"testing"

	"fieldbook/backend/changelog"
	"fieldbook/backend/records"
	"fieldbook/backend/sample"
	"fieldbook/backend/schema"
	"fieldbook/backend/store"
)

func TestProfileLoad(t *testing.T) {
	if os.Getenv("PROFILE_LOAD") == "" {
		t.Skip()
	}
	st, _ := store.Open(t.TempDir())
	defer st.Close()
	lg := changelog.New(st)
	sch, _ := schema.New(lg)
	recs, _ := records.New(lg, sch)
	if _, err := sample.Load(changelog.Meta{}, recs, sample.Sizes{Contacts: 100000}, 1); err != nil {
		t.Fatal(err)
	}
}
