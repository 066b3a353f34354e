package importer

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"time"

	"fieldbook/backend/csvfile"
	"fieldbook/backend/errs"
)

// job is a check, an import or an undo running on its own goroutine.
type job struct {
	s      *Service
	cancel context.CancelFunc
	done   chan struct{}
	began  time.Time

	mu           sync.Mutex
	view         Job
	told         time.Time // when progress was last reported
	problemsPath string
	problems     *os.File
	writer       *csvfile.Writer
	badRows      map[int]bool
}

func (j *job) snapshot() Job {
	j.mu.Lock()
	defer j.mu.Unlock()
	out := j.view
	out.Problems = append([]Problem(nil), j.view.Problems...)
	out.Kept = append([]Kept(nil), j.view.Kept...)
	if j.view.Undo != nil {
		u := *j.view.Undo
		out.Undo = &u
	}
	if j.view.Error != nil {
		e := *j.view.Error
		out.Error = &e
	}
	return out
}

// reportEvery is how often a running job tells of its progress.
const reportEvery = 250 * time.Millisecond

// update changes the job's view and tells of it when enough time passed.
func (j *job) update(fn func(v *Job)) {
	j.mu.Lock()
	fn(&j.view)
	elapsed := time.Since(j.began).Seconds()
	if elapsed > 0 {
		j.view.Rate = float64(j.view.Counts.Rows) / elapsed
		if j.view.Read > 0 && j.view.Size > j.view.Read {
			j.view.Left = elapsed * float64(j.view.Size-j.view.Read) / float64(j.view.Read)
		} else {
			j.view.Left = 0
		}
	}
	tell := time.Since(j.told) >= reportEvery
	if tell {
		j.told = time.Now()
	}
	j.mu.Unlock()
	if tell {
		j.tell()
	}
}

func (j *job) tell() {
	j.s.mu.Lock()
	fn := j.s.progress
	j.s.mu.Unlock()
	if fn != nil {
		fn(j.snapshot())
	}
}

// problem records a problem of a row: shown (the first MaxShownProblems)
// and written to the job's problems file.
func (j *job) problem(p Problem) error {
	j.mu.Lock()
	defer j.mu.Unlock()
	if j.badRows == nil {
		j.badRows = map[int]bool{}
	}
	if !j.badRows[p.Row] {
		j.badRows[p.Row] = true
		j.view.BadRows++
	}
	j.view.Total++
	if len(j.view.Problems) < MaxShownProblems {
		j.view.Problems = append(j.view.Problems, p)
	}
	if j.writer == nil {
		if err := j.openProblems(); err != nil {
			return err
		}
	}
	return j.writer.Write([]string{strconv.Itoa(p.Row), p.Column, p.Value, p.Message})
}

func (j *job) openProblems() error {
	dir := j.s.dir
	if dir == "" {
		dir = os.TempDir()
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("making the folder for problems files: %w", err)
	}
	path := filepath.Join(dir, j.view.ID+"-problems.csv")
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("writing the problems file: %w", err)
	}
	j.problems, j.problemsPath = f, path
	j.writer = csvfile.NewWriter(f)
	return j.writer.Write([]string{"Row", "Column", "Value", "Problem"})
}

func (j *job) closeProblems() error {
	j.mu.Lock()
	defer j.mu.Unlock()
	if j.writer == nil {
		return nil
	}
	err := j.writer.Flush()
	if cerr := j.problems.Close(); err == nil {
		err = cerr
	}
	j.writer = nil
	return err
}

// finish sets the job's end state from how work ended.
func (j *job) finish(ctx context.Context, err error) {
	if cerr := j.closeProblems(); err == nil {
		err = cerr
	}
	j.mu.Lock()
	switch {
	case err == nil && ctx.Err() != nil, errors.Is(err, context.Canceled):
		j.view.State = Canceled
	case err != nil:
		e := errs.As(err)
		j.view.State = Failed
		j.view.Error = &ErrorView{Code: string(e.Code), Message: e.Message, Field: e.Field}
	case j.view.Kind == CheckJob:
		j.view.State = Checked
	case j.view.Kind == UndoJob:
		j.view.State = Undone
	default:
		j.view.State = Done
	}
	j.view.Left = 0
	j.mu.Unlock()
	j.tell()
}
