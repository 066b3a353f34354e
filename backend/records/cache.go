package records

import (
	"container/list"
	"sync"

	"github.com/google/uuid"
)

// cacheSize bounds the decoded records kept for display (index pages read
// the same few hundred again and again). Each costs the garbage collector
// a dozen objects to visit on every cycle, so the cache stays small: at
// 5,000 its records were a fifth of the association data set's objects.
const cacheSize = 2_000

// recordCache is a small LRU of decoded records. Writes invalidate the
// records they change and bump gen; a reader that read a record from disk
// before a write may not put it back afterwards (see put), so the cache
// never holds a value older than the store's.
type recordCache struct {
	mu    sync.Mutex
	gen   uint64
	items map[uuid.UUID]*list.Element
	order *list.List // front: most recently used
}

type cached struct {
	id uuid.UUID
	r  *stored
}

func newRecordCache() *recordCache {
	return &recordCache{items: map[uuid.UUID]*list.Element{}, order: list.New()}
}

// get returns a cached record (never to be modified) and the generation to
// hand to put if it was not there.
func (c *recordCache) get(id uuid.UUID) (*stored, uint64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.items[id]; ok {
		c.order.MoveToFront(e)
		return e.Value.(cached).r, c.gen
	}
	return nil, c.gen
}

// put caches a record read from disk at generation gen, unless a write has
// happened since.
func (c *recordCache) put(id uuid.UUID, r *stored, gen uint64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if gen != c.gen {
		return
	}
	if e, ok := c.items[id]; ok {
		e.Value = cached{id, r}
		c.order.MoveToFront(e)
		return
	}
	c.items[id] = c.order.PushFront(cached{id, r})
	if c.order.Len() > cacheSize {
		last := c.order.Back()
		c.order.Remove(last)
		delete(c.items, last.Value.(cached).id)
	}
}

// forget drops records a write changed, before the write becomes visible
// in the index.
func (c *recordCache) forget(changes []change) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.gen++
	for _, ch := range changes {
		if e, ok := c.items[ch.id]; ok {
			c.order.Remove(e)
			delete(c.items, ch.id)
		}
	}
}
