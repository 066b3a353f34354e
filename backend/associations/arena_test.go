package associations

import (
	"testing"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"
)

func edgesTo(n int, created int64) []edge {
	out := make([]edge, n)
	for i := range out {
		out[i] = edge{other: uuid.New(), created: created + int64(i), num: 2}
	}
	return out
}

// Readers keep the edges they were given while records change, chunks fill
// and the graph compacts.
func TestGraphChunksKeepWhatReadersHold(t *testing.T) {
	a, b, big := uuid.New(), uuid.New(), uuid.New()
	g := newGraph()
	g.set(a, node{num: 1, edges: edgesTo(3, 0)})
	g.set(b, node{num: 1, edges: edgesTo(2, 0)})
	held := g.get(a)
	first := append([]edge(nil), held.edges...)
	require.Equal(t, 2, g.len())

	chunksBefore := 0
	for round := range 200 { // 200 × 1,000 edges: the old ones outnumber the live and compact
		g.set(a, node{num: 1, edges: edgesTo(1000, int64(round)*1000)})
		g.compact() // as every write does
		if round == 0 {
			chunksBefore = len(g.chunks)
		}
		require.Equal(t, first, held.edges, "a reader's edges never change")
		require.Equal(t, int64(round)*1000, g.get(a).edges[0].created)
		require.True(t, g.dead < chunkEdges || g.dead <= g.live, "compaction keeps the slots no record uses in check")
	}
	require.Len(t, g.get(b).edges, 2, "compaction kept the other record")
	require.Equal(t, 1002, g.live)
	require.Equal(t, 1, chunksBefore)
	require.Less(t, len(g.chunks), 200*1000/chunkEdges, "compacted")

	g.set(big, node{num: 3, edges: edgesTo(chunkEdges+5, 0)})
	require.Len(t, g.get(big).edges, chunkEdges+5, "a record with more edges than a chunk gets a chunk of its own")
	require.Equal(t, uint16(3), g.get(big).num)
	g.set(b, node{num: 1})
	require.Equal(t, 2, g.len(), "a record without edges leaves the graph")
	require.Empty(t, g.get(b).edges)
	n := 0
	for id, nd := range g.all() {
		require.Equal(t, g.get(id), nd)
		n++
	}
	require.Equal(t, 2, n)
}
