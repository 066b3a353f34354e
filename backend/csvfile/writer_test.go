package csvfile

import (
	"bytes"
	"errors"
	"io"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestWriterOutputBytes(t *testing.T) {
	var buf bytes.Buffer
	w := NewWriter(&buf)
	require.NoError(t, w.Write([]string{"Name", "Note", "Amount"}))
	require.NoError(t, w.Write([]string{"Zoë Müller", "a, b", "-5"}))
	require.NoError(t, w.Write([]string{`say "hi"`, "line one\nline two", "=SUM(A1:A2)"}))
	require.NoError(t, w.Write([]string{"", "@home", "\tTab"}))
	require.NoError(t, w.Write([]string{"'=already", "'Tis", "+1 555, ext \"2\""}))
	require.NoError(t, w.Write([]string{""}))
	require.NoError(t, w.Write([]string{"cr\rinside", " spaced "}))
	require.NoError(t, w.Flush())
	require.Equal(t, "\xEF\xBB\xBF"+
		"Name,Note,Amount\r\n"+
		"Zoë Müller,\"a, b\",'-5\r\n"+
		"\"say \"\"hi\"\"\",\"line one\nline two\",'=SUM(A1:A2)\r\n"+
		",'@home,'\tTab\r\n"+
		"''=already,'Tis,\"'+1 555, ext \"\"2\"\"\"\r\n"+
		"\"\"\r\n"+
		"\"cr\rinside\", spaced \r\n",
		buf.String())
}

func TestWriterWritesTheBOMForAnEmptyFile(t *testing.T) {
	var buf bytes.Buffer
	require.NoError(t, NewWriter(&buf).Flush())
	require.Equal(t, "\xEF\xBB\xBF", buf.String())
}

type failingWriter struct{ err error }

func (f failingWriter) Write([]byte) (int, error) { return 0, f.err }

func TestWriterReportsWriteErrors(t *testing.T) {
	full := errors.New("disk full")
	w := NewWriter(failingWriter{full})
	require.NoError(t, w.Write([]string{"a"}), "buffered")
	require.ErrorIs(t, w.Flush(), full)
	require.ErrorIs(t, w.Write([]string{"b"}), full, "the error stays")
}

func TestWrittenFilesReadBack(t *testing.T) {
	records := [][]string{
		{"Name", "Note", "Phone"},
		{"Zoë Müller", "multi\r\nline, \"quoted\"", "+41 44 000"},
		{"=cmd|' /C calc'!A0", "", "'-"},
		{""},
		{"  padded  ", "\t", "@"},
	}
	var buf bytes.Buffer
	w := NewWriter(&buf)
	for _, rec := range records {
		require.NoError(t, w.Write(rec))
	}
	require.NoError(t, w.Flush())

	r, err := NewReader(&buf)
	require.NoError(t, err)
	require.Equal(t, Format{Encoding: UTF8BOM, Delimiter: ','}, r.Format())
	var got [][]string
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		require.NoError(t, err)
		for i := range rec {
			rec[i] = UnescapeFormula(rec[i])
		}
		got = append(got, rec)
	}
	require.Equal(t, records, got)
}

func TestEscapeFormula(t *testing.T) {
	for in, want := range map[string]string{
		"":              "",
		"plain":         "plain",
		"=1+1":          "'=1+1",
		"+41 44":        "'+41 44",
		"-5":            "'-5",
		"@SUM(A1)":      "'@SUM(A1)",
		"\tx":           "'\tx",
		"\rx":           "'\rx",
		"'":             "'",
		"'Tis":          "'Tis",
		"'=x":           "''=x",
		"''+x":          "'''+x",
		"a=b":           "a=b",
		" =x":           " =x",
		"Zoë":           "Zoë",
		"\n=x":          "\n=x",
		"=HYPERLINK()":  "'=HYPERLINK()",
		"'''":           "'''",
		"''-":           "'''-",
		"\uFF1D(wide=)": "\uFF1D(wide=)",
	} {
		require.Equal(t, want, EscapeFormula(in), "EscapeFormula(%q)", in)
		require.Equal(t, in, UnescapeFormula(want), "UnescapeFormula(%q)", want)
	}
	for _, s := range []string{"'Tis", "'", "''", "'plain", "'a=b"} {
		require.Equal(t, s, UnescapeFormula(s), "EscapeFormula cannot produce %q", s)
	}
}
