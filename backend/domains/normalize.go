// Package domains gives company domains one canonical form (Normalize),
// holds the free-mail and exclusion lists the automatic contact–company
// association consults, and stores the user's edits of those lists as
// settings through the change log.
package domains

import (
	"errors"
	"fmt"
	"net/netip"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/idna"

	"fieldbook/backend/errs"
)

const (
	maxLabel = 63   // bytes of one label, as DNS allows
	maxName  = 253  // bytes of a whole name, as DNS allows
	maxInput = 2048 // bytes of a web address worth reading for its domain
	maxShown = 40   // runes of a refused value quoted in its error
)

// Normalize returns the canonical form of a company domain given as a bare
// domain (acme.com) or a web address (https://www.acme.com/about): lower
// case, in ASCII (an internationalised name in its xn-- punycode form),
// without scheme, user, port, path, query, fragment, trailing dots or a
// leading "www." (repeatedly, so that the result is its own canonical form:
// www.www.acme.com is acme.com; www.com stays). Subdomains are kept:
// info.acme.com is not acme.com.
// A value that is no domain is refused with an errs.Invalid error on the
// field "domain" saying why.
func Normalize(s string) (string, error) { return normalize("domain", s, false) }

// OfEmail returns the canonical domain (as Normalize) of an email
// address's part after its last '@'. Errors name the field "email".
func OfEmail(email string) (string, error) {
	const field = "email"
	if !utf8.ValidString(email) {
		return "", errs.Invalid(field, "The email address contains characters that are not valid text (invalid UTF-8).")
	}
	email = strings.TrimSpace(email)
	at := strings.LastIndexByte(email, '@')
	if at < 0 || at == len(email)-1 {
		return "", errs.Invalid(field, fmt.Sprintf("%q has no domain after an @, as in name@example.com.", short(email)))
	}
	return normalize(field, email[at+1:], true)
}

// Display returns the form of a canonical domain to show a person: its
// xn-- labels in Unicode (xn--mnchen-3ya.de is münchen.de). A value that
// does not convert is returned as it is.
func Display(canonical string) string {
	if !strings.Contains(canonical, "xn--") {
		return canonical
	}
	u, err := idna.Lookup.ToUnicode(canonical)
	if err != nil {
		return canonical
	}
	return u
}

var errEmptyPunycode = errors.New("an xn-- label with nothing after it")

// normalize is Normalize for field; bare takes s as a host alone (an
// email's domain), without scheme, user, port or path.
func normalize(field, s string, bare bool) (string, error) {
	if !utf8.ValidString(s) {
		return "", errs.Invalid(field, "The domain contains characters that are not valid text (invalid UTF-8).")
	}
	s = strings.TrimSpace(s)
	bad := func(format string) error { return errs.Invalid(field, fmt.Sprintf(format, short(s))) }
	switch {
	case s == "":
		return "", errs.Invalid(field, "Enter a domain such as example.com.")
	case len(s) > maxInput:
		return "", bad("%q is too long to be a domain or a web address.")
	}
	host := s
	if !bare {
		var ok bool
		if host, ok = hostOf(s); !ok {
			return "", bad("%q is not a domain or a web address: enter a domain such as example.com or an address starting with http:// or https://.")
		}
	}
	if strings.HasPrefix(host, "[") {
		return "", bad("%q is an IP address; enter a domain name such as example.com.")
	}
	for _, r := range host {
		switch {
		case unicode.IsSpace(r):
			return "", bad("%q contains spaces; a domain has none.")
		case r < 0x80 && !isHostByte(byte(r)), unicode.IsControl(r):
			return "", bad("%q contains characters a domain cannot have (only letters, digits, hyphens and dots).")
		}
	}
	host = strings.TrimRight(strings.ToLower(host), ".")
	if host == "" {
		return "", bad("%q has no domain in it; enter one such as example.com.")
	}
	if last := host[len(host)-1]; '0' <= last && last <= '9' || strings.Contains(host, ":") {
		if _, err := netip.ParseAddr(host); err == nil {
			return "", bad("%q is an IP address; enter a domain name such as example.com.")
		}
	}
	ascii := host
	if !isASCII(host) || strings.Contains(host, "--") {
		// IDNA's mapping and checks; a plain ASCII name (the common case)
		// needs only those of checkName, which it would pass the same way.
		var err error
		ascii, err = idna.Lookup.ToASCII(host)
		if err == nil && (strings.HasPrefix(host, "xn--.") || strings.Contains(host, ".xn--.") || strings.HasSuffix(host, ".xn--")) {
			err = errEmptyPunycode // idna decodes it to an empty label
		}
		if err != nil {
			return "", idnaError(field, s, host)
		}
	}
	ascii = strings.TrimRight(ascii, ".") // an ideographic full stop maps to a trailing dot
	if err := checkName(ascii); err != "" {
		return "", bad("%q " + err)
	}
	// Strip "www." while a domain remains (see Normalize).
	for strings.HasPrefix(ascii, "www.") && strings.Contains(ascii[len("www."):], ".") {
		ascii = ascii[len("www."):]
	}
	return ascii, nil
}

// hostOf returns the host of a bare domain or an http(s) web address,
// without user or port, and false for another scheme or a malformed port.
func hostOf(s string) (string, bool) {
	rest := s
	sep := strings.Index(s, "://")
	if sep >= 0 {
		switch strings.ToLower(s[:sep]) {
		case "http", "https":
			rest = s[sep+len("://"):]
		default:
			return "", false
		}
	} else {
		rest = strings.TrimPrefix(s, "//") // a scheme-relative address
	}
	if i := strings.IndexAny(rest, "/?#\\"); i >= 0 {
		rest = rest[:i]
	}
	if at := strings.LastIndexByte(rest, '@'); at >= 0 {
		// Without "://", a colon before the @ is a scheme (mailto:a@b.com),
		// not a user's password.
		if c := strings.IndexByte(rest, ':'); sep < 0 && c >= 0 && c < at {
			return "", false
		}
		rest = rest[at+1:]
	}
	if strings.HasPrefix(rest, "[") { // an IPv6 literal, refused by the caller
		return rest, true
	}
	if i := strings.LastIndexByte(rest, ':'); i >= 0 {
		// A port is digits; anything else is a scheme such as mailto: or
		// javascript:, or no address at all.
		port := rest[i+1:]
		if len(port) > 5 || strings.Trim(port, "0123456789") != "" {
			return "", false
		}
		rest = rest[:i]
	}
	return rest, true
}

// isHostByte reports whether an ASCII byte may appear in a host before its
// IDN mapping: letters of either case, digits, hyphens and dots.
func isHostByte(b byte) bool {
	return 'a' <= b && b <= 'z' || 'A' <= b && b <= 'Z' || '0' <= b && b <= '9' || b == '-' || b == '.'
}

// checkName returns what is wrong with an ASCII host, or "" when it is a
// domain: the end of a sentence starting with the quoted value.
func checkName(name string) string {
	if len(name) > maxName {
		return fmt.Sprintf("is longer than the %d characters a domain can have.", maxName)
	}
	if !strings.Contains(name, ".") {
		return "is not a full domain: it needs a dot, as in example.com."
	}
	var l string
	for rest := name; rest != ""; {
		l, rest, _ = strings.Cut(rest, ".")
		switch {
		case l == "":
			return "has two dots in a row or starts with a dot."
		case len(l) > maxLabel:
			return fmt.Sprintf("has a part longer than the %d characters allowed between dots.", maxLabel)
		case l[0] == '-' || l[len(l)-1] == '-':
			return "has a part that starts or ends with a hyphen."
		}
		for i := 0; i < len(l); i++ {
			if c := l[i]; !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-') {
				return "contains characters a domain cannot have (only letters, digits, hyphens and dots)."
			}
		}
	}
	if strings.Trim(l, "0123456789") == "" { // the last label
		return "looks like an IP address; enter a domain name such as example.com."
	}
	return ""
}

// idnaError explains why the IDN conversion of host (from the value s)
// failed, in words a person can act on (the idna package's errors name
// rules of UTS #46).
func idnaError(field, s, host string) error {
	bad := func(format string) error { return errs.Invalid(field, fmt.Sprintf(format, short(s))) }
	for _, l := range strings.Split(host, ".") {
		switch {
		case strings.HasPrefix(l, "xn--"):
			if u, err := idna.Lookup.ToUnicode(l); err != nil || u == "" {
				return bad("%q has an xn-- part that is not valid punycode.")
			}
		case l == "":
			return bad("%q has two dots in a row or starts with a dot.")
		case strings.HasPrefix(l, "-") || strings.HasSuffix(l, "-"):
			return bad("%q has a part that starts or ends with a hyphen.")
		case len(l) >= 4 && l[2] == '-' && l[3] == '-':
			return bad("%q has a part with \"--\" as its 3rd and 4th characters, which only xn-- names may have.")
		}
	}
	return bad("%q contains characters a domain cannot have (only letters, digits, hyphens and dots).")
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// short keeps error messages readable when the refused value is huge.
func short(s string) string {
	if utf8.RuneCountInString(s) <= maxShown {
		return s
	}
	return string([]rune(s)[:maxShown]) + "…"
}
