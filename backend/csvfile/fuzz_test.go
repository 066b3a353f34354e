package csvfile

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"strings"
	"testing"
	"unicode/utf8"
)

func FuzzReader(f *testing.F) {
	for _, seed := range []string{
		"a,b\n1,2\n",
		"\xEF\xBB\xBFName;Note\r\n\"x;y\";\"multi\r\nline \"\"q\"\"\"\r\n",
		string(utf16Bytes("Zoë,Müller\n\"a\",b", false)),
		string(utf16Bytes("x\ty\n1\t2", true)),
		"Caf\xe9,\x80\n",
		"a,b\n\"open\n1,2\n",
		"a,\"b\"c\n5\"10,x\n\r\n\r",
		"\"\"\"\",\"\"\n,,\n",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := NewReader(bytes.NewReader(data))
		if err != nil {
			t.Fatalf("NewReader on a byte slice: %v", err)
		}
		var got [][]string
		failed := false
		last := r.Offset()
		for i := 0; ; i++ {
			if i > len(data)+1 {
				t.Fatal("Read does not reach EOF")
			}
			rec, err := r.Read()
			if r.Offset() < last {
				t.Fatalf("Offset went back from %d to %d", last, r.Offset())
			}
			last = r.Offset()
			if err == io.EOF {
				break
			}
			var rowErr *RowError
			if err != nil {
				if !errors.As(err, &rowErr) || rec != nil || rowErr.Line < r.Line() || r.Line() < 1 {
					t.Fatalf("Read: %v %q, Line %d", err, rec, r.Line())
				}
				failed = true
				continue
			}
			if rec == nil {
				t.Fatal("a record is nil")
			}
			for _, v := range rec {
				if !utf8.ValidString(v) {
					t.Fatalf("value %q is not UTF-8", v)
				}
			}
			got = append(got, rec)
		}
		if last != int64(len(data)) {
			t.Fatalf("Offset %d at EOF, file is %d bytes", last, len(data))
		}
		if !failed {
			sameAsEncodingCSV(t, r, data, got)
		}
	})
}

// sameAsEncodingCSV checks the records against encoding/csv for the files
// both read alike: UTF-8 without BOM, comma-separated, no CR (which
// encoding/csv rewrites inside quotes), no limit reached, no bad row.
func sameAsEncodingCSV(t *testing.T, r *Reader, data []byte, got [][]string) {
	if r.Format() != (Format{Encoding: UTF8, Delimiter: ','}) || !utf8.Valid(data) || bytes.IndexByte(data, '\r') >= 0 {
		return
	}
	cr := csv.NewReader(bytes.NewReader(data))
	cr.FieldsPerRecord = -1
	want, err := cr.ReadAll()
	if err != nil {
		t.Fatalf("encoding/csv refuses what Read accepted: %v", err)
	}
	if len(want) != len(got) {
		t.Fatalf("%d records, encoding/csv reads %d", len(got), len(want))
	}
	for i := range want {
		if strings.Join(want[i], "\x00") != strings.Join(got[i], "\x00") || len(want[i]) != len(got[i]) {
			t.Fatalf("record %d is %q, encoding/csv reads %q", i, got[i], want[i])
		}
	}
}

func FuzzFormula(f *testing.F) {
	for _, seed := range []string{"", "=1+1", "'=x", "'Tis", "''", "-", "\t", "a"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, s string) {
		e := EscapeFormula(s)
		if UnescapeFormula(e) != s {
			t.Fatalf("UnescapeFormula(EscapeFormula(%q)) = %q", s, UnescapeFormula(e))
		}
		if e != "" && strings.ContainsRune("=+-@\t\r", rune(e[0])) {
			t.Fatalf("EscapeFormula(%q) = %q starts like a formula", s, e)
		}
		if u := UnescapeFormula(s); u != s && EscapeFormula(u) != s {
			t.Fatalf("UnescapeFormula(%q) = %q, which EscapeFormula does not turn back", s, u)
		}
	})
}
