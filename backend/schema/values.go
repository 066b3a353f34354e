package schema

import (
	"fmt"
	"math"
	"net/mail"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"fieldbook/backend/domains"
	"fieldbook/backend/errs"
)

// Length limits: generous for people, small enough that one bad paste
// cannot bloat the database.
const (
	MaxTextLen     = 4096
	MaxLongTextLen = 65536
	maxEmailLen    = 254
	maxPhoneLen    = 40
	maxURLLen      = 2048
	MaxDomains     = 50 // in one Domains value
)

// Normalize checks a value given for this property and returns it in its
// stored form: string, float64 or bool, or nil for "no value". Errors name
// the property and say what is wrong in words a person uses.
func (p Property) Normalize(v any) (any, error) {
	if v == nil {
		return nil, nil
	}
	given, isText := v.(string)
	s := given
	if isText {
		if !utf8.ValidString(s) {
			return nil, p.invalid("contains characters that are not valid text (invalid UTF-8)")
		}
		if p.Type != LongText {
			s = strings.TrimSpace(s)
		}
		if s == "" {
			return nil, nil
		}
		if s != given {
			v = s // v holds s from here on; unchanged, it stays the caller's value
		}
	}
	switch p.Type {
	case Number, Currency:
		return p.number(v)
	case Bool:
		return p.boolean(v)
	}
	check, ok := textChecks[p.Type]
	if !ok {
		return nil, p.invalid(fmt.Sprintf("has an unknown type %q", p.Type))
	}
	if !isText {
		return nil, p.invalid("must be text")
	}
	out, err := check(p, s)
	switch {
	case err != nil:
		return nil, err
	case out == s:
		return v, nil // no new any: a string put in one is an allocation, and a bulk load makes millions
	}
	return out, nil
}

// textChecks normalize the values of the types stored as text.
var textChecks = map[PropertyType]func(Property, string) (string, error){
	Text: Property.text, LongText: Property.text, Date: Property.date, DateTime: Property.dateTime,
	Dropdown: Property.option, Email: Property.email, Phone: Property.phone, URL: Property.url,
	Domains: Property.domainList,
}

func (p Property) invalid(problem string) error {
	return errs.Invalid(p.Name, p.Label+" "+problem+".")
}

func (p Property) text(s string) (string, error) {
	limit := MaxTextLen
	if p.Type == LongText {
		limit = MaxLongTextLen
	}
	if n := utf8.RuneCountInString(s); n > limit {
		return "", p.invalid(fmt.Sprintf("is too long (%d characters; at most %d)", n, limit))
	}
	for _, r := range s {
		if unicode.IsControl(r) && !(p.Type == LongText && (r == '\n' || r == '\t' || r == '\r')) {
			if p.Type == Text && (r == '\n' || r == '\r') {
				return "", p.invalid("must be a single line")
			}
			return "", p.invalid(fmt.Sprintf("contains a control character (U+%04X)", r))
		}
	}
	return s, nil
}

func (p Property) number(v any) (any, error) {
	var f float64
	switch n := v.(type) {
	case float64:
		f = n
	case int:
		f = float64(n)
	case string:
		clean := strings.NewReplacer(",", "", " ", "", "\u00a0", "").Replace(n)
		if p.Type == Currency {
			clean = strings.TrimLeft(clean, "$€£¥")
		}
		parsed, err := strconv.ParseFloat(clean, 64)
		if err != nil {
			return nil, p.invalid(fmt.Sprintf("must be a number, not %q", short(n)))
		}
		f = parsed
	default:
		return nil, p.invalid("must be a number")
	}
	if math.IsNaN(f) || math.IsInf(f, 0) || math.Abs(f) > 1e15 {
		return nil, p.invalid("must be a number between -1,000,000,000,000,000 and 1,000,000,000,000,000")
	}
	return f, nil
}

func (p Property) date(s string) (string, error) {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		return "", p.invalid(fmt.Sprintf("must be a date like 2026-03-31, not %q", short(s)))
	}
	return t.Format("2006-01-02"), nil
}

func (p Property) dateTime(s string) (string, error) {
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04", "2006-01-02T15:04:05"} {
		if t, err := time.ParseInLocation(layout, s, time.Local); err == nil {
			return t.UTC().Format(time.RFC3339), nil
		}
	}
	return "", p.invalid(fmt.Sprintf("must be a date and time like 2026-03-31T14:30, not %q", short(s)))
}

func (p Property) boolean(v any) (any, error) {
	switch b := v.(type) {
	case bool:
		return b, nil
	case string:
		switch strings.ToLower(b) {
		case "true", "yes", "y", "1":
			return true, nil
		case "false", "no", "n", "0":
			return false, nil
		}
	}
	return nil, p.invalid("must be yes or no")
}

func (p Property) option(s string) (string, error) {
	for _, o := range p.Options {
		if o.Value == s || strings.EqualFold(o.Label, s) {
			return o.Value, nil
		}
	}
	labels := make([]string, len(p.Options))
	for i, o := range p.Options {
		labels[i] = o.Label
	}
	return "", p.invalid(fmt.Sprintf("must be one of: %s (not %q)", strings.Join(labels, ", "), short(s)))
}

func (p Property) email(s string) (string, error) {
	addr, perr := mail.ParseAddress(s)
	at := strings.LastIndexByte(s, '@')
	if perr != nil || addr.Address != s || at < 1 || !strings.Contains(s[at:], ".") || len(s) > maxEmailLen {
		return "", p.invalid(fmt.Sprintf("must be an email address like ann@example.com, not %q", short(s)))
	}
	return s[:at] + strings.ToLower(s[at:]), nil
}

func (p Property) phone(s string) (string, error) {
	digits := 0
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case strings.ContainsRune(" +-().x/", r), r == 'e' || r == 't': // "ext"
		default:
			return "", p.invalid(fmt.Sprintf("must be a phone number (digits, spaces, + - ( ) .), not %q", short(s)))
		}
	}
	if digits < 3 || len(s) > maxPhoneLen {
		return "", p.invalid(fmt.Sprintf("must be a phone number, not %q", short(s)))
	}
	return s, nil
}

func (p Property) url(s string) (string, error) {
	// The host is checked as a company's domain is, so that a value
	// accepted here is one domains can match.
	if _, err := domains.Normalize(s); err != nil || len(s) > maxURLLen || strings.ContainsAny(s, " \t<>\"") {
		return "", p.invalid(fmt.Sprintf("must be a web address or domain like example.com, not %q", short(s)))
	}
	if !strings.Contains(s, "://") {
		return strings.ToLower(s), nil // a bare domain
	}
	return s, nil
}

// domainList reads one or more domains separated by semicolons, commas,
// spaces or new lines, each as domains.Normalize reads a company's domain,
// and keeps them as shown (münchen.de, not its punycode), once each.
func (p Property) domainList(s string) (string, error) {
	parts := strings.FieldsFunc(s, func(r rune) bool { return r == ';' || r == ',' || unicode.IsSpace(r) })
	if len(parts) > MaxDomains {
		return "", p.invalid(fmt.Sprintf("holds %d domains; at most %d", len(parts), MaxDomains))
	}
	out := make([]string, 0, len(parts))
	for _, part := range parts {
		d, err := domains.Normalize(part)
		if err != nil {
			return "", p.invalid(fmt.Sprintf("must be web domains like example.com separated by semicolons; %q is not a domain", short(part)))
		}
		if shown := domains.Display(d); !slices.Contains(out, shown) {
			out = append(out, shown)
		}
	}
	return strings.Join(out, domainSeparator), nil
}

// domainSeparator joins the domains of a stored Domains value.
const domainSeparator = "; "

// DomainsOf lists the domains of a stored Domains value, as shown.
func DomainsOf(v string) []string {
	if v == "" {
		return nil
	}
	return strings.Split(v, domainSeparator)
}

// HostOf returns the lowercased host of a URL or bare domain without "www.",
// or "" when it has none that looks like a domain.
func HostOf(s string) string {
	raw := s
	if !strings.Contains(raw, "://") {
		raw = "https://" + raw
	}
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") {
		return ""
	}
	host := strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
	if !strings.Contains(host, ".") || strings.HasPrefix(host, ".") || strings.HasSuffix(host, ".") {
		return ""
	}
	for _, r := range host {
		if !(r == '.' || r == '-' || unicode.IsLetter(r) || unicode.IsDigit(r)) {
			return ""
		}
	}
	return host
}

// short keeps error messages readable when the bad value is huge.
func short(s string) string {
	const max = 40
	if utf8.RuneCountInString(s) <= max {
		return s
	}
	return string([]rune(s)[:max]) + "…"
}
