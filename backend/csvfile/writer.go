package csvfile

import (
	"bufio"
	"io"
	"strings"
)

// Writer writes CSV for spreadsheet apps: UTF-8 with a BOM first (so Excel
// does not read it as the local code page), CRLF line ends, RFC 4180 quoting,
// and every value escaped with EscapeFormula.
type Writer struct {
	w       *bufio.Writer
	started bool
}

func NewWriter(w io.Writer) *Writer {
	return &Writer{w: bufio.NewWriterSize(w, 64<<10)}
}

// Write writes one record. Errors are sticky: once writing fails, every
// later Write and Flush returns the error.
func (w *Writer) Write(fields []string) error {
	w.start()
	for i, field := range fields {
		if i > 0 {
			w.w.WriteByte(',')
		}
		field = EscapeFormula(field)
		// A record of one empty value is written "" so it is not a blank
		// line, which readers skip.
		if strings.ContainsAny(field, ",\"\r\n") || len(fields) == 1 && field == "" {
			w.writeQuoted(field)
		} else {
			w.w.WriteString(field)
		}
	}
	_, err := w.w.WriteString("\r\n")
	return err
}

// Flush writes what is buffered (and the BOM, even for a file of no records).
func (w *Writer) Flush() error {
	w.start()
	return w.w.Flush()
}

func (w *Writer) start() {
	if !w.started {
		w.started = true
		w.w.WriteString("\uFEFF")
	}
}

func (w *Writer) writeQuoted(field string) {
	w.w.WriteByte('"')
	for {
		i := strings.IndexByte(field, '"')
		if i < 0 {
			break
		}
		w.w.WriteString(field[:i+1])
		w.w.WriteByte('"')
		field = field[i+1:]
	}
	w.w.WriteString(field)
	w.w.WriteByte('"')
}

// EscapeFormula keeps a spreadsheet from running a value as a formula: a
// value starting with = + - @ TAB or CR gets a leading apostrophe, which
// spreadsheets hide and read as "text". So does a value of apostrophes
// followed by such a start, so UnescapeFormula can tell the apostrophe it
// added from one that was there.
func EscapeFormula(s string) string {
	if needsEscape(s) {
		return "'" + s
	}
	return s
}

// UnescapeFormula undoes EscapeFormula exactly; a value EscapeFormula could
// not have produced, like "'Tis", comes back unchanged.
func UnescapeFormula(s string) string {
	if len(s) > 0 && s[0] == '\'' && needsEscape(s[1:]) {
		return s[1:]
	}
	return s
}

// needsEscape says s, after any leading apostrophes, starts like a formula.
func needsEscape(s string) bool {
	s = strings.TrimLeft(s, "'")
	if s == "" {
		return false
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return true
	}
	return false
}
