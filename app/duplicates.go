package app

import (
	"context"
	"sync"

	"fieldbook/backend/duplicates"
)

// EventDuplicatesProgress carries a Find's progress (DuplicatesProgress)
// to the frontend as it reads the records, at most once per percent, and
// once more if it is canceled.
const EventDuplicatesProgress = "duplicates:progress"

// DuplicatesProgress is how far a Find has read.
type DuplicatesProgress struct {
	Object   string `json:"object"`
	Done     int    `json:"done"`
	Total    int    `json:"total"`
	Canceled bool   `json:"canceled"`
}

// Duplicates lets the frontend list likely duplicate contacts or companies
// (Settings → Data quality, an index page) and mark a pair as not one.
type Duplicates struct {
	life *Lifecycle
	svc  *duplicates.Service

	mu     sync.Mutex
	cancel context.CancelFunc // the latest Find's; nil once it returned
	run    uint64             // the latest Find's number
	runs   sync.WaitGroup     // the Finds that have not returned
}

// NewDuplicates binds the duplicate finder; a Find still running when the
// app quits is stopped before the database closes.
func NewDuplicates(life *Lifecycle, svc *duplicates.Service) *Duplicates {
	d := &Duplicates{life: life, svc: svc}
	life.attach = append(life.attach, func(s Services) { d.svc = s.Duplicates })
	life.stopping = append(life.stopping, d.stop)
	return d
}

// Find lists likely duplicate pairs among the live records of objectID
// (contacts or companies), best first; progress comes as
// EventDuplicatesProgress. One Find runs at a time: a new one stops the
// one before. A Find stopped by Cancel (or by the next Find) returns no
// pairs and no error; its last event says it was canceled.
func (d *Duplicates) Find(objectID string) (out []duplicates.Pair, err error) {
	defer guard(&err)
	if err = d.life.ready(); err != nil {
		return nil, err
	}
	ctx, done := d.start()
	defer done()
	last := -1
	out, err = d.svc.Find(ctx, objectID, func(n, total int) {
		if pct := n * 100 / max(total, 1); pct != last || n == total {
			last = pct
			d.emit(DuplicatesProgress{Object: objectID, Done: n, Total: total})
		}
	})
	if err != nil && ctx.Err() != nil {
		d.emit(DuplicatesProgress{Object: objectID, Canceled: true})
		return []duplicates.Pair{}, nil
	}
	return out, err
}

// Cancel stops the running Find, if any.
func (d *Duplicates) Cancel() (err error) {
	defer guard(&err)
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.cancel != nil {
		d.cancel()
	}
	return nil
}

// Dismiss remembers that two records are not duplicates: Find leaves the
// pair out from now on.
func (d *Duplicates) Dismiss(a, b string) (err error) {
	defer guard(&err)
	if err = d.life.ready(); err != nil {
		return err
	}
	return d.svc.Dismiss(d.life.userMeta(), a, b)
}

// Undismiss takes a Dismiss back, so the pair can be listed again.
func (d *Duplicates) Undismiss(a, b string) (err error) {
	defer guard(&err)
	if err = d.life.ready(); err != nil {
		return err
	}
	return d.svc.Undismiss(d.life.userMeta(), a, b)
}

// start stops the Find before, if one runs, and registers a new one.
func (d *Duplicates) start() (context.Context, func()) {
	ctx, cancel := context.WithCancel(context.Background())
	d.mu.Lock()
	if d.cancel != nil {
		d.cancel()
	}
	d.run++
	run := d.run
	d.cancel = cancel
	d.runs.Add(1)
	d.mu.Unlock()
	return ctx, func() {
		cancel()
		d.mu.Lock()
		if d.run == run {
			d.cancel = nil
		}
		d.mu.Unlock()
		d.runs.Done()
	}
}

// stop cancels the running Find and waits for every Find to return.
func (d *Duplicates) stop() {
	d.mu.Lock()
	if d.cancel != nil {
		d.cancel()
	}
	d.mu.Unlock()
	d.runs.Wait()
}

func (d *Duplicates) emit(p DuplicatesProgress) {
	if w := d.life.window(); w != nil {
		w.emit(EventDuplicatesProgress, p)
	}
}
