package app

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/require"

	"fieldbook/backend/associations"
	"fieldbook/backend/changelog"
	"fieldbook/backend/errs"
)

func TestAssociationsThroughTheBoundService(t *testing.T) {
	recs, prefs, links := newServices(t)
	profile, err := prefs.SaveProfile("Ann Andersen")
	require.NoError(t, err)
	c, err := recs.Create("contacts", map[string]any{"firstname": "Grace"})
	require.NoError(t, err)
	k1, err := recs.Create("companies", map[string]any{"name": "Navy"})
	require.NoError(t, err)
	k2, err := recs.Create("companies", map[string]any{"name": "Army"})
	require.NoError(t, err)

	res, err := links.Associate(associations.Edit{Record: c.ID, Targets: []string{k1.ID, k2.ID}, Primary: k2.ID})
	require.NoError(t, err)
	require.Equal(t, 2, res.Changed)
	sum, err := links.Summary(c.ID, 10)
	require.NoError(t, err)
	require.Equal(t, "companies", sum[0].Object)
	require.Equal(t, "Army", sum[0].Items[0].Name)
	require.True(t, sum[0].Items[0].Primary)

	hist, err := links.History(k2.ID, "contacts", 10, "")
	require.NoError(t, err)
	require.Equal(t, profile.ID, hist[0].Actor.ID)
	require.Equal(t, "Ann Andersen", hist[0].Actor.Name)
	require.Equal(t, changelog.SourceUser, hist[0].Source)

	// A rule the engine enforces reaches the frontend as code, message, field.
	_, err = links.RemovePrimary(c.ID, k2.ID, "")
	var out map[string]string
	require.NoError(t, json.Unmarshal([]byte(FormatError(err).(string)), &out))
	require.Equal(t, string(errs.CodePrimaryRequired), out["code"])
	require.Equal(t, "newPrimary", out["field"])
	require.Contains(t, out["message"], "Grace")

	// Deleting from the records service goes through the engine too.
	_, err = recs.Delete([]string{k2.ID})
	require.NoError(t, err)
	sum, err = links.Summary(c.ID, 10)
	require.NoError(t, err)
	require.Equal(t, 1, sum[0].Total)
	require.True(t, sum[0].Items[0].Primary, "the remaining company became primary")
}

func TestCreateAssociatedLeavesNothingWhenRefused(t *testing.T) {
	recs, _, links := newServices(t)
	d, err := recs.Create("deals", map[string]any{"name": "Deal"})
	require.NoError(t, err)
	k, err := links.CreateAssociated(d.ID, "companies", map[string]any{"name": "Acme"}, nil, true)
	require.NoError(t, err)
	sum, err := links.Summary(d.ID, 10)
	require.NoError(t, err)
	require.Equal(t, k.ID, sum[0].Items[0].ID)
	require.True(t, sum[0].Items[0].Primary)

	_, err = links.SetLimit("deals", "companies", associations.Limit{Max: 1})
	require.NoError(t, err)
	_, err = links.CreateAssociated(d.ID, "companies", map[string]any{"name": "Beta"}, nil, false)
	require.True(t, errs.HasCode(err, errs.CodeLimit), "got %v", err)
	page, err := recs.Search("Beta", 10)
	require.NoError(t, err)
	require.Empty(t, page, "the refused company was erased again")
	bin, err := recs.Bin("companies")
	require.NoError(t, err)
	require.Empty(t, bin)
}
