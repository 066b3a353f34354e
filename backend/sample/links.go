package sample

import (
	"math/rand/v2"

	"fieldbook/backend/associations"
	"fieldbook/backend/changelog"
	"fieldbook/backend/records"
	"fieldbook/backend/schema"
)

// sampleLabels are the labels the sample data uses, per pair (From first).
var sampleLabels = []struct {
	from, to string
	in       associations.LabelInput
}{
	{schema.Contacts, schema.Companies, associations.LabelInput{Kind: associations.Single, Name: "Billing contact"}},
	{schema.Deals, schema.Contacts, associations.LabelInput{Kind: associations.Paired, Name: "Decision maker", Inverse: "Deciding on"}},
	{schema.Tickets, schema.Contacts, associations.LabelInput{Kind: associations.Single, Name: "Reporter"}},
	{schema.Deals, schema.Companies, associations.LabelInput{Kind: associations.Single, Name: "Partner"}},
}

// Associate links the records of the four built-in objects as a small
// business would: each contact with 1–3 companies (one primary), each deal
// with 1–5 contacts and a primary company, each ticket with 1–2 contacts;
// about one association in five carries a label. The same seed gives the
// same links for the same records. It returns how many it made.
func Associate(meta changelog.Meta, recs *records.Service, links *associations.Service, seed uint64) (int, error) {
	r := rand.New(rand.NewPCG(seed, seed^0x5851f42d4c957f2d))
	labels, err := ensureLabels(meta, links)
	if err != nil {
		return 0, err
	}
	ids := map[string][]string{}
	for _, obj := range []string{schema.Contacts, schema.Companies, schema.Deals, schema.Tickets} {
		if ids[obj], err = IDs(recs, obj); err != nil {
			return 0, err
		}
	}
	var out []associations.Link
	pick := func(fromObj, from, toObj string, n int, primary bool) {
		for j, k := range distinct(r, ids[toObj], n) {
			l := associations.Link{From: from, To: k, Primary: primary && j == 0}
			if id, ok := labels[[2]string{fromObj, toObj}]; ok && r.IntN(5) == 0 {
				l.Labels = []associations.LabelRef{{ID: id}}
			}
			out = append(out, l)
		}
	}
	if len(ids[schema.Companies]) > 0 {
		for _, c := range ids[schema.Contacts] {
			n := 1 // 1, 2 or 3 companies: 50 %, 30 %, 20 %
			if x := r.IntN(10); x >= 8 {
				n = 3
			} else if x >= 5 {
				n = 2
			}
			pick(schema.Contacts, c, schema.Companies, n, true)
		}
	}
	for _, d := range ids[schema.Deals] {
		pick(schema.Deals, d, schema.Contacts, 1+r.IntN(5), false)
		pick(schema.Deals, d, schema.Companies, 1, true)
	}
	for _, t := range ids[schema.Tickets] {
		pick(schema.Tickets, t, schema.Contacts, 1+r.IntN(2), false)
	}
	res, err := links.Import(meta, out)
	return res.Changed, err
}

// distinct picks up to n different IDs from pool.
func distinct(r *rand.Rand, pool []string, n int) []string {
	if len(pool) == 0 {
		return nil
	}
	out := make([]string, 0, n)
	for len(out) < min(n, len(pool)) {
		id := pool[r.IntN(len(pool))]
		dup := false
		for _, o := range out {
			dup = dup || o == id
		}
		if !dup {
			out = append(out, id)
		}
	}
	return out
}

// ensureLabels creates the sample labels that do not exist yet and returns
// their IDs by pair.
func ensureLabels(meta changelog.Meta, links *associations.Service) (map[[2]string]uint32, error) {
	out := map[[2]string]uint32{}
	for _, l := range sampleLabels {
		opts, err := links.Options(l.from, l.to)
		if err != nil {
			return nil, err
		}
		var id uint32
		for _, o := range opts {
			if o.Name == l.in.Name {
				id = o.ID
			}
		}
		if id == 0 {
			in := l.in
			in.From = l.from
			pv, err := links.CreateLabel(meta, l.from, l.to, in)
			if err != nil {
				return nil, err
			}
			id = pv.Labels[len(pv.Labels)-1].ID
		}
		out[[2]string{l.from, l.to}] = id
	}
	return out, nil
}

// IDs lists an object's live records, oldest first.
func IDs(recs *records.Service, object string) ([]string, error) {
	ids, err := recs.ListIDs(records.ListQuery{Object: object})
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = id.String()
	}
	return out, err
}
