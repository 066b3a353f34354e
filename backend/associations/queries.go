package associations

import (
	"slices"
	"time"

	"github.com/dgraph-io/badger/v4"

	"github.com/google/uuid"

	"fieldbook/backend/errs"
	"fieldbook/backend/records"
	"fieldbook/backend/schema"
)

// Associated is one associated record as a card lists it.
type Associated struct {
	ID      string        `json:"id"`
	Object  string        `json:"object"`
	Name    string        `json:"name"`
	Labels  []LabelOption `json:"labels"` // as read from the record whose card it is
	Primary bool          `json:"primary"`
	Since   string        `json:"since"` // RFC 3339: when they were associated
}

// Group is a record's associations with one object: a card.
type Group struct {
	Object string       `json:"object"`
	Total  int          `json:"total"`
	Items  []Associated `json:"items"`
}

// Summary returns a record's associations grouped by object (in the
// schema's order), each with its count and its first perGroup records:
// the primary first, then the most recently associated.
func (s *Service) Summary(recordID string, perGroup int) ([]Group, error) {
	id, obj, err := s.anyRecord(recordID)
	if err != nil {
		return nil, err
	}
	if perGroup <= 0 || perGroup > MaxPage {
		perGroup = 10
	}
	n := s.node(id)
	out := []Group{}
	for _, other := range s.schema.Objects() {
		g := n.group(other.Num)
		if g.size() == 0 {
			continue
		}
		out = append(out, s.page(obj, other, g, 0, perGroup))
	}
	return out, nil
}

// MaxPage bounds the records one page of a card returns.
const MaxPage = 200

// Page returns one page of a record's associations with one object.
func (s *Service) Page(recordID, objectID string, offset, limit int) (Group, error) {
	id, obj, err := s.anyRecord(recordID)
	if err != nil {
		return Group{}, err
	}
	other, err := s.schema.Object(objectID)
	if err != nil {
		return Group{}, err
	}
	if limit <= 0 || limit > MaxPage {
		limit = MaxPage
	}
	g := s.node(id).group(other.Num)
	if g.size() == 0 {
		return Group{Object: other.ID, Items: []Associated{}}, nil
	}
	return s.page(obj, other, g, max(offset, 0), limit), nil
}

// page lists part of a group: the primary first, then newest first.
func (s *Service) page(obj, other schema.ObjectDef, g group, offset, limit int) Group {
	out := Group{Object: other.ID, Total: len(g.edges), Items: []Associated{}}
	order := make([]int, 0, len(g.edges))
	for i := len(g.edges) - 1; i >= 0; i-- {
		if g.edges[i].isPrimary() {
			order = append([]int{i}, order...)
		} else {
			order = append(order, i)
		}
	}
	if offset >= len(order) {
		return out
	}
	order = order[offset:min(len(order), offset+limit)]
	p := s.pair(obj, other)
	ids := make([]uuid.UUID, len(order))
	for i, k := range order {
		ids[i] = g.edges[k].other
	}
	s.records.LookupMany(ids, func(i int, ref records.Ref, _ bool) {
		e := &g.edges[order[i]]
		a := Associated{ID: e.other.String(), Object: other.ID, Name: ref.Name, Primary: e.isPrimary(),
			Since: time.UnixMilli(e.created).UTC().Format(time.RFC3339), Labels: []LabelOption{}}
		for _, def := range p.Labels { // in the pair's order: Primary first
			for _, l := range e.labels() {
				if l.id == def.ID {
					a.Labels = append(a.Labels, LabelOption{ID: l.id, Inverse: l.side == 1, Name: labelName(p, l), Kind: def.Kind, BuiltIn: def.BuiltIn})
				}
			}
		}
		out.Items = append(out.Items, a)
	})
	return out
}

// anyRecord parses an ID and finds its record, live or in a bin.
func (s *Service) anyRecord(text string) (uuid.UUID, schema.ObjectDef, error) {
	id, err := records.ParseID(text)
	if err != nil {
		return id, schema.ObjectDef{}, err
	}
	m, ok, err := s.lookup(nil, id)
	if err == nil && !ok { // an activity stored apart from the index
		err = s.log.Store().View(func(txn *badger.Txn) (err error) {
			m, ok, err = s.lookup(txn, id)
			return err
		})
	}
	if err != nil {
		return id, schema.ObjectDef{}, err
	}
	if !ok {
		return id, schema.ObjectDef{}, errs.New(errs.CodeNotFound, "No record has the ID "+id.String()+". It may have been deleted permanently.")
	}
	obj, ok := s.schema.ByNum(m.ref.Num)
	if !ok {
		return id, obj, errs.New(errs.CodeNotFound, "This record's object no longer exists.")
	}
	return id, obj, nil
}

// Column asks, for an index page, the number of associated records of
// Object, or (Primary) the primary company.
type Column struct {
	Object  string `json:"object"`
	Primary bool   `json:"primary"`
}

// Cell is one association column's value for one record.
type Cell struct {
	Count   int    `json:"count"`
	ID      string `json:"id,omitempty"`   // the primary company
	Name    string `json:"name,omitempty"` // its name
	Primary bool   `json:"primary"`
}

// Columns returns, for each record of an index page, one cell per column.
func (s *Service) Columns(recordIDs []string, cols []Column) ([][]Cell, error) {
	if len(recordIDs) > MaxPage {
		return nil, errs.Invalid("ids", "Ask for at most 200 rows at a time.")
	}
	nums := make([]uint16, len(cols))
	for i, c := range cols {
		o, err := s.schema.Object(c.Object)
		if err != nil {
			return nil, err
		}
		nums[i] = o.Num
	}
	out := make([][]Cell, len(recordIDs))
	var primaries []uuid.UUID
	type at struct{ row, col int }
	var where []at
	s.graphMu.RLock()
	for r, text := range recordIDs {
		out[r] = make([]Cell, len(cols))
		id, err := records.ParseID(text)
		if err != nil {
			s.graphMu.RUnlock()
			return nil, err
		}
		n := s.graph.get(id)
		for c, col := range cols {
			g := n.group(nums[c])
			if g.size() == 0 {
				out[r][c].Primary = col.Primary
				continue
			}
			out[r][c] = Cell{Count: len(g.edges), Primary: col.Primary}
			if col.Primary {
				for _, e := range g.edges {
					if e.isPrimary() {
						primaries = append(primaries, e.other)
						where = append(where, at{r, c})
						break
					}
				}
			}
		}
	}
	s.graphMu.RUnlock()
	s.records.LookupMany(primaries, func(i int, ref records.Ref, _ bool) {
		cell := &out[where[i].row][where[i].col]
		cell.ID, cell.Name = primaries[i].String(), ref.Name
	})
	return out, nil
}

// LabelUsage counts the associations that carry a label.
func (s *Service) LabelUsage(objA, objB string, id uint32) (int, error) {
	a, b, err := s.objects(objA, objB)
	if err != nil {
		return 0, err
	}
	return len(s.carriers(a, b, id)), nil
}

// carriers lists the associations of two objects carrying a label, each
// once: from a record of a (the lower of the two IDs for one object), with
// the label read from there.
func (s *Service) carriers(a, b schema.ObjectDef, id uint32) [][2]uuid.UUID {
	var out [][2]uuid.UUID
	s.graphMu.RLock()
	defer s.graphMu.RUnlock()
	for rec, n := range s.graph.all() {
		if n.num != a.Num {
			continue
		}
		g := n.group(b.Num)
		for _, e := range g.edges {
			if a.Num == b.Num && string(e.other[:]) < string(rec[:]) {
				continue
			}
			if slices.ContainsFunc(e.labels(), func(l labelRef) bool { return l.id == id }) {
				out = append(out, [2]uuid.UUID{rec, e.other})
			}
		}
	}
	return out
}

// Exceeding counts the records of from that are over a limit: associated
// with more records of to (with the limit's label) than it allows. Limits
// are not retroactive, so these stay until someone removes some.
func (s *Service) Exceeding(from, to string, lim Limit) (int, error) {
	a, b, err := s.objects(from, to)
	if err != nil {
		return 0, err
	}
	lim.From = a.ID
	if lim.Label != 0 {
		p := s.pair(a, b)
		l, ok := p.label(lim.Label)
		if !ok {
			return 0, errs.New(errs.CodeNotFound, "This label no longer exists.")
		}
		if l.From != l.To {
			lim.Inverse = l.From != a.ID
		}
	}
	count := 0
	s.graphMu.RLock()
	defer s.graphMu.RUnlock()
	for _, n := range s.graph.all() {
		if n.num == a.Num && limitCount(n, b.Num, lim) > lim.Max {
			count++
		}
	}
	return count, nil
}

// AssociatedWithAny returns the records of the object numbered num that
// are associated with at least one record of the object numbered other:
// an index page's "has any" filter. It reads only the graph, so the
// records index may hold its lock while calling it.
func (s *Service) AssociatedWithAny(num, other uint16) map[uuid.UUID]bool {
	set := map[uuid.UUID]bool{}
	s.graphMu.RLock()
	defer s.graphMu.RUnlock()
	for id, n := range s.graph.all() {
		if n.num == num && n.group(other).size() > 0 {
			set[id] = true
		}
	}
	return set
}

// AssociatedWith returns the records of the object numbered num that are
// associated with the record id (see AssociatedWithAny).
func (s *Service) AssociatedWith(num uint16, id uuid.UUID) map[uuid.UUID]bool {
	set := map[uuid.UUID]bool{}
	s.graphMu.RLock()
	defer s.graphMu.RUnlock()
	for _, e := range s.graph.get(id).group(num).edges {
		set[e.other] = true
	}
	return set
}
