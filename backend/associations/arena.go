package associations

import (
	"iter"

	"github.com/google/uuid"
)

// graph is every record's committed associations. Its map holds, for each
// record, where its edges are in a few large arrays (chunks), and no
// pointers: the garbage collector marks a handful of chunks instead of an
// array per record, and never reads the map. A change appends the record's
// new edges to the last chunk; the slots it leaves stay as they are, since
// readers may still hold them, until compact copies what is in use into
// new chunks. Callers hold graphMu (for reading, get and all; for writing,
// set and compact).
type graph struct {
	spans  map[uuid.UUID]span
	chunks [][]edge
	live   int // edges in use
	dead   int // edges in chunks no record uses any more
}

// span is where a record's edges are: chunks[chunk][off:off+n].
type span struct {
	num    uint16 // the record's object
	chunk  uint32
	off, n uint32
}

// chunkEdges is the size of a chunk (2 MiB of edges); a record with more
// edges gets a chunk of its own.
const chunkEdges = 1 << 16

func newGraph() *graph { return &graph{spans: map[uuid.UUID]span{}} }

// get returns a record's associations (the zero node: none). Its edges are
// the chunk's own: read them, never change them.
func (g *graph) get(id uuid.UUID) node {
	sp, ok := g.spans[id]
	if !ok {
		return node{}
	}
	end := sp.off + sp.n
	return node{num: sp.num, edges: g.chunks[sp.chunk][sp.off:end:end]}
}

func (g *graph) len() int { return len(g.spans) }

// all yields every record with associations and its node.
func (g *graph) all() iter.Seq2[uuid.UUID, node] {
	return func(yield func(uuid.UUID, node) bool) {
		for id := range g.spans {
			if !yield(id, g.get(id)) {
				return
			}
		}
	}
}

// set stores a record's associations (none: it leaves the graph).
func (g *graph) set(id uuid.UUID, n node) {
	if old, ok := g.spans[id]; ok {
		g.live -= int(old.n)
		g.dead += int(old.n)
		delete(g.spans, id)
	}
	if len(n.edges) > 0 {
		g.spans[id] = g.place(n.num, n.edges)
	}
}

// place appends edges to the last chunk (slots no reader has seen), or to
// a new one when they do not fit.
func (g *graph) place(num uint16, edges []edge) span {
	last := len(g.chunks) - 1
	if last < 0 || cap(g.chunks[last])-len(g.chunks[last]) < len(edges) {
		g.chunks = append(g.chunks, make([]edge, 0, max(chunkEdges, len(edges))))
		last++
	}
	off := len(g.chunks[last])
	g.chunks[last] = append(g.chunks[last], edges...)
	g.live += len(edges)
	return span{num: num, chunk: uint32(last), off: uint32(off), n: uint32(len(edges))}
}

// compact copies the edges in use into new chunks once the slots no record
// uses outnumber them. Readers keep the old chunks they hold.
func (g *graph) compact() {
	if g.dead <= g.live || g.dead < chunkEdges {
		return
	}
	old := g.chunks
	g.chunks, g.live, g.dead = nil, 0, 0
	for id, sp := range g.spans {
		g.spans[id] = g.place(sp.num, old[sp.chunk][sp.off:sp.off+sp.n])
	}
}
