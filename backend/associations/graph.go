package associations

import (
	"encoding/binary"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/google/uuid"

	"fieldbook/backend/codec"
	"fieldbook/backend/keys"
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

// group is a record's associations with the records of one object, oldest
// association first.
type group struct {
	num   uint16
	owned bool // edges belong to this copy alone (see clone): changed in place
	edges []edge
}

// own makes the group's edges its node's alone before a change, with room
// for room more (one copy, where a clone and then an insert made two).
func (g *group) own(room int) {
	if !g.owned {
		g.edges = append(make([]edge, 0, len(g.edges)+room), g.edges...)
		g.owned = true
	}
}

// size is the number of associations in the group (0 for none).
func (g *group) size() int {
	if g == nil {
		return 0
	}
	return len(g.edges)
}

func (g *group) find(other uuid.UUID) int {
	return slices.IndexFunc(g.edges, func(e edge) bool { return e.other == other })
}

// node is everything one record is associated with, and the record's own
// object. A node is never changed once readers can see it: writers change a
// copy and swap it in.
type node struct {
	num    uint16
	groups []group // in inline while they fit: one allocation per node
	inline [inlineGroups]group
}

// inlineGroups is how many groups a node holds without a separate array: a
// built-in object is associated with at most three others.
const inlineGroups = 3

func newNode(num uint16) *node {
	n := &node{num: num}
	n.groups = n.inline[:0]
	return n
}

func (n *node) group(num uint16) *group {
	if n == nil {
		return nil
	}
	for i := range n.groups {
		if n.groups[i].num == num {
			return &n.groups[i]
		}
	}
	return nil
}

func (n *node) edge(num uint16, other uuid.UUID) (edge, bool) {
	if g := n.group(num); g != nil {
		if i := g.find(other); i >= 0 {
			return g.edges[i], true
		}
	}
	return edge{}, false
}

func (n *node) size() int {
	if n == nil {
		return 0
	}
	total := 0
	for _, g := range n.groups {
		total += len(g.edges)
	}
	return total
}

// clone copies a node to change it. The copy shares the edges of each
// group until it changes them (see own), so touching one association of a
// record with thousands copies only the group it changes.
func (n *node) clone() *node {
	if n == nil {
		return newNode(0)
	}
	c := newNode(n.num)
	for _, g := range n.groups {
		c.groups = append(c.groups, group{num: g.num, edges: g.edges})
	}
	return c
}

// snapshot copies the groups and their edges as they are now, to walk
// while the node changes.
func (n *node) snapshot() []group {
	if n == nil {
		return nil
	}
	out := make([]group, len(n.groups))
	for i, g := range n.groups {
		out[i] = group{num: g.num, edges: slices.Clone(g.edges)}
	}
	return out
}

// put adds or replaces the edge to e.other in the group of num, keeping
// the oldest-first order.
func (n *node) put(num uint16, e edge) {
	g := n.group(num)
	if g == nil {
		n.groups = append(n.groups, group{num: num})
		g = &n.groups[len(n.groups)-1]
	}
	g.own(1)
	if i := g.find(e.other); i >= 0 {
		g.edges[i] = e
		return
	}
	i, _ := slices.BinarySearchFunc(g.edges, e.created, func(x edge, t int64) int {
		if x.created <= t {
			return -1
		}
		return 1
	})
	g.edges = slices.Insert(g.edges, i, e)
}

// remove deletes the edge to other from the group of num.
func (n *node) remove(num uint16, other uuid.UUID) {
	g := n.group(num)
	if g == nil {
		return
	}
	if i := g.find(other); i >= 0 {
		g.own(0)
		g.edges = slices.Delete(g.edges, i, i+1)
	}
	if len(g.edges) == 0 {
		n.groups = slices.DeleteFunc(n.groups, func(x group) bool { return x.num == num })
	}
}

// An association direction's value:
//
//	version(1) ownNum(2) otherNum(2) created(varint ms) n(uvarint) n × (labelID uvarint, side byte)
const edgeVersion = 1

func encodeEdge(own, other uint16, e *edge) []byte {
	labels := e.labels()
	b := make([]byte, 0, 16+6*len(labels))
	b = append(b, edgeVersion)
	b = binary.BigEndian.AppendUint16(b, own)
	b = binary.BigEndian.AppendUint16(b, other)
	b = binary.AppendVarint(b, e.created)
	b = binary.AppendUvarint(b, uint64(len(labels)))
	for _, l := range labels {
		b = binary.AppendUvarint(b, uint64(l.id))
		b = append(b, l.side)
	}
	return b
}

func decodeEdge(v []byte) (own, other uint16, e edge, err error) {
	d := codec.NewReader(v)
	if d.Byte() != edgeVersion {
		return 0, 0, e, codec.ErrCorrupt
	}
	own, other = d.Uint16(), d.Uint16()
	e.created = d.Varint()
	n := d.Uvarint()
	if n > uint64(d.Remaining()) {
		return 0, 0, e, codec.ErrCorrupt
	}
	var labels []labelRef
	for i := uint64(0); i < n && d.Err() == nil; i++ {
		labels = append(labels, labelRef{id: uint32(d.Uvarint()), side: d.Byte()})
	}
	if !d.Done() {
		return 0, 0, e, codec.ErrCorrupt
	}
	e.setLabels(labels)
	return own, other, e, nil
}

func assocKey(from, to uuid.UUID) []byte {
	k := make([]byte, 0, 33)
	k = append(k, keys.PrefixAssoc)
	k = append(k, from[:]...)
	return append(k, to[:]...)
}

func goneKey(record, other uuid.UUID) []byte {
	k := make([]byte, 0, 33)
	k = append(k, keys.PrefixAssocGone)
	k = append(k, record[:]...)
	return append(k, other[:]...)
}
