// Package duplicates finds records that are likely the same person or the
// same company, for the user to merge (records.Service.Merge) or to mark
// "Not a duplicate", which is remembered.
//
// Contacts are a pair when
//
//   - they have the same email (without regard to case: records.KeyOf); or
//   - their names match and they have something else in common.
//
// Names match when they are the same, when they differ only by accents,
// case, punctuation or spacing (Zoë Müller, zoe muller, O'Brien and
// OBrien; see fold), or when they are one typo apart: one letter
// inserted, deleted, replaced, or two neighbours swapped (a Damerau–
// Levenshtein distance of 1 on the folded names), for names of at least 5
// letters (shorter names are too close to each other: Ann Li, Ann Lu) and
// at most 64 characters, and never by a number (Anna Berg 2 is not Anna
// Berg 3). Something else in common is one of: a company they are both
// associated with (the same primary company counts most), the same email
// domain (not a free-mail one such as gmail.com: backend/domains' list,
// with the user's edits), or the same phone
// number (its last nine digits, so +1 617 555 0100 is (617) 555-0100). So
// two Anna Bergs at different companies, with nothing else alike, are
// never paired on their name alone; two with the same name and the same
// primary company always are. The same name counts as the strongest kind
// of match and needs the same second thing as an accent or a typo does.
//
// Companies are a pair when they have the same domain (records.KeyOf, the
// form the importer matches on), or near-identical names: the same once
// folded (case, accents, punctuation, spacing) and with legal forms such
// as Ltd, Inc, GmbH, LLC, SA, AG, plc or Corp dropped from the end, or one
// typo apart that way for names of at least 6 letters (never by a number).
//
// Each pair says why (Reasons, short phrases such as "Same email") and how
// likely it is (Score, 1–100: the sum of its reasons' weights). Pairs come
// sorted by score, then by the two names; at most MaxPairs of them. A pair
// lists the older record (created first) as A.
//
// Candidates are never found by comparing every record with every other:
// records are put in buckets by exact keys (an email, a domain, a folded
// name with one thing in common), and names one typo apart are found
// through deletion neighbourhoods: each distinct folded name, and each of
// it with one letter deleted, is hashed, and names sharing a hash are
// checked. A bucket of more than 32 records pairs each record with its
// next 8 only (in creation order): enough to merge them all, without
// listing the half a million pairs of a thousand records with one key.
//
// "Not a duplicate" (Dismiss) writes a key of its own (keys.NotDup)
// through the change log, as a setting.updated change of the setting
// "notDuplicate" (Before or After names the two records); Find never lists
// that pair again, until Undismiss. Records merged away or deleted simply
// stop appearing, since only live records are read.
package duplicates

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"hash/maphash"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"

	"github.com/dgraph-io/badger/v4"
	"github.com/google/uuid"

	"fieldbook/backend/associations"
	"fieldbook/backend/changelog"
	"fieldbook/backend/domains"
	"fieldbook/backend/errs"
	"fieldbook/backend/keys"
	"fieldbook/backend/records"
	"fieldbook/backend/schema"
)

// MaxPairs bounds the pairs Find returns.
const MaxPairs = 5000

const (
	minPersonLetters  = 5  // shorter names are not matched by typo
	minCompanyLetters = 6  // …and shorter company names
	maxTypoRunes      = 64 // longer names match only when equal
	bigBucket         = 32 // a larger bucket pairs each record with its next window only
	window            = 8
	chunkSize         = 500 // records read at a time…
	readers           = 2   // …by this many goroutines
)

// DismissedSetting names the change a dismissal writes to the log.
const DismissedSetting = "notDuplicate"

// Pair is two records that are likely the same, and why.
type Pair struct {
	A       records.RecordView `json:"a"`
	B       records.RecordView `json:"b"`
	Reasons []string           `json:"reasons"`
	Score   int                `json:"score"`
}

// Service finds duplicates and remembers the pairs that are not.
type Service struct {
	log    *changelog.Log
	schema *schema.Service
	recs   *records.Service
	links  *associations.Service
	doms   *domains.Service // the free-mail list as the user edited it
}

// New returns the duplicate finder over the records and their associations.
func New(log *changelog.Log, sch *schema.Service, recs *records.Service, links *associations.Service, doms *domains.Service) (*Service, error) {
	if log == nil || sch == nil || recs == nil || links == nil || doms == nil {
		return nil, errors.New("duplicates: the change log, schema, records, associations and domains services are all needed")
	}
	return &Service{log: log, schema: sch, recs: recs, links: links, doms: doms}, nil
}

// reason is one thing a pair has in common; a pair's reasons are a set.
type reason uint16

const (
	sameEmail reason = 1 << iota
	sameDomain
	sameName
	nameFolded
	nameTypo
	companyFolded
	samePrimary
	sharedCompany
	samePhone
	sameEmailDomain
)

// reasons are the phrases and weights of each reason, in the order a
// pair lists them.
var reasons = []struct {
	r      reason
	text   string
	weight int
}{
	{sameEmail, "Same email", 50},
	{sameDomain, "Same domain", 60},
	{sameName, "Same name", 30},
	{nameFolded, "Names differ only by accents, case or punctuation", 25},
	{companyFolded, "Names differ only by case, accents, punctuation or legal form", 25},
	{nameTypo, "Names differ by one letter", 15},
	{samePrimary, "Same primary company", 20},
	{sharedCompany, "Same company", 10},
	{samePhone, "Same phone", 20},
	{sameEmailDomain, "Same email domain", 10},
}

// named are the reasons that say two names match.
const named = sameName | nameFolded | nameTypo | companyFolded

// rec is what the finder keeps of one record.
type rec struct {
	id        uuid.UUID
	name      string // display name, for sorting
	full      string // the name as written, spaces evened out
	key       string // the name folded (personKey, companyKey)
	email     string // contacts: records.KeyOfValue
	domain    string // contacts: the email's domain unless free mail (workDomain); companies: records.KeyOf
	phone     string // phoneKey
	primary   uuid.UUID
	companies []uuid.UUID
}

// candidate is a pair found, by index into the finder's records (a < b).
type candidate struct {
	a, b  int32
	why   reason
	score int
}

// finder holds one Find's state.
type finder struct {
	ctx       context.Context
	contacts  bool
	recs      []rec
	dismissed map[[32]byte]bool
	seen      map[uint64]struct{}
	found     []candidate
	offers    int
	err       error
}

// Find lists likely duplicate pairs among the live records of objectID
// (contacts or companies), see the package comment. progress, when not
// nil, is called as records are read, at least every 1 % of them. A
// canceled ctx stops it with ctx.Err().
func (s *Service) Find(ctx context.Context, objectID string, progress func(done, total int)) ([]Pair, error) {
	obj, err := s.schema.Object(objectID)
	if err != nil || (obj.ID != schema.Contacts && obj.ID != schema.Companies) {
		return nil, errs.Invalid("object", "Duplicates are found among contacts and companies only.")
	}
	if progress == nil {
		progress = func(int, int) {}
	}
	dismissed, err := s.dismissed()
	if err != nil {
		return nil, err
	}
	f := &finder{ctx: ctx, contacts: obj.ID == schema.Contacts, dismissed: dismissed, seen: map[uint64]struct{}{}}
	if f.recs, err = s.read(ctx, &obj, progress); err != nil {
		return nil, err
	}
	if f.contacts {
		f.matchContacts()
	} else {
		f.matchCompanies()
	}
	if f.err != nil {
		return nil, f.err
	}
	return s.pairs(f)
}

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

// matchContacts offers the contacts with the same email, and those whose
// names match that share a company, an email domain or a phone number.
func (f *finder) matchContacts() {
	byEmail := map[string][]int32{}
	for i := range f.recs {
		if e := f.recs[i].email; e != "" {
			byEmail[e] = append(byEmail[e], int32(i))
		}
	}
	for _, members := range byEmail {
		f.pairsIn(members)
	}
	names, groups := f.groupByName()
	ties := map[tie][]int32{}
	for _, members := range groups {
		if len(members) > 1 {
			f.joinWithin(ties, members)
		}
	}
	for _, p := range typoPairs(names, minPersonLetters, f) {
		f.joinAcross(ties, groups[p[0]], groups[p[1]])
	}
}

// matchCompanies offers the companies with the same domain, and those
// whose names match.
func (f *finder) matchCompanies() {
	byDomain := map[string][]int32{}
	for i := range f.recs {
		if d := f.recs[i].domain; d != "" {
			byDomain[d] = append(byDomain[d], int32(i))
		}
	}
	for _, members := range byDomain {
		f.pairsIn(members)
	}
	names, groups := f.groupByName()
	for _, members := range groups {
		f.pairsIn(members)
	}
	for _, p := range typoPairs(names, minCompanyLetters, f) {
		xs, ys := groups[p[0]], groups[p[1]]
		for _, x := range xs[:min(len(xs), bigBucket)] {
			for _, y := range ys[:min(len(ys), bigBucket)] {
				f.offer(x, y)
			}
		}
	}
}

// groupByName groups the records by folded name: the distinct names and,
// for each, its records in creation order.
func (f *finder) groupByName() ([]string, [][]int32) {
	at := map[string]int32{}
	var names []string
	var groups [][]int32
	for i := range f.recs {
		k := f.recs[i].key
		if k == "" {
			continue
		}
		g, ok := at[k]
		if !ok {
			g = int32(len(names))
			at[k] = g
			names = append(names, k)
			groups = append(groups, nil)
		}
		groups[g] = append(groups[g], int32(i))
	}
	return names, groups
}

// tie is one thing contacts can have in common besides their name: a
// company ('c'), an email domain ('d') or a phone number ('p').
type tie struct {
	kind byte
	id   uuid.UUID
	s    string
}

func (r *rec) ties(buf []tie) []tie {
	buf = buf[:0]
	for _, c := range r.companies {
		buf = append(buf, tie{kind: 'c', id: c})
	}
	if r.domain != "" {
		buf = append(buf, tie{kind: 'd', s: r.domain})
	}
	if r.phone != "" {
		buf = append(buf, tie{kind: 'p', s: r.phone})
	}
	return buf
}

// joinWithin offers the members of one name group that share a tie.
func (f *finder) joinWithin(scratch map[tie][]int32, members []int32) {
	clear(scratch)
	var buf []tie
	for _, m := range members {
		buf = f.recs[m].ties(buf)
		for _, t := range buf {
			scratch[t] = append(scratch[t], m)
		}
	}
	for _, bucket := range scratch {
		f.pairsIn(bucket)
	}
}

// joinAcross offers the members of two name groups that share a tie.
func (f *finder) joinAcross(scratch map[tie][]int32, xs, ys []int32) {
	if len(xs) > len(ys) {
		xs, ys = ys, xs
	}
	clear(scratch)
	var buf []tie
	for _, x := range xs {
		buf = f.recs[x].ties(buf)
		for _, t := range buf {
			scratch[t] = append(scratch[t], x)
		}
	}
	for _, y := range ys {
		buf = f.recs[y].ties(buf)
		for _, t := range buf {
			bucket := scratch[t]
			for _, x := range bucket[:min(len(bucket), bigBucket)] {
				f.offer(x, y)
			}
		}
	}
}

// pairsIn offers every pair of a bucket's records, or for a big bucket
// each record with the next few.
func (f *finder) pairsIn(members []int32) {
	for i, a := range members {
		end := len(members)
		if len(members) > bigBucket {
			end = min(end, i+1+window)
		}
		for _, b := range members[i+1 : end] {
			f.offer(a, b)
		}
	}
}

// offer judges a pair once, unless the user said it is not one.
func (f *finder) offer(a, b int32) {
	if a == b || f.err != nil {
		return
	}
	if a > b {
		a, b = b, a
	}
	if f.offers++; f.offers%4096 == 0 {
		if f.err = f.ctx.Err(); f.err != nil {
			return
		}
	}
	k := uint64(a)<<32 | uint64(b)
	if _, ok := f.seen[k]; ok {
		return
	}
	f.seen[k] = struct{}{}
	ra, rb := &f.recs[a], &f.recs[b]
	if f.dismissed[pairKey(ra.id, rb.id)] {
		return
	}
	var why reason
	if f.contacts {
		why = judgeContacts(ra, rb)
	} else {
		why = judgeCompanies(ra, rb)
	}
	if why == 0 {
		return
	}
	score := 0
	for _, r := range reasons {
		if why&r.r != 0 {
			score += r.weight
		}
	}
	f.found = append(f.found, candidate{a: a, b: b, why: why, score: min(score, 100)})
}

// judgeContacts says what two contacts have in common, or 0 when that is
// not enough to call them duplicates.
func judgeContacts(a, b *rec) reason {
	var why reason
	if a.email != "" && a.email == b.email {
		why |= sameEmail
	}
	if a.key != "" && b.key != "" {
		switch {
		case a.key == b.key && a.full == b.full:
			why |= sameName
		case a.key == b.key:
			why |= nameFolded
		case typo(a.key, b.key, minPersonLetters):
			why |= nameTypo
		}
	}
	if a.primary != uuid.Nil && a.primary == b.primary {
		why |= samePrimary
	} else if shareAny(a.companies, b.companies) {
		why |= sharedCompany
	}
	if a.phone != "" && a.phone == b.phone {
		why |= samePhone
	}
	if a.domain != "" && a.domain == b.domain && why&sameEmail == 0 {
		why |= sameEmailDomain
	}
	if why&sameEmail != 0 || why&named != 0 && why&(samePrimary|sharedCompany|samePhone|sameEmailDomain) != 0 {
		return why
	}
	return 0
}

// judgeCompanies says what two companies have in common, or 0.
func judgeCompanies(a, b *rec) reason {
	var why reason
	if a.domain != "" && a.domain == b.domain {
		why |= sameDomain
	}
	if a.key != "" && b.key != "" {
		switch {
		case a.key == b.key && a.full == b.full:
			why |= sameName
		case a.key == b.key:
			why |= companyFolded
		case typo(a.key, b.key, minCompanyLetters):
			why |= nameTypo
		}
	}
	return why
}

// typo reports whether two different folded names are one typo apart as
// the package comment says: long enough, not too long, the same numbers.
func typo(a, b string, minLetters int) bool {
	return typoCandidate(a, minLetters) && typoCandidate(b, minLetters) &&
		digitsOf(a) == digitsOf(b) && oneApart(a, b)
}

func typoCandidate(key string, minLetters int) bool {
	return utf8.RuneCountInString(key) <= maxTypoRunes && letters(key) >= minLetters
}

func shareAny(a, b []uuid.UUID) bool {
	for _, x := range a {
		if slices.Contains(b, x) {
			return true
		}
	}
	return false
}

// typoPairs finds the distinct names (by index) one typo apart through
// their deletion neighbourhoods: a name and each of its variants with one
// letter deleted are hashed, the hashes sorted, and the names sharing a
// hash checked with typo. Two names one edit apart always share one (the
// shorter name, or both with the replaced or one of the swapped letters
// deleted); a number is never deleted, since names differing by one are
// not a typo.
func typoPairs(names []string, minLetters int, f *finder) [][2]int32 {
	type entry struct {
		h uint64
		g int32
	}
	var entries []entry
	var h maphash.Hash
	for g, name := range names {
		if !typoCandidate(name, minLetters) {
			continue
		}
		h.Reset()
		h.WriteString(name)
		entries = append(entries, entry{h.Sum64(), int32(g)})
		var prev rune = -1
		for i, r := range name {
			if r == prev || unicode.IsDigit(r) { // deleting either of two equal letters gives one variant
				prev = r
				continue
			}
			prev = r
			h.Reset()
			h.WriteString(name[:i])
			h.WriteString(name[i+utf8.RuneLen(r):])
			entries = append(entries, entry{h.Sum64(), int32(g)})
		}
		if g%4096 == 0 && f.ctx.Err() != nil {
			f.err = f.ctx.Err()
			return nil
		}
	}
	slices.SortFunc(entries, func(x, y entry) int {
		if c := cmp.Compare(x.h, y.h); c != 0 {
			return c
		}
		return cmp.Compare(x.g, y.g)
	})
	seen := map[uint64]bool{}
	var out [][2]int32
	var run []int32
	for i := 0; i < len(entries); {
		j := i
		run = run[:0]
		for ; j < len(entries) && entries[j].h == entries[i].h; j++ {
			if len(run) == 0 || run[len(run)-1] != entries[j].g {
				run = append(run, entries[j].g)
			}
		}
		i = j
		for x, a := range run {
			end := len(run)
			if len(run) > bigBucket {
				end = min(end, x+1+window)
			}
			for _, b := range run[x+1 : end] {
				k := uint64(a)<<32 | uint64(b)
				if seen[k] {
					continue
				}
				seen[k] = true
				if typo(names[a], names[b], minLetters) {
					out = append(out, [2]int32{a, b})
				}
			}
		}
	}
	slices.SortFunc(out, func(x, y [2]int32) int {
		if c := cmp.Compare(x[0], y[0]); c != 0 {
			return c
		}
		return cmp.Compare(x[1], y[1])
	})
	return out
}

// pairs sorts what f found, keeps the first MaxPairs and reads their
// records as they are now.
func (s *Service) pairs(f *finder) ([]Pair, error) {
	lowered := map[int32]string{}
	for _, c := range f.found {
		for _, i := range [2]int32{c.a, c.b} {
			if _, ok := lowered[i]; !ok {
				lowered[i] = strings.ToLower(f.recs[i].name)
			}
		}
	}
	lower := func(i int32) string { return lowered[i] }
	slices.SortFunc(f.found, func(x, y candidate) int {
		if c := cmp.Compare(y.score, x.score); c != 0 {
			return c
		}
		if c := cmp.Compare(lower(x.a), lower(y.a)); c != 0 {
			return c
		}
		if c := cmp.Compare(lower(x.b), lower(y.b)); c != 0 {
			return c
		}
		if c := cmp.Compare(x.a, y.a); c != 0 {
			return c
		}
		return cmp.Compare(x.b, y.b)
	})
	found := f.found[:min(len(f.found), MaxPairs)]
	ids := make([]uuid.UUID, 0, 2*len(found))
	for _, c := range found {
		ids = append(ids, f.recs[c.a].id, f.recs[c.b].id)
	}
	views, err := s.recs.GetMany(ids)
	if err != nil {
		return nil, err
	}
	byID := make(map[string]records.RecordView, len(views))
	for _, v := range views {
		if v.DeletedAt == "" {
			byID[v.ID] = v
		}
	}
	out := make([]Pair, 0, len(found))
	for _, c := range found {
		a, okA := byID[f.recs[c.a].id.String()]
		b, okB := byID[f.recs[c.b].id.String()]
		if !okA || !okB { // deleted or merged since it was read
			continue
		}
		p := Pair{A: a, B: b, Score: c.score, Reasons: []string{}}
		for _, r := range reasons {
			if c.why&r.r != 0 {
				p.Reasons = append(p.Reasons, r.text)
			}
		}
		out = append(out, p)
	}
	return out, nil
}

// pairKey is the set key of two records, whichever order they come in.
func pairKey(a, b uuid.UUID) [32]byte {
	if bytes.Compare(a[:], b[:]) > 0 {
		a, b = b, a
	}
	var k [32]byte
	copy(k[:16], a[:])
	copy(k[16:], b[:])
	return k
}

// dismissed reads every pair marked "Not a duplicate".
func (s *Service) dismissed() (map[[32]byte]bool, error) {
	out := map[[32]byte]bool{}
	err := s.log.Store().View(func(txn *badger.Txn) error {
		prefix := []byte{keys.PrefixNotDup}
		it := txn.NewIterator(badger.IteratorOptions{Prefix: prefix})
		defer it.Close()
		for it.Rewind(); it.Valid(); it.Next() {
			lo, hi, err := keys.ParseNotDup(it.Item().Key())
			if err != nil {
				return err
			}
			out[pairKey(lo, hi)] = true
		}
		return nil
	})
	return out, err
}

// Dismiss remembers that two records are not duplicates: Find leaves the
// pair out from now on. Both must be contacts, or both companies.
func (s *Service) Dismiss(meta changelog.Meta, a, b string) error {
	return s.remember(meta, a, b, true)
}

// Undismiss forgets a Dismiss, so the pair can be found again. The
// records may be gone meanwhile.
func (s *Service) Undismiss(meta changelog.Meta, a, b string) error {
	return s.remember(meta, a, b, false)
}

// dismissal is what the change log says of a dismissed pair.
type dismissal struct {
	Object string `json:"object,omitempty"`
	A      string `json:"a"`
	B      string `json:"b"`
}

func (s *Service) remember(meta changelog.Meta, aText, bText string, dismiss bool) error {
	a, err := parseID("a", aText)
	if err != nil {
		return err
	}
	b, err := parseID("b", bText)
	if err != nil {
		return err
	}
	if a == b {
		return errs.Invalid("b", "A record cannot be a duplicate of itself.")
	}
	object := ""
	if dismiss {
		if object, err = s.objectOf(a, b); err != nil {
			return err
		}
	}
	key := keys.NotDup(a, b)
	lo, hi := a, b
	if bytes.Compare(lo[:], hi[:]) > 0 {
		lo, hi = hi, lo
	}
	value, err := json.Marshal(dismissal{Object: object, A: lo.String(), B: hi.String()})
	if err != nil {
		return err
	}
	_, err = s.log.Write(meta, func(tx *changelog.Tx) error {
		_, err := tx.Get(key)
		has := err == nil
		if err != nil && !errors.Is(err, badger.ErrKeyNotFound) {
			return err
		}
		if has == dismiss {
			return nil // already so: nothing to log
		}
		change := changelog.Change{Kind: changelog.SettingUpdated, Object: object, Property: DismissedSetting}
		if dismiss {
			change.After = value
			tx.Record(change)
			return tx.Set(key, nil)
		}
		change.Before = value
		tx.Record(change)
		return tx.Delete(key)
	})
	return err
}

func parseID(field, text string) (uuid.UUID, error) {
	id, err := records.ParseID(text)
	if err != nil {
		e := *errs.As(err)
		e.Field = field
		return id, &e
	}
	return id, nil
}

// objectOf is the object of two records that can be dismissed as a pair.
func (s *Service) objectOf(a, b uuid.UUID) (string, error) {
	var refs [2]records.Ref
	var missing []uuid.UUID
	s.recs.LookupMany([]uuid.UUID{a, b}, func(i int, ref records.Ref, ok bool) {
		refs[i] = ref
		if !ok {
			missing = append(missing, []uuid.UUID{a, b}[i])
		}
	})
	if len(missing) > 0 {
		return "", errs.New(errs.CodeNotFound, "No record has the ID "+missing[0].String()+". It may have been deleted permanently.")
	}
	if refs[0].Num != refs[1].Num {
		return "", errs.Invalid("b", "Only two records of the same object can be duplicates.")
	}
	obj, ok := s.schema.ByNum(refs[0].Num)
	if !ok || (obj.ID != schema.Contacts && obj.ID != schema.Companies) {
		return "", errs.Invalid("object", "Duplicates are found among contacts and companies only.")
	}
	return obj.ID, nil
}
