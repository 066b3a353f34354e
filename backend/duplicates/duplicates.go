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
	"cmp"
	"context"
	"errors"
	"slices"
	"strings"

	"github.com/google/uuid"

	"fieldbook/backend/associations"
	"fieldbook/backend/changelog"
	"fieldbook/backend/domains"
	"fieldbook/backend/errs"
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
