package records

import (
	"encoding/binary"
	"math"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"

	"github.com/google/btree"
	"github.com/google/uuid"
	"golang.org/x/text/unicode/norm"

	"fieldbook/backend/domains"
	"fieldbook/backend/ordered"
	"fieldbook/backend/schema"
)

// The secondary indexes (sorting, typeahead terms, recycle bin, counts) live
// in memory and are rebuilt from the records when the store opens; only the
// records and the change log are stored. This departs from the usual Badger
// design of index entries as keys, for speed (docs/benchmarks.md): a record
// write is then one key instead of fifteen, and an index page walks a B-tree
// instead of the LSM tree. Crash safety gets simpler too: an index rebuilt
// from the records cannot disagree with them.

// Pseudo-properties every object can be sorted by.
const (
	SortName    = "_name"
	SortCreated = "_created"
	SortUpdated = "_updated"
)

// maxSortBytes bounds a text value inside a sort entry; longer values sort
// by their first bytes and then by ID.
const maxSortBytes = 64

// tagValue starts every sort value, leaving room for other kinds later.
const tagValue byte = 0x01

// sortEntry is one record's place in one property's order; its text is
// the sortValue bytes.
func sortEntry(val string, id uuid.UUID) ordered.Entry {
	return ordered.Entry{Text: ordered.TextOf(val), ID: id}
}

// termEntry is one typeahead term of one record of object num.
func termEntry(term string, num uint16, id uuid.UUID) ordered.Entry {
	return ordered.Entry{Text: ordered.TextOf(term), Num: num, ID: id}
}

// binItem is a deleted record in its object's recycle bin.
type binItem struct {
	at int64 // deletion time, Unix ms
	id uuid.UUID
}

func binLess(a, b binItem) bool {
	if a.at != b.at {
		return a.at < b.at
	}
	return ordered.CompareIDs(a.id, b.id) < 0
}

// facts is everything one record contributes to the indexes. Sort values
// are computed only for the orders that exist (see materialize).
type facts struct {
	num       uint16
	unindexed bool   // a record of an object kept out of the index (schema.ObjectDef.Indexed)
	deletedAt int64  // non-zero: only a recycle-bin entry
	display   string // the display name, for the directory
	name      string
	created   int64
	updated   int64
	props     map[string]any // never changed once stored: writes replace the map
	terms     []string
}

func factsOf(obj *schema.ObjectDef, r *stored) facts {
	f := facts{num: obj.Num, deletedAt: r.DeletedAt, display: obj.DisplayName(r.Props), unindexed: !obj.Indexed()}
	if r.DeletedAt != 0 || f.unindexed {
		return f
	}
	folded := fold(f.display) // once for the name order and the terms
	f.name = string(foldedSortValue(folded))
	f.created, f.updated, f.props = r.CreatedAt, r.UpdatedAt, r.Props
	if !obj.IsActivity() { // tasks are searched by name (searchNames)
		f.terms = searchTerms(obj, folded, r.Props)
	}
	return f
}

// sortValue returns the record's value in the order of prop ("" for none).
func (f *facts) sortValue(prop string) string {
	switch prop {
	case SortName:
		return f.name
	case SortCreated:
		return string(sortValue(float64(f.created)))
	case SortUpdated:
		return string(sortValue(float64(f.updated)))
	}
	return string(sortValue(f.props[prop]))
}

// alwaysSorted are the orders every object keeps from the start: creation
// order is also the list of its live records. Other orders are built the
// first time someone sorts or filters by them, which keeps writes and bulk
// loads fast.
var alwaysSorted = []string{SortCreated, SortName}

// objectIndex is one object's part of the index.
type objectIndex struct {
	live  int
	sorts map[string]*ordered.Set
	bin   *btree.BTreeG[binItem]
}

// index is the in-memory index of every record. Readers hold mu for reading
// (taken with rlock) while they walk it. A write queues its changes once its
// transaction commits and returns; a goroutine applies them, so the next
// write overlaps with the index work. A reader applies whatever is still
// queued before it looks, so the index never looks older than the store.
type index struct {
	mu      sync.RWMutex
	objects map[uint16]*objectIndex
	terms   *ordered.Set
	dir     map[uuid.UUID]Ref // every record, live or in a bin
	names   names             // the names in dir

	qmu      sync.Mutex
	queue    [][]change // committed, not yet applied, oldest first
	waiting  int        // changes in queue
	draining bool       // a goroutine is applying the queue
	queued   atomic.Uint64
	applied  atomic.Uint64 // batches applied; changes only under mu
}

// Ref is what other parts of the backend need to know of a record without
// reading it: its object, its display name, and whether it is in a bin.
type Ref struct {
	Num     uint16
	Name    string
	Deleted bool
}

const btreeDegree = 32

func newIndex() *index {
	return &index{objects: map[uint16]*objectIndex{}, terms: &ordered.Set{}, dir: map[uuid.UUID]Ref{}}
}

// object returns an object's index for writing, creating it.
func (ix *index) object(num uint16) *objectIndex {
	o := ix.objects[num]
	if o == nil {
		o = &objectIndex{sorts: map[string]*ordered.Set{}, bin: btree.NewG(btreeDegree, binLess)}
		for _, prop := range alwaysSorted {
			o.sorts[prop] = &ordered.Set{}
		}
		ix.objects[num] = o
	}
	return o
}

// get returns an object's index for reading; it never changes the index,
// so it is safe under the read lock.
func (ix *index) get(num uint16) *objectIndex {
	if o := ix.objects[num]; o != nil {
		return o
	}
	return &objectIndex{sorts: map[string]*ordered.Set{}, bin: btree.NewG(btreeDegree, binLess)}
}

// tree returns a property's sort tree for reading (empty if none).
func (o *objectIndex) tree(prop string) *ordered.Set {
	if t := o.sorts[prop]; t != nil {
		return t
	}
	return &ordered.Set{}
}

// has reports whether the order by prop exists (see alwaysSorted).
func (o *objectIndex) has(prop string) bool { return o.sorts[prop] != nil }

// change is one record's index entries before and after a write; nil
// before: the record is new; nil after: it is gone.
type change struct {
	id            uuid.UUID
	before, after *facts
}

// indexless: the change is to a record the index does not hold.
func (c change) indexless() bool {
	f := c.after
	if f == nil {
		f = c.before
	}
	return f != nil && f.unindexed
}

// parallelApply is the number of typeahead terms from which apply fills the
// terms tree on a goroutine of its own, alongside the sort trees (bulk loads).
const parallelApply = 1024

// maxQueued is how many committed changes may wait for the index before a
// writer applies them itself rather than run further ahead (bulk loads).
const maxQueued = 4096

// enqueue hands a committed batch of changes to the index, in commit order
// (writers hold the service's write lock).
func (ix *index) enqueue(changes []change) {
	if slices.ContainsFunc(changes, change.indexless) { // rare: a copy, not the caller's slice, loses them
		changes = slices.DeleteFunc(slices.Clone(changes), change.indexless)
	}
	if len(changes) == 0 {
		return
	}
	ix.qmu.Lock()
	ix.queue = append(ix.queue, changes)
	ix.waiting += len(changes)
	ix.queued.Add(1)
	start := !ix.draining
	ix.draining = true
	backlog := ix.waiting > maxQueued
	ix.qmu.Unlock()
	if start {
		go ix.drain()
	}
	if backlog {
		ix.catchUp()
	}
}

// drain applies queued batches until none is left.
func (ix *index) drain() {
	for {
		ix.mu.Lock()
		more := ix.applyQueued()
		ix.mu.Unlock()
		if !more {
			return
		}
	}
}

// applyQueued applies the batches queued so far; the caller holds mu. It
// returns false, and clears draining, when the queue was empty (a second
// drain goroutine may then start early, which is harmless).
func (ix *index) applyQueued() bool {
	ix.qmu.Lock()
	batches := ix.queue
	ix.queue, ix.waiting = nil, 0
	if len(batches) == 0 {
		ix.draining = false
	}
	ix.qmu.Unlock()
	for _, changes := range batches {
		ix.applyLocked(changes)
		ix.applied.Add(1)
	}
	return len(batches) > 0
}

// catchUp applies every batch queued before the call.
func (ix *index) catchUp() {
	want := ix.queued.Load()
	for ix.applied.Load() < want {
		ix.mu.Lock()
		ix.applyQueued()
		ix.mu.Unlock()
	}
}

// rlock takes the read lock once every change committed before the call is
// in the index. Release it with ix.mu.RUnlock.
func (ix *index) rlock() {
	want := ix.queued.Load()
	for {
		ix.mu.RLock()
		if ix.applied.Load() >= want {
			return
		}
		ix.mu.RUnlock()
		ix.catchUp()
	}
}

// apply makes the index reflect a batch of changes at once (building the
// index; writers use enqueue).
func (ix *index) apply(changes []change) {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	ix.applyLocked(changes)
}

// applyLocked applies one batch of changes; the caller holds mu. Each tree's
// operations keep their order; different trees are independent.
func (ix *index) applyLocked(changes []change) {
	type sortOp struct {
		tree *ordered.Set
		item ordered.Entry
		del  bool
	}
	type termOp struct {
		item ordered.Entry
		del  bool
	}
	nsorts, nterms := 0, 0 // sized first: a bulk load's batch makes thousands
	for _, c := range changes {
		for _, f := range [2]*facts{c.before, c.after} {
			if f != nil && f.deletedAt == 0 {
				nsorts += len(ix.object(f.num).sorts)
				nterms += len(f.terms)
			}
		}
	}
	sorts := make([]sortOp, 0, nsorts)
	terms := make([]termOp, 0, nterms)
	queue := func(id uuid.UUID, f facts, del bool) {
		o := ix.object(f.num)
		if f.deletedAt != 0 {
			if del {
				o.bin.Delete(binItem{at: f.deletedAt, id: id})
			} else {
				o.bin.ReplaceOrInsert(binItem{at: f.deletedAt, id: id})
			}
			return
		}
		if del {
			o.live--
		} else {
			o.live++
		}
		for prop, tree := range o.sorts {
			if v := f.sortValue(prop); v != "" {
				sorts = append(sorts, sortOp{tree, sortEntry(v, id), del})
			}
		}
		for _, t := range f.terms {
			terms = append(terms, termOp{termEntry(t, f.num, id), del})
		}
	}
	for _, c := range changes {
		if c.before != nil {
			queue(c.id, *c.before, true)
		}
		if c.after != nil {
			queue(c.id, *c.after, false)
			ix.setRef(c.id, Ref{Num: c.after.num, Name: c.after.display, Deleted: c.after.deletedAt != 0})
		} else {
			ix.dropRef(c.id)
		}
	}
	ix.compactNames()
	applyTerms := func() {
		for _, op := range terms {
			if op.del {
				ix.terms.Delete(op.item)
			} else {
				ix.terms.Put(op.item)
			}
		}
	}
	done := make(chan struct{})
	if len(terms) >= parallelApply {
		go func() { defer close(done); applyTerms() }()
	} else {
		applyTerms()
		close(done)
	}
	for _, op := range sorts {
		if op.del {
			op.tree.Delete(op.item)
		} else {
			op.tree.Put(op.item)
		}
	}
	<-done
}

// sortValue encodes a stored value so that byte order is value order, or
// returns nil for no value.
func sortValue(v any) []byte {
	switch x := v.(type) {
	case float64:
		return append([]byte{tagValue}, sortableFloat(x)...)
	case bool:
		if x {
			return []byte{tagValue, 1}
		}
		return []byte{tagValue, 0}
	case string:
		if x == "" {
			return nil
		}
		return foldedSortValue(fold(x))
	}
	return nil
}

// foldedSortValue is sortValue of a text already folded (nil for none).
func foldedSortValue(folded string) []byte {
	if folded == "" {
		return nil
	}
	folded = truncate(folded, maxSortBytes)
	b := make([]byte, 0, len(folded)+2)
	b = append(b, tagValue)
	b = append(b, folded...)
	return append(b, 0) // terminator: "ann" sorts before "anna" whatever the ID
}

// sortableFloat maps a float64 to 8 bytes whose order is numeric order.
func sortableFloat(f float64) []byte {
	bits := math.Float64bits(f)
	if f >= 0 {
		bits ^= 1 << 63
	} else {
		bits = ^bits
	}
	return binary.BigEndian.AppendUint64(nil, bits)
}

// fold is the form used in sort values and search terms: lowercase, without
// accents (so "Émile" sorts with the Es and "emile" finds it).
func fold(s string) string {
	if isPlainASCII(s) {
		return strings.ToLower(s) // the common case, without the Unicode pass
	}
	return strings.Map(func(r rune) rune {
		switch {
		case r == 0 || unicode.Is(unicode.Mn, r):
			return -1
		case r == '’': // a typographic apostrophe, as phones type it: O’Brien is O'Brien
			return '\''
		}
		return unicode.ToLower(r)
	}, norm.NFD.String(s))
}

func isPlainASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] == 0 || s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// truncate cuts s to at most n bytes on a rune boundary.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// loneLetter reports whether s starts with a word of one letter or digit
// ("a quote"; not "o'brien").
func loneLetter(s string) bool {
	_, n := utf8.DecodeRuneInString(s)
	next, _ := utf8.DecodeRuneInString(s[n:])
	return unicode.IsSpace(next)
}

// maxTermBytes bounds a search term.
const maxTermBytes = 64

// searchTerms are what typeahead matches by prefix: the display name
// (given folded) from its start and from each later word's start (so
// "o'brien" and "brien" both find "Dana O'Brien", and "logistics ren" finds
// "North Logistics renewal"), the email and its domain, web domains, and
// phone numbers by their digits (phoneTerms).
// A later word of one letter is no start ("a" would otherwise find every
// "Request for a quote" before any name beginning with A). The name's
// tails share its memory.
func searchTerms(obj *schema.ObjectDef, name string, props map[string]any) []string {
	out := make([]string, 0, 6)
	add := func(folded string) {
		s := truncate(strings.TrimSpace(folded), maxTermBytes)
		if s != "" && !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	add(name)
	inWord := true // the name's own start is added above
	for i, r := range name {
		isWord := unicode.IsLetter(r) || unicode.IsDigit(r)
		if isWord && !inWord && !loneLetter(name[i:]) {
			add(name[i:])
		}
		inWord = isWord
	}
	for _, p := range obj.Properties {
		s, _ := props[p.Name].(string)
		switch {
		case s == "":
		case p.Type == schema.Email:
			add(fold(s))
			if at := strings.LastIndexByte(s, '@'); at >= 0 {
				add(fold(s[at+1:]))
			}
		case p.Type == schema.URL:
			host := schema.HostOf(s)
			add(fold(host))
			// FindByKey looks a domain up by its canonical form (keyOf),
			// which differs from the host only for an IDN (münchen.de is
			// xn--mnchen-3ya.de) or a repeated "www.".
			if !isPlainASCII(host) || strings.HasPrefix(host, "www.") {
				if d, err := domains.Normalize(s); err == nil {
					add(d)
				}
			}
		case p.Type == schema.Domains:
			for _, shown := range schema.DomainsOf(s) {
				add(fold(shown))
				if d, err := domains.Normalize(shown); err == nil && d != shown {
					add(d)
				}
			}
		case p.Type == schema.Phone:
			for _, digits := range phoneTerms(s) {
				add(digits)
			}
		}
	}
	return out
}
