package records

import (
	"bytes"
	"cmp"
	"slices"
	"strings"
	"unicode"

	"github.com/google/uuid"

	"fieldbook/backend/ordered"
	"fieldbook/backend/schema"
)

// A search matches a record when every word of the query starts a word of
// the record's searchable text (its name, email, domain, phone), in any
// order: "lee ann" and "ann lee" both find Ann Lee. The index is asked only
// for the longest word, the most selective; each record it finds is checked
// for the other words.
//
// Phone numbers are found by their digits: a query (or a word of one) of
// only digits and phone punctuation " +-()./", with at least three digits,
// matches the numbers whose digits start with its digits, or do after the
// country code ("555 0142", "5550142" and "+1 (555) 014" all find
// "+1 555-0142"; see phoneTerms).

// phoneMark starts the search terms of phone numbers, so that only digits
// searched as a phone number find them (values never hold control characters).
const phoneMark = "\x01"

// queryWord is a word of a search and the term prefixes that match it.
type queryWord struct {
	text     string // folded; "" for the digits of a whole query
	prefixes []string
}

func newQueryWord(text string) queryWord {
	w := queryWord{text: text, prefixes: []string{text}}
	if digits, ok := phoneDigits(text); ok {
		w.prefixes = append(w.prefixes, phoneMark+digits)
	}
	return w
}

// searchQuery is a search split into ways to match it; a record matches
// when it matches one of them: its words, the longest first, or, for a
// phone number typed with spaces, its digits.
type searchQuery [][]queryWord

func parseSearch(text string) searchQuery {
	folded := fold(text)
	fields := strings.Fields(folded)
	if len(fields) == 0 {
		return nil
	}
	slices.SortStableFunc(fields, func(a, b string) int { return cmp.Compare(len(b), len(a)) })
	words := make([]queryWord, len(fields))
	for i, f := range fields {
		words[i] = newQueryWord(f)
	}
	q := searchQuery{words}
	if digits, ok := phoneDigits(folded); ok && len(fields) > 1 {
		q = append(q, []queryWord{{prefixes: []string{phoneMark + digits}}})
	}
	return q
}

// phoneDigits returns the digits of a text that looks like a phone number:
// at least three digits with only phone punctuation between them.
func phoneDigits(s string) (string, bool) {
	var digits []byte
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
			digits = append(digits, c)
		case !strings.ContainsRune(" +-()./", rune(c)):
			return "", false
		}
	}
	return string(digits), len(digits) >= 3
}

// phoneTerms are the search terms of a phone number: its digits, and for an
// international number also the digits after the country code.
func phoneTerms(s string) []string {
	s = strings.TrimSpace(s)
	var digits []byte
	code := 0 // how many digits the country code has, for an international number
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= '0' && c <= '9' {
			digits = append(digits, c)
		} else if s[0] == '+' && code == 0 && len(digits) > 0 {
			code = len(digits)
		}
	}
	all := phoneMark + string(digits)
	if code == 0 || code == len(digits) {
		return []string{all}
	}
	return []string{all, phoneMark + all[len(phoneMark)+code:]}
}

// startsWord reports whether w is the start of a word of text (a word starts
// with a letter or digit after anything else).
func startsWord(text, w string) bool {
	inWord := false
	for i, r := range text {
		isWord := unicode.IsLetter(r) || unicode.IsDigit(r)
		if isWord && !inWord && strings.HasPrefix(text[i:], w) {
			return true
		}
		inWord = isWord
	}
	return false
}

// eachCandidate visits the terms that match a query's first word.
func (s *Service) eachCandidate(words []queryWord, fn func(ordered.Entry) bool) {
	for _, prefix := range words[0].prefixes {
		stopped := false
		s.eachTerm(prefix, func(t ordered.Entry) bool {
			stopped = !fn(t)
			return !stopped
		})
		if stopped {
			return
		}
	}
}

// wordCheck tells whether a record found by a query's first word has the
// others too: in its name (from the directory) or else among its search
// terms. The records with a term matching a word are collected from the
// index the first time a name lacks that word. The caller holds the index
// lock.
type wordCheck struct {
	s         *Service
	words     []queryWord
	num       uint16 // the object searched, unless anyObject
	anyObject bool
	having    []map[uuid.UUID]bool // per word: the records with a term matching it
}

func (s *Service) newWordCheck(words []queryWord, num uint16, anyObject bool) *wordCheck {
	return &wordCheck{s: s, words: words, num: num, anyObject: anyObject, having: make([]map[uuid.UUID]bool, len(words))}
}

func (c *wordCheck) match(id uuid.UUID) bool {
	if len(c.words) == 0 {
		return true
	}
	name := fold(c.s.idx.dir[id].Name)
	for i, w := range c.words {
		if startsWord(name, w.text) {
			continue
		}
		if c.having[i] == nil {
			c.having[i] = map[uuid.UUID]bool{}
			for _, prefix := range w.prefixes {
				c.s.eachTerm(prefix, func(t ordered.Entry) bool {
					if c.anyObject || t.Num == c.num {
						c.having[i][t.ID] = true
					}
					return true
				})
			}
		}
		if !c.having[i][id] {
			return false
		}
	}
	return true
}

// searchObject returns the records of one object that match a search. The
// caller holds the index lock.
func (s *Service) searchObject(num uint16, q searchQuery) map[uuid.UUID]bool {
	out := map[uuid.UUID]bool{}
	for _, words := range q {
		check := s.newWordCheck(words[1:], num, false)
		s.eachCandidate(words, func(t ordered.Entry) bool {
			if t.Num == num && !out[t.ID] && check.match(t.ID) {
				out[t.ID] = true
			}
			return true
		})
	}
	return out
}

// searchNames returns the records of an object that keeps no search terms
// that match a search: those whose name has a word starting with each
// word. Tasks are searched so: a data folder has tens of thousands, a
// title's every word would be a term to build when it opens, and only the
// Tasks page searches them (Ctrl+K finds records, not activities). A scan
// of 25,000 names takes a few milliseconds. The caller holds the index lock.
func (s *Service) searchNames(o *objectIndex, q searchQuery) map[uuid.UUID]bool {
	out := map[uuid.UUID]bool{}
	o.tree(SortCreated).Ascend(func(e ordered.Entry) bool {
		name := fold(s.idx.dir[e.ID].Name)
		for _, w := range q[0] {
			if !startsWord(name, w.text) {
				return true
			}
		}
		out[e.ID] = true
		return true
	})
	return out
}

// eachTerm visits the terms starting with text, in order; the caller holds
// the index lock.
func (s *Service) eachTerm(text string, fn func(ordered.Entry) bool) {
	prefix := truncate(text, maxTermBytes)
	var buf [maxTermBytes + 16]byte
	want := []byte(prefix)
	s.idx.terms.AscendFrom(termEntry(prefix, 0, uuid.Nil), func(t ordered.Entry) bool {
		return bytes.HasPrefix(t.Text.AppendTo(buf[:0]), want) && fn(t)
	})
}

// Hit is one typeahead result.
type Hit struct {
	ID          string `json:"id"`
	Object      string `json:"object"`
	DisplayName string `json:"displayName"`
	Detail      string `json:"detail"` // email, domain or object name, to tell hits apart
}

// Search finds live records of any object by the words of text (see
// searchQuery): the typeahead behind Ctrl/Cmd+K.
func (s *Service) Search(text string, limit int) ([]Hit, error) {
	q := parseSearch(text)
	out := []Hit{}
	if q == nil {
		return out, nil
	}
	if limit <= 0 || limit > 50 {
		limit = 10
	}
	var ids []uuid.UUID
	var nums []uint16
	seen := map[uuid.UUID]bool{}
	s.idx.rlock()
	for _, words := range q {
		check := s.newWordCheck(words[1:], 0, true)
		s.eachCandidate(words, func(t ordered.Entry) bool {
			if !seen[t.ID] && check.match(t.ID) {
				seen[t.ID] = true
				ids, nums = append(ids, t.ID), append(nums, t.Num)
			}
			return len(ids) < limit
		})
		if len(ids) == limit {
			break
		}
	}
	s.idx.mu.RUnlock()
	found, err := s.readMany(ids)
	for i, r := range found {
		obj, ok := s.schema.ByNum(nums[i])
		if r == nil || !ok {
			continue // deleted permanently since the index was read
		}
		out = append(out, Hit{ID: ids[i].String(), Object: obj.ID, DisplayName: obj.DisplayName(r.Props), Detail: detail(&obj, r.Props)})
	}
	return out, err
}

func detail(obj *schema.ObjectDef, props map[string]any) string {
	for _, p := range obj.Properties {
		if s, ok := props[p.Name].(string); ok && (p.Type == schema.Email || p.Type == schema.URL) && s != obj.DisplayName(props) {
			return s
		}
	}
	return obj.Singular
}
