package autodomain

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode"

	"github.com/google/uuid"
	"golang.org/x/net/publicsuffix"

	"fieldbook/backend/associations"
	"fieldbook/backend/changelog"
	"fieldbook/backend/domains"
	"fieldbook/backend/errs"
	"fieldbook/backend/records"
	"fieldbook/backend/schema"
)

// Result counts what a run did with the contacts it looked at.
type Result struct {
	Contacts         int `json:"contacts"`         // looked at
	Associated       int `json:"associated"`       // with an existing company
	CompaniesCreated int `json:"companiesCreated"` // one per new domain
	AssociatedNew    int `json:"associatedNew"`    // with a company created for them
	HasCompany       int `json:"hasCompany"`       // left alone: it has a company
	NoDomain         int `json:"noDomain"`         // no email or website with a domain
	FreeMail         int `json:"freeMail"`         // only a free-mail domain
	Excluded         int `json:"excluded"`         // its domain is excluded
	Refused          int `json:"refused"`          // the association was refused (a limit)
}

// Progress is how far a run over the contacts is.
type Progress struct {
	Done  int `json:"done"`
	Total int `json:"total"`
}

// chunk is how many contacts one transaction handles.
const chunk = 1000

// run is one application of the automation: what it has created so far,
// so that 50 contacts of one new domain get one company.
type run struct {
	s       *Service
	meta    changelog.Meta
	match   *domains.Matcher
	created map[string]uuid.UUID // domain → company this run created
	pending []target             // associations with existing companies, not written yet
	writing chan written         // those being written meanwhile, if any
	res     Result
}

// written is how writing some associations ended.
type written struct {
	todo []target
	err  error
}

// pendingMax is how many associations with existing companies wait to be
// written together: Import writes them in pipelined transactions.
const pendingMax = 20 * chunk

func (s *Service) newRun(meta changelog.Meta) *run {
	meta.Source = changelog.SourceAutoDomain
	return &run{s: s, meta: meta, match: s.doms.Matcher(), created: map[string]uuid.UUID{}}
}

// Run applies the automation to every live contact, whether or not it is
// on (the user asked): one job whose transactions share one batch ID, so
// that history shows its changes as one operation. ctx cancels it between
// transactions; what was written stays.
func (s *Service) Run(ctx context.Context, meta changelog.Meta, progress func(Progress)) (Result, error) {
	if !s.job.TryLock() {
		return Result{}, errs.Invalid("job", "Companies are already being matched to contacts by domain; wait for that to finish.")
	}
	defer s.job.Unlock()
	ids, err := s.recs.ListIDs(records.ListQuery{Object: schema.Contacts})
	if err != nil {
		return Result{}, err
	}
	if meta.Batch == "" {
		meta.Batch = uuid.Must(uuid.NewV7()).String()
	}
	r := s.newRun(meta)
	for start := 0; start < len(ids); start += chunk {
		if err := ctx.Err(); err != nil {
			return r.res, errors.Join(err, r.finish())
		}
		if err := r.apply(ids[start:min(start+chunk, len(ids))]); err != nil {
			return r.res, err
		}
		if progress != nil {
			progress(Progress{Done: min(start+chunk, len(ids)), Total: len(ids)})
		}
	}
	err = r.finish()
	return r.res, err
}

// ForContacts applies the automation, when it is on, to contacts just
// created or given a new email.
func (s *Service) ForContacts(meta changelog.Meta, ids []string) (Result, error) {
	set, err := s.Setting()
	if err != nil || !set.Enabled {
		return Result{}, err
	}
	parsed := make([]uuid.UUID, 0, len(ids))
	for _, text := range ids {
		id, err := records.ParseID(text)
		if err != nil {
			return Result{}, err
		}
		parsed = append(parsed, id)
	}
	r := s.newRun(meta)
	for start := 0; start < len(parsed); start += chunk {
		if err := r.apply(parsed[start:min(start+chunk, len(parsed))]); err != nil {
			return r.res, err
		}
	}
	err = r.finish()
	return r.res, err
}

// target is what one contact is to be associated with.
type target struct {
	contact uuid.UUID
	domain  string
	company uuid.UUID // zero: the company to create for domain
	fresh   bool      // company is one this run created
	shared  int       // more live companies with the domain (up to the few looked up)
}

// note tells, in history, that the company was chosen among several.
func (t target) note() string {
	switch {
	case t.shared == 1:
		return fmt.Sprintf("Another company shares %s; the oldest was chosen.", domains.Display(t.domain))
	case t.shared > 1:
		return fmt.Sprintf("Other companies share %s; the oldest was chosen.", domains.Display(t.domain))
	}
	return ""
}

// apply matches and associates up to chunk contacts in one transaction.
func (r *run) apply(ids []uuid.UUID) error {
	views, err := r.s.recs.GetMany(ids)
	if err != nil {
		return err
	}
	r.res.Contacts += len(views)
	owned, err := r.s.links.AssociatedMany(schema.Contacts, schema.Companies, ids)
	if err != nil {
		return err
	}
	hasCompany := make(map[string]bool, len(ids))
	for i, id := range ids {
		hasCompany[id.String()] = len(owned[i]) > 0
	}
	var todo []target
	for _, v := range views {
		if v.Object != schema.Contacts {
			continue
		}
		if hasCompany[v.ID] {
			r.res.HasCompany++
			continue
		}
		domain, why := r.domainOf(v)
		if domain == "" {
			*why++
			continue
		}
		todo = append(todo, target{contact: uuid.MustParse(v.ID), domain: domain})
	}
	if err := r.findCompanies(todo); err != nil {
		return err
	}
	if slices.ContainsFunc(todo, func(t target) bool { return t.company == uuid.Nil }) {
		if err := r.finish(); err != nil { // companies are made in order, one writer at a time
			return err
		}
		todo, err := r.alone(todo)
		if err != nil {
			return err
		}
		return r.write(todo)
	}
	r.pending = append(r.pending, todo...)
	if len(r.pending) >= pendingMax {
		return r.flush()
	}
	return nil
}

// flush starts writing the pending associations with existing companies
// through the engine's pipelined Import, on a goroutine of its own: the
// next contacts are read and matched meanwhile (they are others, and no
// company is created until it ends).
func (r *run) flush() error {
	if err := r.join(); err != nil {
		return err
	}
	todo, err := r.alone(r.pending)
	r.pending = nil
	if err != nil || len(todo) == 0 {
		return err
	}
	// By company: a transaction then touches a few companies, not one per
	// contact, so each gets one history entry and one copy of its edges.
	slices.SortStableFunc(todo, func(a, b target) int { return bytes.Compare(a.company[:], b.company[:]) })
	links := make([]associations.Link, len(todo))
	for i, t := range todo {
		links[i] = associations.Link{From: t.contact.String(), To: t.company.String(), Note: t.note()}
	}
	done := make(chan written, 1)
	go func() {
		_, err := r.s.links.Import(r.meta, links)
		done <- written{todo, err}
	}()
	r.writing = done
	return nil
}

// join waits for the associations being written and counts them. A
// refusal (a limit) stops Import at its batch; they are then written
// batch by batch as write does, the ones already made changing nothing.
func (r *run) join() error {
	if r.writing == nil {
		return nil
	}
	w := <-r.writing
	r.writing = nil
	switch {
	case w.err == nil:
		r.counted(w.todo)
		return nil
	case !errs.IsRefusal(w.err):
		return w.err
	}
	for start := 0; start < len(w.todo); start += chunk {
		if err := r.write(w.todo[start:min(start+chunk, len(w.todo))]); err != nil {
			return err
		}
	}
	return nil
}

// finish writes what is pending and waits for it.
func (r *run) finish() error {
	return errors.Join(r.flush(), r.join())
}

// domainOf is the domain a contact is matched by, or why it has none: its
// email's domain, or its website's when the email is free mail.
func (r *run) domainOf(v records.RecordView) (string, *int) {
	why := &r.res.NoDomain
	if email, _ := v.Props["email"].(string); email != "" {
		if d, err := domains.OfEmail(email); err == nil {
			switch {
			case r.match.Excluded(d):
				return "", &r.res.Excluded
			case !r.match.FreeMail(d):
				return d, nil
			}
			why = &r.res.FreeMail
		}
	}
	if site, _ := v.Props["website"].(string); site != "" {
		if d, err := domains.Normalize(site); err == nil && !r.match.FreeMail(d) && !r.match.Excluded(d) {
			return d, nil
		}
	}
	return "", why
}

// findCompanies sets each target's company: the one this run created for
// its domain, or the oldest live company with that domain; none leaves it
// to be created.
func (r *run) findCompanies(todo []target) error {
	obj, err := r.s.sch.Object(schema.Companies)
	if err != nil {
		return err
	}
	var lookup []string
	at := map[string]int{}
	for _, t := range todo {
		if _, ok := r.created[t.domain]; ok {
			continue
		}
		if _, ok := at[t.domain]; !ok {
			at[t.domain] = len(lookup)
			lookup = append(lookup, records.KeyOfValue(&obj, t.domain))
		}
	}
	found, err := r.s.recs.FindByKey(schema.Companies, lookup)
	if err != nil {
		return err
	}
	oldest := make([]uuid.UUID, len(found))
	shared := make([]int, len(found))
	for i, ids := range found {
		shared[i] = max(len(ids)-1, 0)
		if oldest[i], err = r.oldest(ids); err != nil {
			return err
		}
	}
	for i := range todo {
		t := &todo[i]
		if id, ok := r.created[t.domain]; ok {
			t.company, t.fresh = id, true
		} else {
			t.company, t.shared = oldest[at[t.domain]], shared[at[t.domain]]
		}
	}
	return nil
}

// oldest is the company created first among ids (zero for none).
func (r *run) oldest(ids []uuid.UUID) (uuid.UUID, error) {
	switch len(ids) {
	case 0:
		return uuid.Nil, nil
	case 1:
		return ids[0], nil
	}
	views, err := r.s.recs.GetMany(ids)
	if err != nil || len(views) == 0 {
		return uuid.Nil, err
	}
	first := views[0]
	for _, v := range views[1:] {
		if v.CreatedAt < first.CreatedAt || v.CreatedAt == first.CreatedAt && v.ID < first.ID {
			first = v
		}
	}
	return uuid.MustParse(first.ID), nil
}

// write makes the targets' associations and the companies they need in
// one transaction. If the engine refuses one (a limit), each is tried on
// its own and the refused ones are counted.
func (r *run) write(todo []target) error {
	if len(todo) == 0 {
		return nil
	}
	err := r.writeBatch(todo)
	switch {
	case err == nil:
		return nil
	case !errs.IsRefusal(err):
		return err
	case len(todo) == 1:
		r.res.Refused++
		return nil
	}
	for _, t := range todo {
		if id, ok := r.created[t.domain]; ok && t.company == uuid.Nil { // made by one before it
			t.company, t.fresh = id, true
		}
		if err := r.writeBatch([]target{t}); err != nil {
			if !errs.IsRefusal(err) {
				return err
			}
			r.res.Refused++
		}
	}
	return nil
}

func (r *run) writeBatch(todo []target) error {
	var b associations.Batch
	newAt := map[string]int{} // domain → its record in b.Records
	for _, t := range todo {
		to := t.company.String()
		if t.company == uuid.Nil {
			key := "domain " + t.domain
			if _, ok := newAt[t.domain]; !ok {
				newAt[t.domain] = len(b.Records)
				b.Records = append(b.Records, associations.NewRecord{Key: key, Object: schema.Companies,
					Props: map[string]any{"name": NameOf(t.domain), "domain": domains.Display(t.domain)}})
			}
			to = key
		}
		b.Links = append(b.Links, associations.Link{From: t.contact.String(), To: to, Note: t.note()})
	}
	res, err := r.s.links.Create(r.meta, b)
	if err != nil {
		return err
	}
	for domain, i := range newAt {
		r.created[domain] = uuid.MustParse(res.Records[i].ID)
	}
	r.res.CompaniesCreated += len(newAt)
	r.counted(todo)
	return nil
}

// alone keeps the targets whose contact still has no company: the user
// may have given it one since it was matched.
func (r *run) alone(todo []target) ([]target, error) {
	ids := make([]uuid.UUID, len(todo))
	for i, t := range todo {
		ids[i] = t.contact
	}
	owned, err := r.s.links.AssociatedMany(schema.Contacts, schema.Companies, ids)
	if err != nil {
		return nil, err
	}
	kept := todo[:0]
	for i, t := range todo {
		if len(owned[i]) > 0 {
			r.res.HasCompany++
			continue
		}
		kept = append(kept, t)
	}
	return kept, nil
}

// counted counts targets written.
func (r *run) counted(todo []target) {
	for _, t := range todo {
		if t.company == uuid.Nil || t.fresh {
			r.res.AssociatedNew++
		} else {
			r.res.Associated++
		}
	}
}

// NameOf names a company after its domain: the label before the public
// suffix, capitalised ("Acme" for acme.co.uk and info.acme.com).
func NameOf(domain string) string {
	shown := domains.Display(domain)
	base, err := publicsuffix.EffectiveTLDPlusOne(shown)
	if err != nil {
		base = shown
	}
	label, _, _ := strings.Cut(base, ".")
	if label == "" {
		return shown
	}
	runes := []rune(label)
	runes[0] = unicode.ToUpper(runes[0])
	return string(runes)
}
