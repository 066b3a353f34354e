package importer

import (
	"fmt"
	"slices"
	"strings"

	"github.com/google/uuid"

	"fieldbook/backend/associations"
	"fieldbook/backend/schema"
)

// plannedLink is an association a row makes, before it has keys.
type plannedLink struct {
	fromOI   int // the row's object it starts from
	from, to uuid.UUID
	toObj    schema.ObjectDef
	labels   []associations.LabelRef
	primary  bool
	isNew    bool
}

type labelKey struct{ from, to, name string }

type labelFound struct {
	ref associations.LabelRef
	ok  bool
}

// labelsFor reads the label columns for a row object's associations with
// target; ok is false when a name is unknown (the row has a problem).
func (ps *pass) labelsFor(out *plannedRow, oi int, target string) ([]associations.LabelRef, bool) {
	var refs []associations.LabelRef
	obj := ps.p.objects[oi]
	for ci, c := range ps.p.Columns {
		if c.Kind != Labels || c.Object != obj.ID || c.Target != target {
			continue
		}
		for _, name := range split(cell(out.raw, ci)) {
			k := labelKey{obj.ID, target, strings.ToLower(name)}
			found, cached := ps.labels[k]
			if !cached {
				ref, ok, err := ps.s.links.FindLabel(obj.ID, target, name)
				found = labelFound{ref, ok && err == nil}
				ps.labels[k] = found
			}
			if !found.ok {
				t := ps.targetObject(target)
				out.fail(c.Header, name, fmt.Sprintf("%s and %s have no association label “%s”. Create it in Settings → Associations, or correct the cell.", obj.Plural, strings.ToLower(t.Plural), name))
				return nil, false
			}
			refs = append(refs, found.ref)
		}
	}
	return refs, true
}

func (ps *pass) targetObject(id string) schema.ObjectDef {
	if t, ok := ps.p.targets[id]; ok {
		return t
	}
	if at, ok := ps.p.index[id]; ok {
		return ps.p.objects[at]
	}
	obj, _ := ps.s.schema.Object(id)
	return obj
}

// planLinks plans a row's associations: its objects with each other, and
// with the records its association columns name.
func (ps *pass) planLinks(out *plannedRow, lk *lookups) {
	var links []plannedLink
	add := func(l plannedLink) {
		if l.from == l.to {
			return
		}
		for i := range links {
			if links[i].from == l.from && links[i].to == l.to || links[i].from == l.to && links[i].to == l.from {
				links[i].primary = links[i].primary || l.primary
				for _, ref := range l.labels {
					if !slices.Contains(links[i].labels, ref) {
						links[i].labels = append(links[i].labels, ref)
					}
				}
				return
			}
		}
		links = append(links, l)
	}
	objs := out.objects
	for i := range objs {
		for j := i + 1; j < len(objs); j++ {
			if !objs[i].present || !objs[j].present || !ps.rowPairs[[2]int{i, j}] {
				continue
			}
			from, to := i, j
			labels, ok := ps.labelsFor(out, i, ps.p.objects[j].ID)
			if !ok {
				return
			}
			if len(labels) == 0 {
				back, ok := ps.labelsFor(out, j, ps.p.objects[i].ID)
				if !ok {
					return
				}
				if len(back) > 0 {
					from, to, labels = j, i, back
				}
			}
			add(plannedLink{fromOI: from, from: objs[from].id, to: objs[to].id, toObj: ps.p.objects[to], labels: labels})
		}
	}
	labelsOf := map[int][]associations.LabelRef{} // per association column
	for _, ref := range out.refs {
		c := ps.p.Columns[ref.column]
		oi := ps.p.index[c.Object]
		t := ps.p.targets[c.Target]
		labels, seen := labelsOf[ref.column]
		if !seen {
			var ok bool
			if labels, ok = ps.labelsFor(out, oi, t.ID); !ok {
				return
			}
			if l, ok := ps.columnLabel[ref.column]; ok {
				labels = append(slices.Clip(labels), l)
			}
			labelsOf[ref.column] = labels
		}
		id, ok, wait := ps.resolve(out, lk, c, t, ref)
		if wait {
			out.waiting = append(out.waiting, waitingLink{num: t.Num, ext: ref.value, fromOI: oi, Labels: labels, Primary: c.Primary})
		}
		if ok {
			add(plannedLink{fromOI: oi, from: objs[oi].id, to: id, toObj: t, labels: labels, primary: c.Primary})
		}
	}
	if len(out.problems) > 0 {
		return
	}
	for i := range links {
		l := &links[i]
		pair := orderedPair(l.from, l.to)
		l.isNew = !ps.linked[pair] && !ps.s.links.Associated(l.from, l.to)
		if l.isNew {
			out.newLinks++
		}
		out.labels += len(l.labels)
		out.links = append(out.links, associations.Link{From: l.from.String(), To: l.to.String(), Labels: l.labels, Primary: l.primary})
	}
	out.planned = links
}

// resolve finds the one record an association cell's value names. wait:
// an ID no record has yet (another file may bring it; the association
// waits for it); neither ok nor wait: the row has a problem.
func (ps *pass) resolve(out *plannedRow, lk *lookups, c Column, t schema.ObjectDef, ref cellRef) (id uuid.UUID, ok, wait bool) {
	v := ref.value
	var found []uuid.UUID
	var what string
	switch c.Match {
	case ByID:
		found = ps.find(lk, knownKey{t.Num, byExternal, v})
		if len(found) == 1 && found[0] == uuid.Nil {
			out.fail(c.Header, v, fmt.Sprintf("%s is the ID of a record that is not a %s.", v, strings.ToLower(t.Singular)))
			return uuid.Nil, false, false
		}
		if len(found) == 0 {
			out.pending++
			return uuid.Nil, false, true
		}
	case ByEmail, ByDomain:
		key := ref.key
		if key == "" {
			kind := "an email address like ann@example.com"
			if c.Match == ByDomain {
				kind = "a domain like example.com"
			}
			out.fail(c.Header, v, fmt.Sprintf("%q is not %s.", v, kind))
			return uuid.Nil, false, false
		}
		found = ps.find(lk, knownKey{t.Num, byKey, key})
		what = fmt.Sprintf("the %s %s", c.Match, key)
	case ByName:
		found = ps.find(lk, knownKey{t.Num, byName, v})
		what = fmt.Sprintf("the name “%s”", v)
	}
	switch {
	case len(found) == 0:
		out.fail(c.Header, v, fmt.Sprintf("No %s has %s.", strings.ToLower(t.Singular), what))
		return uuid.Nil, false, false
	case len(found) > 1:
		out.fail(c.Header, v, fmt.Sprintf("%d %s have %s; the import does not pick one. Name it by its Record ID instead.", len(found), strings.ToLower(t.Plural), what))
		return uuid.Nil, false, false
	}
	return found[0], true, false
}

// waitingLink is an association with a record no one has imported yet,
// kept until a record with that ID arrives (HubSpot's files in any order).
type waitingLink struct {
	num     uint16
	ext     string
	fromOI  int
	Labels  []associations.LabelRef `json:"labels,omitempty"`
	Primary bool                    `json:"primary,omitempty"`
}

func orderedPair(a, b uuid.UUID) [2]uuid.UUID {
	if string(a[:]) > string(b[:]) {
		a, b = b, a
	}
	return [2]uuid.UUID{a, b}
}

type limitKey struct {
	record uuid.UUID
	to     string
	at     int // the limit's position in its pair's limits
}

// checkLimits refuses a row whose new associations would take a record
// over a limit (Settings → Associations), counting the file's rows before
// it; the counts grow only when the row is accepted.
func (ps *pass) checkLimits(out *plannedRow) {
	use := map[limitKey]int{}
	for _, l := range out.planned {
		if !l.isNew {
			continue
		}
		fromObj := ps.p.objects[l.fromOI]
		for _, dir := range [2]struct {
			rec           uuid.UUID
			from, to      schema.ObjectDef
			labels        []associations.LabelRef
			readFromOther bool
		}{{l.from, fromObj, l.toObj, l.labels, false}, {l.to, l.toObj, fromObj, l.labels, true}} {
			lims := ps.limitsOf(dir.from.ID, dir.to.ID)
			for at, lim := range lims {
				if lim.Label != 0 && (dir.readFromOther || !hasLabel(dir.labels, lim.Label)) {
					continue
				}
				k := limitKey{dir.rec, dir.to.ID, at}
				n, ok := ps.limitUse[k]
				if !ok {
					n = ps.s.links.LimitCount(dir.rec, dir.to.ID, lim)
					ps.limitUse[k] = n
				}
				use[k]++
				if n+use[k] > lim.Max {
					out.fail("", "", fmt.Sprintf("A %s can be associated with at most %d %s (a limit set in Settings → Associations); this row would make it %d.",
						strings.ToLower(dir.from.Singular), lim.Max, strings.ToLower(dir.to.Plural), n+use[k]))
					return
				}
			}
		}
	}
	out.limits = use
}

func hasLabel(refs []associations.LabelRef, id uint32) bool {
	for _, r := range refs {
		if r.ID == id {
			return true
		}
	}
	return false
}

func (ps *pass) limitsOf(from, to string) []associations.Limit {
	k := [2]string{from, to}
	if lims, ok := ps.limits[k]; ok {
		return lims
	}
	lims, _ := ps.s.links.Limits(from, to)
	ps.limits[k] = lims
	return lims
}

// accept counts a row without problems as done and keeps what it adds.
func (ps *pass) accept(row *plannedRow) {
	for _, l := range row.planned {
		if l.isNew {
			ps.linked[orderedPair(l.from, l.to)] = true
		}
	}
	for k, n := range row.limits {
		ps.limitUse[k] += n
	}
}
