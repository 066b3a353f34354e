package duplicates

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// fold is the form in which two names are the same name: letters in lower
// case without their accents (Müller is muller, Søren is soren), digits
// kept, whitespace and - _ / & , + ; : | between words (one space each),
// and every other mark (apostrophes, dots, quotes, brackets) dropped, so
// O'Brien is obrien and G.m.b.H. is gmbh. Bytes that are not valid UTF-8
// separate words.
func fold(s string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, " ")
	}
	if !plainASCII(s) {
		s = norm.NFD.String(s)
	}
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		if unicode.Is(unicode.Mn, r) {
			continue // an accent, apart from its letter after NFD
		}
		if spelled, ok := spelledOut[r]; ok {
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteString(spelled)
			continue
		}
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(unicode.ToLower(r))
		case unicode.IsSpace(r) || strings.ContainsRune(separators, r):
			space = true
		}
	}
	return b.String()
}

// separators part words as whitespace does.
const separators = "-_/&,+;:|\u2013\u2014"

// spelledOut are letters NFD leaves whole, as people type them without
// the letter: Straße is strasse, Łódź is lodz.
var spelledOut = map[rune]string{
	'ß': "ss", 'ẞ': "ss", 'æ': "ae", 'Æ': "ae", 'ø': "o", 'Ø': "o", 'œ': "oe", 'Œ': "oe",
	'ł': "l", 'Ł': "l", 'đ': "d", 'Đ': "d", 'ð': "d", 'Ð': "d", 'þ': "th", 'Þ': "th", 'ı': "i",
}

func plainASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// spaced is s with its runs of whitespace as one space, trimmed: how a
// name is compared for "Same name".
func spaced(s string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	return strings.Join(strings.Fields(s), " ")
}

// legalForms are the words a company's name may end with that do not
// tell two companies apart (folded, so "G.m.b.H." is "gmbh").
var legalForms = map[string]bool{
	"ltd": true, "limited": true, "inc": true, "incorporated": true, "llc": true, "llp": true, "lp": true,
	"plc": true, "corp": true, "corporation": true, "co": true, "gmbh": true, "mbh": true,
	"ag": true, "kg": true, "ohg": true, "ug": true, "sa": true, "sas": true, "sarl": true, "srl": true,
	"spa": true, "sl": true, "bv": true, "nv": true, "oy": true, "ab": true, "as": true, "aps": true,
	"pty": true, "pte": true, "kk": true, "se": true,
}

// companyKey is a company name as compared: folded, legal forms dropped
// from its end ("Acme Ltd", "ACME, Inc." and "Acme GmbH & Co. KG" are all
// acme), and its words run together ("Blue Sky" is bluesky). A name that
// is only a legal form keeps it.
func companyKey(name string) string {
	words := strings.Fields(fold(name))
	end := len(words)
	for end > 1 && legalForms[words[end-1]] {
		end--
	}
	return strings.Join(words[:end], "")
}

// personKey is a person's full name as compared: folded, one space
// between words.
func personKey(first, last string) string { return fold(first + " " + last) }

// letters counts the letters of a folded name.
func letters(key string) int {
	n := 0
	for _, r := range key {
		if unicode.IsLetter(r) {
			n++
		}
	}
	return n
}

// digitsOf is the digits of a folded name in order: two names with
// different numbers ("Acme 2", "Acme 3") are never one typo apart.
func digitsOf(key string) string {
	var b []byte
	for i := 0; i < len(key); i++ {
		if key[i] >= '0' && key[i] <= '9' {
			b = append(b, key[i])
		}
	}
	return string(b)
}

// oneApart reports whether a and b are one edit apart: one character
// inserted, deleted or replaced, or two neighbours swapped (the
// Damerau–Levenshtein distance, restricted as optimal string alignment,
// is 1). Equal strings are not.
func oneApart(a, b string) bool {
	if a == b {
		return false
	}
	x, y := []rune(a), []rune(b)
	if len(x) < len(y) {
		x, y = y, x
	}
	if len(x)-len(y) > 1 {
		return false
	}
	i := 0
	for i < len(y) && x[i] == y[i] {
		i++
	}
	if len(x) != len(y) { // one deleted from x
		return equalRunes(x[i+1:], y[i:])
	}
	if equalRunes(x[i+1:], y[i+1:]) { // one replaced
		return true
	}
	return i+1 < len(x) && x[i] == y[i+1] && x[i+1] == y[i] && equalRunes(x[i+2:], y[i+2:]) // two swapped
}

func equalRunes(a, b []rune) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// phoneKey is the last nine digits of a phone number (before any
// extension), so +1 617 555 0100 and (617) 555-0100 agree, as do
// +44 20 7946 0958 and 020 7946 0958; "" for fewer than seven digits.
func phoneKey(phone string) string {
	if i := strings.IndexAny(phone, "xXeE"); i >= 0 { // "x12", "ext 12"
		phone = phone[:i]
	}
	var d []byte
	for i := 0; i < len(phone); i++ {
		if phone[i] >= '0' && phone[i] <= '9' {
			d = append(d, phone[i])
		}
	}
	if len(d) < 7 {
		return ""
	}
	if len(d) > 9 {
		d = d[len(d)-9:]
	}
	return string(d)
}
