package records

import (
	"bytes"
	"fmt"
	"math"
	"strings"

	"github.com/google/uuid"

	"fieldbook/backend/errs"
	"fieldbook/backend/ordered"
	"fieldbook/backend/schema"
)

// FilterOp is how a filter compares a property's value; bound to the
// frontend (app.Enums).
type FilterOp string

const (
	OpIs       FilterOp = "is"
	OpIsNot    FilterOp = "is_not"
	OpContains FilterOp = "contains"
	OpEmpty    FilterOp = "empty"
	OpNotEmpty FilterOp = "not_empty"
	OpGreater  FilterOp = "gt" // numbers, dates
	OpLess     FilterOp = "lt"
)

// FilterOps lists every filter operation, for binding to the frontend.
var FilterOps = []FilterOp{OpIs, OpIsNot, OpContains, OpEmpty, OpNotEmpty, OpGreater, OpLess}

// Filter keeps records whose property matches.
type Filter struct {
	Property string   `json:"property"`
	Op       FilterOp `json:"op"`
	Value    string   `json:"value"`
}

// AssociationOp is how an association filter reads; bound to the frontend.
type AssociationOp string

const (
	HasAny  AssociationOp = "has_any"  // associated with a record of Object
	HasNone AssociationOp = "has_none" // associated with no record of Object
	With    AssociationOp = "with"     // associated with Record
)

// AssociationOps lists every association filter operation.
var AssociationOps = []AssociationOp{HasAny, HasNone, With}

// AssociationFilter keeps records by what they are associated with.
type AssociationFilter struct {
	Op     AssociationOp `json:"op"`
	Object string        `json:"object,omitempty"` // an object ID, for HasAny and HasNone
	Record string        `json:"record,omitempty"` // a record ID, for With
}

// ListQuery asks for one page of an object's index.
type ListQuery struct {
	Object  string   `json:"object"`
	Sort    string   `json:"sort"` // a property name, or _name/_created/_updated; default _created
	Desc    bool     `json:"desc"`
	Search  string   `json:"search"`
	Filters []Filter `json:"filters"`
	// Associations filter by associated records; every filter must pass.
	Associations []AssociationFilter `json:"associations,omitempty"`
	Offset       int                 `json:"offset"`
	Limit        int                 `json:"limit"`
}

// Page is one page of records and how many match in all.
type Page struct {
	Total   int          `json:"total"`
	Offset  int          `json:"offset"`
	Records []RecordView `json:"records"`
}

// MaxPage bounds one page.
const MaxPage = 500

// List returns one page of live records, sorted, searched and filtered in
// the in-memory index; only the records of the page are read from disk.
func (s *Service) List(q ListQuery) (Page, error) {
	if q.Limit <= 0 || q.Limit > MaxPage {
		q.Limit = 100
	}
	obj, ids, total, err := s.view(q)
	if err != nil {
		return Page{}, err
	}
	records, err := s.load(&obj, ids)
	return Page{Total: total, Offset: q.Offset, Records: records}, err
}

// ListIDs returns the IDs of every record of an index view, in its order
// (Offset and Limit are ignored): what an export writes.
func (s *Service) ListIDs(q ListQuery) ([]uuid.UUID, error) {
	q.Offset, q.Limit = 0, math.MaxInt
	_, ids, _, err := s.view(q)
	return ids, err
}

// view finds the IDs of one page of a view and how many records it has.
func (s *Service) view(q ListQuery) (obj schema.ObjectDef, ids []uuid.UUID, total int, err error) {
	obj, err = s.schema.Object(q.Object)
	if err != nil {
		return obj, nil, 0, err
	}
	if q.Sort == "" {
		q.Sort = SortCreated
	}
	if _, ok := obj.Property(q.Sort); !ok && !isPseudo(q.Sort) {
		return obj, nil, 0, errs.Invalid("sort", fmt.Sprintf("%s cannot be sorted by %q.", obj.Plural, shortText(q.Sort)))
	}
	if q.Offset < 0 {
		q.Offset = 0
	}
	orders := []string{q.Sort}
	for _, f := range q.Filters {
		if _, ok := obj.Property(f.Property); ok {
			orders = append(orders, f.Property)
		}
	}
	if err := s.ensureSorted(&obj, orders...); err != nil {
		return obj, nil, 0, err
	}
	s.idx.rlock()
	defer s.idx.mu.RUnlock()
	o := s.idx.get(obj.Num)
	keep, err := s.matching(o, &obj, q)
	if err != nil {
		return obj, nil, 0, err
	}
	total = o.live
	if keep != nil {
		total = len(keep)
	}
	return obj, pageIDs(o, q, keep), total, nil
}

// pageIDs returns the IDs of one page: it walks the sort property's tree
// (records with a value, in order), then the object's records that have no
// value for it, in creation order. Only IDs in keep count when keep is not nil.
func pageIDs(o *objectIndex, q ListQuery, keep map[uuid.UUID]bool) []uuid.UUID {
	var ids []uuid.UUID
	skip := q.Offset
	take := func(id uuid.UUID) bool {
		switch {
		case keep != nil && !keep[id]:
		case skip > 0:
			skip--
		default:
			ids = append(ids, id)
		}
		return len(ids) < q.Limit
	}
	tree := o.tree(q.Sort)
	visit := func(it ordered.Entry) bool { return take(it.ID) }
	if q.Desc {
		tree.Descend(visit)
	} else {
		tree.Ascend(visit)
	}
	if len(ids) == q.Limit || tree.Len() == o.live {
		return ids // every record has a value
	}
	hasValue := idSet(tree, nil)
	o.tree(SortCreated).Ascend(func(it ordered.Entry) bool {
		if hasValue[it.ID] {
			return true
		}
		return take(it.ID)
	})
	return ids
}

func isPseudo(sort string) bool {
	return sort == SortName || sort == SortCreated || sort == SortUpdated
}

// idSet collects the IDs in a sort tree whose value passes match (all of
// them when match is nil).
func idSet(tree *ordered.Set, match func(v ordered.Text) bool) map[uuid.UUID]bool {
	out := make(map[uuid.UUID]bool, tree.Len())
	tree.Ascend(func(it ordered.Entry) bool {
		if match == nil || match(it.Text) {
			out[it.ID] = true
		}
		return true
	})
	return out
}

// matching returns the set of records that pass the search and every filter,
// or nil when the query has neither. The caller holds the index lock.
func (s *Service) matching(o *objectIndex, obj *schema.ObjectDef, q ListQuery) (map[uuid.UUID]bool, error) {
	var set map[uuid.UUID]bool
	intersect := func(next map[uuid.UUID]bool) {
		if set == nil {
			set = next
			return
		}
		for id := range set {
			if !next[id] {
				delete(set, id)
			}
		}
	}
	if search := parseSearch(q.Search); search != nil && obj.IsActivity() {
		intersect(s.searchNames(o, search))
	} else if search != nil {
		intersect(s.searchObject(obj.Num, search))
	}
	for _, f := range q.Filters {
		p, ok := obj.Property(f.Property)
		if !ok {
			return nil, errs.Invalid("filter", fmt.Sprintf("%s have no property %q to filter by.", obj.Plural, shortText(f.Property)))
		}
		// "empty" and "is not" also hold for records without a value, which
		// have no sort entry: take every record minus the opposite match.
		negate := f.Op == OpEmpty || f.Op == OpIsNot
		positive := f
		switch f.Op {
		case OpEmpty:
			positive.Op = OpNotEmpty
		case OpIsNot:
			positive.Op = OpIs
		}
		match, err := filterFunc(p, positive)
		if err != nil {
			return nil, err
		}
		next := idSet(o.tree(p.Name), match)
		if negate {
			next = allBut(o, next)
		}
		intersect(next)
	}
	for _, f := range q.Associations {
		next, err := s.linkFilter(o, obj, f)
		if err != nil {
			return nil, err
		}
		intersect(next)
	}
	return set, nil
}

// allBut returns the object's live records that are not in set.
func allBut(o *objectIndex, set map[uuid.UUID]bool) map[uuid.UUID]bool {
	all := idSet(o.tree(SortCreated), nil)
	for id := range set {
		delete(all, id)
	}
	return all
}

// linkFilter checks an association filter and asks the associations
// engine which records pass it. The caller holds the index lock.
func (s *Service) linkFilter(o *objectIndex, obj *schema.ObjectDef, f AssociationFilter) (map[uuid.UUID]bool, error) {
	if s.links == nil {
		return nil, errs.Invalid("associations", "Association filters are not available.")
	}
	switch f.Op {
	case With:
		id, err := ParseID(f.Record)
		if err != nil {
			return nil, errs.Invalid("associations.record", errs.As(err).Message)
		}
		if _, ok := s.idx.dir[id]; !ok {
			return nil, &errs.Error{Code: errs.CodeNotFound, Field: "associations.record",
				Message: fmt.Sprintf("No record has the ID %s to filter associations by. It may have been deleted permanently.", id)}
		}
		return s.links.AssociatedWith(obj.Num, id), nil
	case HasAny, HasNone:
		other, err := s.schema.Object(f.Object)
		if err != nil {
			return nil, errs.Invalid("associations.object", fmt.Sprintf("There is no object %q to filter associations by.", shortText(f.Object)))
		}
		set := s.links.AssociatedWithAny(obj.Num, other.Num)
		if f.Op == HasNone {
			return allBut(o, set), nil
		}
		return set, nil
	}
	return nil, errs.Invalid("associations.op", fmt.Sprintf("%q is not an association filter: use has_any, has_none or with.", shortText(string(f.Op))))
}

// filterFunc compiles a filter into a test on the sort-index value of a
// record that has a value ("empty" and "is_not" are handled by the caller).
func filterFunc(p schema.Property, f Filter) (func(v ordered.Text) bool, error) {
	if f.Op == OpNotEmpty {
		return func(ordered.Text) bool { return true }, nil
	}
	want, err := p.Normalize(f.Value)
	if err != nil || want == nil {
		if f.Op == OpContains && strings.TrimSpace(f.Value) != "" {
			want = f.Value // "contains" takes any text, even a partial email
		} else if err != nil {
			return nil, errs.Invalid("filter", err.Error())
		} else {
			return nil, errs.Invalid("filter", "Enter a value to filter by.")
		}
	}
	enc := ordered.TextOf(string(sortValue(want)))
	switch f.Op {
	case OpIs:
		return func(v ordered.Text) bool { return v.Compare(enc) == 0 }, nil
	case OpContains:
		needle := []byte(fold(fmt.Sprint(want)))
		var buf [maxSortBytes + 16]byte
		return func(v ordered.Text) bool { return bytes.Contains(v.AppendTo(buf[:0])[1:], needle) }, nil
	case OpGreater:
		return func(v ordered.Text) bool { return v.Compare(enc) > 0 }, nil
	case OpLess:
		return func(v ordered.Text) bool { return v.Compare(enc) < 0 }, nil
	}
	return nil, errs.Invalid("filter", fmt.Sprintf("%q is not a filter.", shortText(string(f.Op))))
}

// Count returns how many live records an object has.
func (s *Service) Count(objectID string) (int, error) {
	obj, err := s.schema.Object(objectID)
	if err != nil {
		return 0, err
	}
	s.idx.rlock()
	defer s.idx.mu.RUnlock()
	return s.idx.get(obj.Num).live, nil
}
