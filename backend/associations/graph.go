package associations

import (
	"cmp"
	"encoding/binary"
	"iter"
	"slices"
	"sort"
	"sync"
	"sync/atomic"

	"github.com/google/uuid"
)

// The associations live twice: in Badger, one key per direction (assoc/A/B
// and assoc/B/A, written in the same transaction), and in memory as the
// graph below, rebuilt from those keys when the store opens. Queries read
// the graph; writes change both, the graph only after the commit.

// labelRef is a label on one direction of an association. side 0: the
// direction's own record is on the label's From side (it shows the label's
// Name); side 1: on its To side (it shows Inverse).
type labelRef struct {
	id   uint32
	side uint8
}

func (r labelRef) flip() labelRef { return labelRef{r.id, 1 - r.side} }

// flipped is a list of labels as read from the other direction.
func flipped(ls []labelRef) []labelRef {
	out := make([]labelRef, len(ls))
	for i, l := range ls {
		out[i] = l.flip()
	}
	return out
}

// edge is one direction of an association, seen from its record. It holds
// no pointers (its labels are an interned set), so the garbage collector
// skips the graph's edges, hundreds of thousands of them, without reading
// them.
type edge struct {
	other   uuid.UUID
	created int64 // Unix ms: when the two were first associated
	set     labelSet
	num     uint16 // the other record's object
}

// labels returns the edge's labels (shared: read them, never change them).
func (e *edge) labels() []labelRef { return labelSets.get(e.set) }

// setLabels replaces the edge's labels.
func (e *edge) setLabels(ls []labelRef) { e.set = labelSets.intern(ls) }

func (e *edge) has(r labelRef) bool { return slices.Contains(e.labels(), r) }

// labelSet numbers a list of labels in labelSets; 0 is no label.
type labelSet uint32

// labelSets interns the label lists edges carry: a data set has a handful
// of distinct lists however many edges carry them. Lists are never removed
// (they are few), so a number stays valid for the life of the process.
var labelSets = newInterned()

type interned struct {
	mu    sync.Mutex
	lists atomic.Pointer[[][]labelRef] // grows by copy: readers load it without locking
	index map[string]labelSet
}

func newInterned() *interned {
	in := &interned{index: map[string]labelSet{"": 0}}
	lists := [][]labelRef{nil}
	in.lists.Store(&lists)
	return in
}

func (in *interned) get(s labelSet) []labelRef { return (*in.lists.Load())[s] }

func (in *interned) intern(ls []labelRef) labelSet {
	if len(ls) == 0 {
		return 0 // most edges: no lock, no key (opening a data folder decodes every edge)
	}
	key := make([]byte, 0, 5*len(ls))
	for _, l := range ls {
		key = binary.BigEndian.AppendUint32(append(key, l.side), l.id)
	}
	in.mu.Lock()
	defer in.mu.Unlock()
	if s, ok := in.index[string(key)]; ok {
		return s
	}
	next := append(slices.Clip(*in.lists.Load()), slices.Clone(ls))
	s := labelSet(len(next) - 1)
	in.index[string(key)] = s
	in.lists.Store(&next)
	return s
}

// isPrimary: the other record is this record's primary company.
func (e *edge) isPrimary() bool { return e.has(labelRef{PrimaryLabel, 0}) }

// node is everything one record is associated with: its edges, sorted by
// the other records' object and then oldest first. Readers get a node whose
// edges are part of the graph's chunks (arena.go); writers change a copy
// and store it back. Copies share their edges until one of them changes
// (see own).
type node struct {
	num   uint16 // the record's object
	owned bool   // edges belong to this copy alone: changed in place, and to be stored
	edges []edge
}

// group is a view of a record's associations with the records of one
// object, oldest first: part of its node's edges, to read, never change.
type group struct {
	num   uint16
	edges []edge
}

// size is the number of associations in the group.
func (g group) size() int { return len(g.edges) }

func (g group) find(other uuid.UUID) int {
	return slices.IndexFunc(g.edges, func(e edge) bool { return e.other == other })
}

// span is where the edges with records of object num are: edges[lo:hi].
func (n node) span(num uint16) (lo, hi int) {
	lo = sort.Search(len(n.edges), func(i int) bool { return n.edges[i].num >= num })
	hi = lo + sort.Search(len(n.edges)-lo, func(i int) bool { return n.edges[lo+i].num > num })
	return lo, hi
}

func (n node) group(num uint16) group {
	lo, hi := n.span(num)
	return group{num: num, edges: n.edges[lo:hi:hi]}
}

// groups yields the node's groups in the order of their object numbers.
func (n node) groups() iter.Seq[group] {
	return func(yield func(group) bool) {
		for lo := 0; lo < len(n.edges); {
			num := n.edges[lo].num
			hi := lo + 1
			for hi < len(n.edges) && n.edges[hi].num == num {
				hi++
			}
			if !yield(group{num: num, edges: n.edges[lo:hi:hi]}) {
				return
			}
			lo = hi
		}
	}
}

func (n node) edge(num uint16, other uuid.UUID) (edge, bool) {
	g := n.group(num)
	if i := g.find(other); i >= 0 {
		return g.edges[i], true
	}
	return edge{}, false
}

func (n node) size() int { return len(n.edges) }

// snapshot copies the node as it is now, to walk while the node changes.
func (n node) snapshot() node {
	n.edges, n.owned = slices.Clone(n.edges), false
	return n
}

// own makes the node's edges its own before a change, with room for room
// more.
func (n *node) own(room int) {
	if !n.owned {
		n.edges = append(make([]edge, 0, len(n.edges)+room), n.edges...)
		n.owned = true
	}
}

// put adds or replaces the edge to e.other in the group of num, keeping
// the oldest-first order.
func (n *node) put(num uint16, e edge) {
	e.num = num
	n.own(1)
	lo, hi := n.span(num)
	if i := (group{edges: n.edges[lo:hi]}).find(e.other); i >= 0 {
		n.edges[lo+i] = e
		return
	}
	// After every edge of the group created at the same time or before.
	i := lo + sort.Search(hi-lo, func(i int) bool { return n.edges[lo+i].created > e.created })
	n.edges = slices.Insert(n.edges, i, e)
}

// remove deletes the edge to other from the group of num.
func (n *node) remove(num uint16, other uuid.UUID) {
	lo, hi := n.span(num)
	if i := (group{edges: n.edges[lo:hi]}).find(other); i >= 0 {
		n.own(0)
		n.edges = slices.Delete(n.edges, lo+i, lo+i+1)
	}
}

// byGroupThenAge orders a node's edges; a stable sort keeps the order of
// edges created in the same millisecond.
func byGroupThenAge(a, b edge) int {
	if a.num != b.num {
		return int(a.num) - int(b.num)
	}
	return cmp.Compare(a.created, b.created)
}
