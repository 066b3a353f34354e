package duplicates

import (
	"context"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/google/uuid"

	"fieldbook/backend/associations"
	"fieldbook/backend/domains"
	"fieldbook/backend/records"
	"fieldbook/backend/schema"
)

// read reads every live record of obj: what matching needs of each. Two
// readers take chunks of the list in turn (reading is most of a Find, and
// records and associations are read under read locks only); progress is
// reported here, on the caller's goroutine, as chunks come in.
func (s *Service) read(ctx context.Context, obj *schema.ObjectDef, progress func(done, total int)) ([]rec, error) {
	ids, err := s.recs.ListIDs(records.ListQuery{Object: obj.ID})
	if err != nil {
		return nil, err
	}
	total := len(ids)
	step := min(max(total/100, 1), chunkSize)
	chunks := (total + step - 1) / step
	progress(0, total)
	parts := make([][]rec, chunks)
	type result struct {
		n   int
		err error
	}
	results := make(chan result)
	ctx, stop := context.WithCancel(ctx)
	defer stop()
	var next atomic.Int64
	var wg sync.WaitGroup
	free := s.doms.Matcher()
	for range min(readers, chunks) {
		wg.Go(func() {
			workDomains := map[string]string{} // this reader's: an email's domain → its work domain or ""
			for {
				c := int(next.Add(1)) - 1
				if c >= chunks {
					return
				}
				if err := ctx.Err(); err != nil {
					results <- result{err: err}
					return
				}
				part := ids[c*step : min((c+1)*step, total)]
				var err error
				parts[c], err = s.readChunk(obj, part, free, workDomains)
				results <- result{len(part), err}
				if err != nil {
					return
				}
			}
		})
	}
	go func() {
		wg.Wait()
		close(results)
	}()
	done := 0
	for r := range results {
		switch {
		case err != nil:
		case r.err != nil:
			err = r.err
			stop()
		case ctx.Err() != nil: // canceled while the chunk was read
			err = ctx.Err()
		default:
			done += r.n
			progress(done, total)
		}
	}
	if err != nil {
		return nil, err
	}
	out := make([]rec, 0, total)
	for _, p := range parts {
		out = append(out, p...)
	}
	return out, nil
}

// readChunk reads some records of obj and, for contacts, their companies;
// workDomains remembers what workDomain said of each email domain.
func (s *Service) readChunk(obj *schema.ObjectDef, ids []uuid.UUID, free *domains.Matcher, workDomains map[string]string) ([]rec, error) {
	views, err := s.recs.GetMany(ids)
	if err != nil {
		return nil, err
	}
	live := make([]uuid.UUID, 0, len(views))
	for i := range views {
		id, err := uuid.Parse(views[i].ID)
		if err != nil || views[i].DeletedAt != "" || views[i].Object != obj.ID { // deleted meanwhile
			continue
		}
		views[len(live)] = views[i]
		live = append(live, id)
	}
	views = views[:len(live)]
	var linked [][]associations.Associated
	if obj.ID == schema.Contacts {
		if linked, err = s.links.AssociatedMany(schema.Contacts, schema.Companies, live); err != nil {
			return nil, err
		}
	}
	out := make([]rec, len(views))
	for i, v := range views {
		r := &out[i]
		r.id, r.name = live[i], v.DisplayName
		if obj.ID != schema.Contacts {
			name := text(v.Props["name"])
			r.full, r.key = spaced(name), companyKey(name)
			r.domain = records.KeyOf(obj, text(v.Props["domain"]))
			continue
		}
		first, last := text(v.Props["firstname"]), text(v.Props["lastname"])
		r.full, r.key = spaced(first+" "+last), personKey(first, last)
		// Stored values are normalized already: KeyOfValue, not KeyOf
		// (which parses the address again).
		if r.email = records.KeyOfValue(obj, text(v.Props["email"])); r.email != "" {
			at := r.email[strings.LastIndexByte(r.email, '@')+1:]
			d, ok := workDomains[at]
			if !ok {
				d = workDomain(free, r.email)
				workDomains[at] = d
			}
			r.domain = d
		}
		r.phone = phoneKey(text(v.Props["phone"]))
		if n := len(linked[i]); n > 0 {
			r.companies = make([]uuid.UUID, 0, n)
		}
		for _, a := range linked[i] {
			c, err := uuid.Parse(a.ID)
			if err != nil {
				continue
			}
			if a.Primary {
				r.primary = c
			}
			r.companies = append(r.companies, c)
		}
	}
	return out, nil
}

// workDomain is the canonical domain of an email address, or "" for a
// free-mail one or none.
func workDomain(free *domains.Matcher, email string) string {
	d, err := domains.OfEmail(email)
	if err != nil || free.FreeMail(d) {
		return ""
	}
	return d
}

func text(v any) string {
	s, _ := v.(string)
	return s
}
