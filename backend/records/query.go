package records

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/dgraph-io/badger/v4"
	"github.com/google/uuid"

	"fieldbook/backend/errs"
	"fieldbook/backend/keys"
	"fieldbook/backend/schema"
)

// Filter keeps records whose property matches. Ops: "is", "is_not",
// "contains", "empty", "not_empty", "gt", "lt" (numbers, dates).
type Filter struct {
	Property string `json:"property"`
	Op       string `json:"op"`
	Value    string `json:"value"`
}

// ListQuery asks for one page of an object's index.
type ListQuery struct {
	Object  string   `json:"object"`
	Sort    string   `json:"sort"` // a property name, or _name/_created/_updated; default _created
	Desc    bool     `json:"desc"`
	Search  string   `json:"search"`
	Filters []Filter `json:"filters"`
	Offset  int      `json:"offset"`
	Limit   int      `json:"limit"`
}

// Page is one page of records and how many match in all.
type Page struct {
	Total   int      `json:"total"`
	Offset  int      `json:"offset"`
	Records []RecordView `json:"records"`
}

// MaxPage bounds one page.
const MaxPage = 500

// List returns one page of live records, sorted, searched and filtered in
// the database: every step is a key-only scan of an index; only the records
// of the page are read.
func (s *Service) List(q ListQuery) (Page, error) {
	obj, err := s.schema.Object(q.Object)
	if err != nil {
		return Page{}, err
	}
	if q.Sort == "" {
		q.Sort = SortCreated
	}
	if _, ok := obj.Property(q.Sort); !ok && q.Sort != SortName && q.Sort != SortCreated && q.Sort != SortUpdated {
		return Page{}, errs.Invalid("sort", fmt.Sprintf("%s cannot be sorted by %q.", obj.Plural, shortText(q.Sort)))
	}
	if q.Limit <= 0 || q.Limit > MaxPage {
		q.Limit = 100
	}
	if q.Offset < 0 {
		q.Offset = 0
	}
	page := Page{Offset: q.Offset, Records: []RecordView{}}
	err = s.log.Store().View(func(txn *badger.Txn) error {
		keep, err := s.matching(txn, &obj, q)
		if err != nil {
			return err
		}
		var ids []uuid.UUID
		if keep == nil { // no search or filter: the count is kept up to date
			n, err := readCount(txn, obj.Num)
			if err != nil {
				return err
			}
			page.Total = int(n)
			ids = scanSorted(txn, &obj, q, nil)
		} else {
			page.Total = len(keep)
			ids = scanSorted(txn, &obj, q, keep)
		}
		for _, id := range ids {
			r, err := getRecord(txn, id)
			if err != nil {
				return err
			}
			page.Records = append(page.Records, present(&obj, id, r))
		}
		return nil
	})
	return page, err
}

// scanSorted returns the IDs of one page: it walks the sort index (records
// with a value, in order), then the object's records that have no value for
// the sort property, in creation order. Only IDs in keep count when keep is
// not nil.
func scanSorted(txn *badger.Txn, obj *schema.ObjectDef, q ListQuery, keep map[uuid.UUID]bool) []uuid.UUID {
	prefix := keys.SortPrefix(obj.Num, q.Sort)
	var ids []uuid.UUID
	skip := q.Offset
	take := func(id uuid.UUID) {
		switch {
		case keep != nil && !keep[id]:
		case skip > 0:
			skip--
		default:
			ids = append(ids, id)
		}
	}
	it := txn.NewIterator(badger.IteratorOptions{Prefix: prefix, Reverse: q.Desc})
	start := prefix
	if q.Desc {
		start = keys.PrefixEnd(prefix)
	}
	for it.Seek(start); it.ValidForPrefix(prefix) && len(ids) < q.Limit; it.Next() {
		take(keys.TrailingID(it.Item().Key()))
	}
	it.Close()
	if len(ids) == q.Limit || isPseudo(q.Sort) {
		return ids // pseudo-properties always have a value
	}
	hasValue := indexedIDs(txn, prefix, nil)
	all := keys.ObjectRecords(obj.Num)
	it = txn.NewIterator(badger.IteratorOptions{Prefix: all})
	defer it.Close()
	for it.Rewind(); it.Valid() && len(ids) < q.Limit; it.Next() {
		if id := keys.TrailingID(it.Item().Key()); !hasValue[id] {
			take(id)
		}
	}
	return ids
}

func isPseudo(sort string) bool { return sort == SortName || sort == SortCreated || sort == SortUpdated }

// indexedIDs collects the IDs under an index prefix whose value passes match
// (all of them when match is nil).
func indexedIDs(txn *badger.Txn, prefix []byte, match func(v []byte) bool) map[uuid.UUID]bool {
	out := map[uuid.UUID]bool{}
	it := txn.NewIterator(badger.IteratorOptions{Prefix: prefix})
	defer it.Close()
	for it.Rewind(); it.Valid(); it.Next() {
		k := it.Item().Key()
		if match == nil || match(k[len(prefix):len(k)-16]) {
			out[keys.TrailingID(k)] = true
		}
	}
	return out
}

// matching returns the set of records that pass the search and every filter,
// or nil when the query has neither.
func (s *Service) matching(txn *badger.Txn, obj *schema.ObjectDef, q ListQuery) (map[uuid.UUID]bool, error) {
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
	if text := strings.TrimSpace(fold(q.Search)); text != "" {
		intersect(searchObject(txn, obj.Num, text))
	}
	for _, f := range q.Filters {
		p, ok := obj.Property(f.Property)
		if !ok {
			return nil, errs.Invalid("filter", fmt.Sprintf("%s have no property %q to filter by.", obj.Plural, shortText(f.Property)))
		}
		prefix := keys.SortPrefix(obj.Num, p.Name)
		// "empty" and "is not" also hold for records without a value, which
		// have no index entry: take every record minus the opposite match.
		negate := f.Op == "empty" || f.Op == "is_not"
		positive := f
		switch f.Op {
		case "empty":
			positive.Op = "not_empty"
		case "is_not":
			positive.Op = "is"
		}
		match, err := filterFunc(p, positive)
		if err != nil {
			return nil, err
		}
		next := indexedIDs(txn, prefix, match)
		if negate {
			opposite := next
			next = indexedIDs(txn, keys.ObjectRecords(obj.Num), nil)
			for id := range opposite {
				delete(next, id)
			}
		}
		intersect(next)
	}
	return set, nil
}

// filterFunc compiles a filter into a test on the sort-index value of a
// record that has a value ("empty" and "is_not" are handled by the caller).
func filterFunc(p schema.Property, f Filter) (func(v []byte) bool, error) {
	if f.Op == "not_empty" {
		return func([]byte) bool { return true }, nil
	}
	want, err := p.Normalize(f.Value)
	if err != nil || want == nil {
		if f.Op == "contains" && strings.TrimSpace(f.Value) != "" {
			want = f.Value // "contains" takes any text, even a partial email
		} else if err != nil {
			return nil, errs.Invalid("filter", err.Error())
		} else {
			return nil, errs.Invalid("filter", "Enter a value to filter by.")
		}
	}
	enc := sortValue(want)
	switch f.Op {
	case "is":
		return func(v []byte) bool { return bytes.Equal(v, enc) }, nil
	case "contains":
		needle := []byte(fold(fmt.Sprint(want)))
		return func(v []byte) bool { return bytes.Contains(v[1:], needle) }, nil
	case "gt":
		return func(v []byte) bool { return bytes.Compare(v, enc) > 0 }, nil
	case "lt":
		return func(v []byte) bool { return bytes.Compare(v, enc) < 0 }, nil
	}
	return nil, errs.Invalid("filter", fmt.Sprintf("%q is not a filter.", shortText(f.Op)))
}

// searchObject returns the records of one object with a term starting with text.
func searchObject(txn *badger.Txn, num uint16, text string) map[uuid.UUID]bool {
	out := map[uuid.UUID]bool{}
	prefix := keys.SearchPrefix(truncate(text, maxTermBytes))
	it := txn.NewIterator(badger.IteratorOptions{Prefix: prefix})
	defer it.Close()
	for it.Rewind(); it.Valid(); it.Next() {
		k := it.Item().Key()
		if keys.SearchObjectNum(k) == num {
			out[keys.TrailingID(k)] = true
		}
	}
	return out
}

// Hit is one typeahead result.
type Hit struct {
	ID          string `json:"id"`
	Object      string `json:"object"`
	DisplayName string `json:"displayName"`
	Detail      string `json:"detail"` // email, domain or object name, to tell hits apart
}

// Search finds live records of any object whose name, a word of it, email or
// domain starts with text: the typeahead behind Ctrl/Cmd+K.
func (s *Service) Search(text string, limit int) ([]Hit, error) {
	text = strings.TrimSpace(fold(text))
	out := []Hit{}
	if text == "" {
		return out, nil
	}
	if limit <= 0 || limit > 50 {
		limit = 10
	}
	err := s.log.Store().View(func(txn *badger.Txn) error {
		prefix := keys.SearchPrefix(truncate(text, maxTermBytes))
		it := txn.NewIterator(badger.IteratorOptions{Prefix: prefix})
		defer it.Close()
		seen := map[uuid.UUID]bool{}
		for it.Rewind(); it.Valid() && len(out) < limit; it.Next() {
			id := keys.TrailingID(it.Item().Key())
			if seen[id] {
				continue
			}
			seen[id] = true
			r, err := getRecord(txn, id)
			if err != nil {
				return err
			}
			obj, ok := s.schema.ByNum(keys.SearchObjectNum(it.Item().Key()))
			if !ok {
				continue
			}
			out = append(out, Hit{ID: id.String(), Object: obj.ID, DisplayName: obj.DisplayName(r.Props), Detail: detail(&obj, r.Props)})
		}
		return nil
	})
	return out, err
}

func detail(obj *schema.ObjectDef, props map[string]any) string {
	for _, p := range obj.Properties {
		if s, ok := props[p.Name].(string); ok && (p.Type == schema.Email || p.Type == schema.URL) && s != obj.DisplayName(props) {
			return s
		}
	}
	return obj.Singular
}

// Count returns how many live records an object has.
func (s *Service) Count(objectID string) (int, error) {
	obj, err := s.schema.Object(objectID)
	if err != nil {
		return 0, err
	}
	var n uint64
	err = s.log.Store().View(func(txn *badger.Txn) error {
		n, err = readCount(txn, obj.Num)
		return err
	})
	return int(n), err
}
