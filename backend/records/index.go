package records

import (
	"encoding/binary"
	"math"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/google/uuid"
	"golang.org/x/text/unicode/norm"

	"fieldbook/backend/keys"
	"fieldbook/backend/schema"
)

// Pseudo-properties every object can be sorted by.
const (
	SortName    = "_name"
	SortCreated = "_created"
	SortUpdated = "_updated"
)

// maxSortBytes bounds a text value inside a sort key; longer values sort by
// their first bytes and then by ID.
const maxSortBytes = 64

// tagValue starts every sort value, leaving room for other kinds later.
const tagValue byte = 0x01

// indexKeys are the index keys a record has while it is live.
type indexKeys [][]byte

// liveKeys lists every index key of a live record: its place in the object,
// a sort entry per property that has a value (and for name, created and
// updated), and its search terms. Records without a value for a property have
// no entry for it, so adding a property needs no backfill; lists put them last.
func liveKeys(obj *schema.ObjectDef, id uuid.UUID, r *stored) indexKeys {
	out := indexKeys{keys.ObjectRecord(obj.Num, id)}
	for _, p := range obj.Properties {
		if v := sortValue(r.Props[p.Name]); v != nil {
			out = append(out, keys.Sort(obj.Num, p.Name, v, id))
		}
	}
	out = append(out,
		keys.Sort(obj.Num, SortName, sortValue(obj.DisplayName(r.Props)), id),
		keys.Sort(obj.Num, SortCreated, sortValue(float64(r.CreatedAt)), id),
		keys.Sort(obj.Num, SortUpdated, sortValue(float64(r.UpdatedAt)), id),
	)
	for _, t := range searchTerms(obj, r.Props) {
		out = append(out, keys.Search(t, obj.Num, id))
	}
	return out
}

// sortValue encodes a stored value so that byte order is value order, or
// returns nil for no value.
func sortValue(v any) []byte {
	switch x := v.(type) {
	case float64:
		return append([]byte{tagValue}, sortableFloat(x)...)
	case bool:
		if x {
			return []byte{tagValue, 1}
		}
		return []byte{tagValue, 0}
	case string:
		if x == "" {
			return nil
		}
		folded := truncate(fold(x), maxSortBytes)
		b := make([]byte, 0, len(folded)+2)
		b = append(b, tagValue)
		b = append(b, folded...)
		return append(b, 0) // terminator: "ann" sorts before "anna" whatever the ID
	}
	return nil
}

// sortableFloat maps a float64 to 8 bytes whose order is numeric order.
func sortableFloat(f float64) []byte {
	bits := math.Float64bits(f)
	if f >= 0 {
		bits ^= 1 << 63
	} else {
		bits = ^bits
	}
	return binary.BigEndian.AppendUint64(nil, bits)
}

func unsortableFloat(b []byte) float64 {
	bits := binary.BigEndian.Uint64(b)
	if bits&(1<<63) != 0 {
		bits ^= 1 << 63
	} else {
		bits = ^bits
	}
	return math.Float64frombits(bits)
}

// fold is the form used in sort and search keys: lowercase, without accents
// (so "Émile" sorts with the Es and "emile" finds it).
func fold(s string) string {
	if isPlainASCII(s) {
		return strings.ToLower(s) // the common case, without the Unicode pass
	}
	return strings.Map(func(r rune) rune {
		if r == 0 || unicode.Is(unicode.Mn, r) {
			return -1
		}
		return unicode.ToLower(r)
	}, norm.NFD.String(s))
}

// truncate cuts s to at most n bytes on a rune boundary.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// maxTermBytes bounds a search term.
const maxTermBytes = 64

// searchTerms are the words typeahead matches by prefix: the display name,
// each of its words, the email and its domain, and web domains.
func searchTerms(obj *schema.ObjectDef, props map[string]any) []string {
	seen := map[string]bool{}
	var out []string
	add := func(s string) {
		s = truncate(strings.TrimSpace(fold(s)), maxTermBytes)
		if s != "" && !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	name := obj.DisplayName(props)
	add(name)
	for _, w := range strings.FieldsFunc(name, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		add(w)
	}
	for _, p := range obj.Properties {
		s, _ := props[p.Name].(string)
		switch {
		case s == "":
		case p.Type == schema.Email:
			add(s)
			if at := strings.LastIndexByte(s, '@'); at >= 0 {
				add(s[at+1:])
			}
		case p.Type == schema.URL:
			add(schema.HostOf(s))
		}
	}
	return out
}

func isPlainASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] == 0 || s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
