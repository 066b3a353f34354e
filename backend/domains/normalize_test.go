package domains

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/require"
	"golang.org/x/net/idna"

	"fieldbook/backend/errs"
)

func TestNormalizeCanonicalForms(t *testing.T) {
	for in, want := range map[string]string{
		"acme.com":                           "acme.com",
		"  Acme.COM  ":                       "acme.com",
		"www.acme.com":                       "acme.com",
		"WWW.Acme.com":                       "acme.com",
		"www.www.acme.com":                   "acme.com", // stripped until a fixed point
		"www.com":                            "www.com",  // no domain would remain
		"info.acme.com":                      "info.acme.com",
		"www.info.acme.com":                  "info.acme.com",
		"shop.www.acme.com":                  "shop.www.acme.com",
		"acme.com.":                          "acme.com",
		"acme.com...":                        "acme.com",
		"http://acme.com":                    "acme.com",
		"https://www.Acme.com/about":         "acme.com",
		"HTTPS://user:pw@www.acme.com:443/x": "acme.com",
		"https://acme.com?q=1":               "acme.com",
		"https://acme.com#top":               "acme.com",
		"https://acme.com.:8080/":            "acme.com",
		"acme.com:8080":                      "acme.com",
		"acme.com/path/to?x=y#z":             "acme.com",
		"//acme.com/x":                       "acme.com",
		"a@acme.com":                         "acme.com",
		"xn--mnchen-3ya.de":                  "xn--mnchen-3ya.de",
		"XN--MNCHEN-3YA.DE":                  "xn--mnchen-3ya.de",
		"münchen.de":                         "xn--mnchen-3ya.de",
		"MÜNCHEN.DE":                         "xn--mnchen-3ya.de",
		"HTTPS://WWW.München.DE:8080/x?y#z":  "xn--mnchen-3ya.de",
		"münchen.de.":                        "xn--mnchen-3ya.de",
		"münchen。de":                         "xn--mnchen-3ya.de", // ideographic full stop
		"ｍｕｎｃｈｅｎ.de":                         "munchen.de",        // full-width letters map to ASCII
		"bücher.例え.jp":                       "xn--bcher-kva.xn--r8jz45g.jp",
		"straße.de":                          "xn--strae-oqa.de", // non-transitional: ß stays
		"9gag.com":                           "9gag.com",
		"acme.com\u200b":                     "acme.com", // IDNA maps a zero-width space to nothing
		"a-b.co.uk":                          "a-b.co.uk",
		strings.Repeat("a", 63) + ".com":     strings.Repeat("a", 63) + ".com",
	} {
		got, err := Normalize(in)
		require.NoError(t, err, in)
		require.Equal(t, want, got, in)
		again, err := Normalize(got)
		require.NoError(t, err, got)
		require.Equal(t, got, again, "idempotent for %q", in)
	}
}

func TestNormalizeRefusesWhatIsNoDomain(t *testing.T) {
	long := strings.Repeat("a", 64) + ".com"
	name254 := strings.Repeat(strings.Repeat("a", 49)+".", 5) + "abcd" // 254 bytes
	require.Len(t, name254, 254)
	for in, says := range map[string]string{
		"":                          "Enter a domain",
		"   ":                       "Enter a domain",
		"acme":                      "needs a dot",
		"localhost:8080":            "needs a dot",
		"https://":                  "has no domain",
		"127.0.0.1":                 "IP address",
		"http://10.0.0.1:80/x":      "IP address",
		"[::1]":                     "IP address",
		"http://[2001:db8::1]/":     "IP address",
		"1.2.3":                     "IP address",
		"acme .com":                 "spaces",
		"acme\t.com":                "spaces",
		"ac_me.com":                 "characters a domain cannot have",
		"acme.com<script>":          "characters a domain cannot have",
		"<b>acme</b>.com":           "characters a domain cannot have",
		"ac%6De.com":                "characters a domain cannot have",
		"ac\x00me.com":              "characters a domain cannot have",
		"ftp://acme.com":            "not a domain or a web address",
		"mailto:a@acme.com":         "not a domain or a web address",
		"javascript:alert(1)":       "not a domain or a web address",
		"acme.com:http":             "not a domain or a web address",
		long:                        "longer than the 63",
		name254:                     "longer than the 253",
		"-acme.com":                 "starts or ends with a hyphen",
		"acme-.com":                 "starts or ends with a hyphen",
		"acme.-com":                 "starts or ends with a hyphen",
		"acme..com":                 "two dots in a row",
		".acme.com":                 "two dots in a row",
		"xn--zzzzzzzzz.com":         "not valid punycode",
		"xn--abc.com":               "not valid punycode", // decodes to ASCII only
		"xn--.com":                  "not valid punycode",
		"ab--cd.com":                "3rd and 4th",
		"a\u0080b.com":              "characters a domain cannot have", // a C1 control
		"acme\ue000.com":            "characters a domain cannot have", // private use, disallowed by IDNA
		"acme\u00a0.com":            "spaces",
		"user:pw@acme.com":          "not a domain or a web address",
		strings.Repeat("a", 100000): "too long",
	} {
		_, err := Normalize(in)
		require.Error(t, err, "%q", in)
		e := errs.As(err)
		require.Equal(t, errs.CodeInvalid, e.Code, "%q", in)
		require.Equal(t, "domain", e.Field, "%q", in)
		require.Contains(t, e.Message, says, "%q", in)
		require.LessOrEqual(t, utf8.RuneCountInString(e.Message), 250, "the value is quoted shortened")
	}
}

func TestNormalizeRefusesInvalidUTF8(t *testing.T) {
	_, err := Normalize("acme\xff.com")
	require.True(t, errs.HasCode(err, errs.CodeInvalid))
	require.Contains(t, errs.As(err).Message, "invalid UTF-8")
	require.NotContains(t, errs.As(err).Message, "\xff", "the invalid bytes are not echoed")
}

func TestDisplay(t *testing.T) {
	for in, want := range map[string]string{
		"xn--mnchen-3ya.de":            "münchen.de",
		"acme.com":                     "acme.com",
		"xn--bcher-kva.xn--r8jz45g.jp": "bücher.例え.jp",
		"xn--zzzzzzzzz.com":            "xn--zzzzzzzzz.com", // not convertible: as it is
		"":                             "",
	} {
		require.Equal(t, want, Display(in), in)
	}
}

func TestOfEmail(t *testing.T) {
	for in, want := range map[string]string{
		"ann@acme.com":             "acme.com",
		" Ann@ACME.com ":           "acme.com",
		"ann@info.acme.com":        "info.acme.com",
		"ann@www.acme.com":         "acme.com",
		"ann@münchen.de":           "xn--mnchen-3ya.de",
		"\"a@b\"@acme.com":         "acme.com", // the last @ counts
		"ann@xn--mnchen-3ya.de.":   "xn--mnchen-3ya.de",
		"ann.lee+crm@sub.acme.org": "sub.acme.org",
	} {
		got, err := OfEmail(in)
		require.NoError(t, err, in)
		require.Equal(t, want, got, in)
	}
	for in, says := range map[string]string{
		"":                 "no domain after an @",
		"ann":              "no domain after an @",
		"ann@":             "no domain after an @",
		"ann@acme":         "needs a dot",
		"ann@acme.com/x":   "characters a domain cannot have",
		"ann@acme.com:25":  "characters a domain cannot have",
		"ann@http://a.com": "characters a domain cannot have",
		"ann@127.0.0.1":    "IP address",
		"ann@[127.0.0.1]":  "IP address",
		"ann@acme .com":    "spaces",
		"ann@\xffacme.com": "invalid UTF-8",
		"ann@xn--a.com":    "not valid punycode",
	} {
		_, err := OfEmail(in)
		require.Error(t, err, "%q", in)
		e := errs.As(err)
		require.Equal(t, errs.CodeInvalid, e.Code, "%q", in)
		require.Equal(t, "email", e.Field, "%q", in)
		require.Contains(t, e.Message, says, "%q", in)
	}
}

func FuzzNormalize(f *testing.F) {
	for _, s := range []string{
		"acme.com", "https://www.Acme.com/about", "HTTPS://WWW.München.DE:8080/x?y#z",
		"münchen.de.", "xn--mnchen-3ya.de", "www.www.com", "a@b.c", "[::1]:80",
		"ab--cd.com", "münchen。de", "ｍｕｎｃｈｅｎ.de", "\xff", "",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out, err := Normalize(s)
		if err != nil {
			e := errs.As(err)
			if e.Code != errs.CodeInvalid || e.Field != "domain" || e.Message == "" {
				t.Fatalf("Normalize(%q): not an invalid-domain error: %v", s, err)
			}
			if out != "" {
				t.Fatalf("Normalize(%q) = %q with an error", s, out)
			}
			return
		}
		for i := 0; i < len(out); i++ {
			if c := out[i]; c >= 0x80 || 'A' <= c && c <= 'Z' {
				t.Fatalf("Normalize(%q) = %q: not lower-case ASCII", s, out)
			}
		}
		if out == "" || strings.HasSuffix(out, ".") || len(out) > maxName {
			t.Fatalf("Normalize(%q) = %q", s, out)
		}
		again, err := Normalize(out)
		if err != nil || again != out {
			t.Fatalf("Normalize(%q) = %q, but Normalize(%q) = %q, %v", s, out, out, again, err)
		}
		if viaIDNA, err := idna.Lookup.ToASCII(out); err != nil || viaIDNA != out {
			t.Fatalf("Normalize(%q) = %q, which IDNA makes %q, %v", s, out, viaIDNA, err)
		}
		if _, err := OfEmail("a@" + out); err != nil {
			t.Fatalf("OfEmail refuses the canonical %q: %v", out, err)
		}
		_ = Display(out)
	})
}
