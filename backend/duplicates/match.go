package duplicates

import (
	"cmp"
	"hash/maphash"
	"slices"
	"unicode"
	"unicode/utf8"

	"github.com/google/uuid"
)

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
	why |= nameMatch(a, b, nameFolded, minPersonLetters)
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
	return why | nameMatch(a, b, companyFolded, minCompanyLetters)
}

// nameMatch says how two records' names match: the same, the same once
// folded (as folded says), or one typo apart; 0 when they do not.
func nameMatch(a, b *rec, folded reason, minLetters int) reason {
	switch {
	case a.key == "" || b.key == "":
		return 0
	case a.key == b.key && a.full == b.full:
		return sameName
	case a.key == b.key:
		return folded
	case typo(a.key, b.key, minLetters):
		return nameTypo
	}
	return 0
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
