// Package csvfile reads CSV files as people have them — UTF-8 with or
// without a BOM, UTF-16 with a BOM or Windows-1252; comma, semicolon or tab
// separated; quoted values spanning lines — and writes CSV that spreadsheet
// apps open safely.
package csvfile

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/transform"
)

// Limits on one record, so a wrong or damaged file is a RowError rather
// than an out-of-memory.
const (
	MaxField  = 1 << 20 // bytes in one value
	MaxFields = 2000    // values in one record
	maxRecord = 16 << 20
)

// RowError is a record the Reader could not read. The next Read continues
// with the following line.
type RowError struct {
	Line    int // physical line of the file, 1-based
	Message string
}

func (e *RowError) Error() string { return fmt.Sprintf("Line %d: %s", e.Line, e.Message) }

// decoding is how a record's bytes become strings.
type decoding int

const (
	// decUTF8 keeps the bytes. Invalid UTF-8 after the sample (which was
	// valid) does not fail the file: each run of invalid bytes in a value
	// becomes one U+FFFD.
	decUTF8 decoding = iota
	// decASCIISoFar is a file without BOM whose sample was plain ASCII,
	// which UTF-8 and Windows-1252 read alike: the first record with other
	// bytes settles which it is. Records before it decode the same either way.
	decASCIISoFar
	decWindows1252
)

// Reader reads records from a CSV file, detecting its format from the first
// 64 KiB.
type Reader struct {
	src      io.Reader
	buf      []byte
	pos, end int
	base     int64 // file offset of buf[0], for ASCII-compatible encodings
	srcErr   error // set once src fails or ends (io.EOF)
	raw      *countingReader

	format  Format
	dec     decoding
	delim   byte
	special [256]bool // bytes that end an unquoted run

	line     int // physical line of buf[pos]
	recLine  int
	afterBOM bool // the next record is the first, after a BOM

	rec     []byte // the record's values, back to back
	ends    []int  // where each value ends in rec
	discard bool   // the record has failed: parse on to its end, keep nothing
	err     *RowError
}

// quotedSpecial are the bytes that end a run inside quotes.
var quotedSpecial = [256]bool{'"': true, '\n': true, '\r': true}

// cp1252 maps the bytes 0x80–0xFF of Windows-1252 to runes.
var cp1252 = func() (t [128]rune) {
	for i := range t {
		t[i] = charmap.Windows1252.DecodeByte(byte(0x80 + i))
	}
	return t
}()

// NewReader detects the file's encoding (a BOM; else whether the first
// 64 KiB are valid UTF-8, failing which Windows-1252) and its delimiter (the
// one of , ; TAB that occurs outside quotes the same number of times on the
// most of the first lines; ties prefer , then ; then TAB), then decodes to
// UTF-8 while streaming. Only an error reading src fails it.
func NewReader(src io.Reader) (*Reader, error) {
	buf := make([]byte, sampleSize)
	n, err := io.ReadFull(src, buf)
	r := &Reader{src: src, buf: buf, end: n, line: 1}
	switch err {
	case nil:
	case io.EOF, io.ErrUnexpectedEOF:
		r.srcErr = io.EOF
	default:
		return nil, err
	}
	truncated := r.srcErr == nil
	sample := buf[:n]
	encoding, bom := detectEncoding(sample, truncated)
	r.format.Encoding = encoding
	r.pos, r.afterBOM = bom, bom > 0
	text := sample[bom:]
	switch encoding {
	case UTF16LE, UTF16BE:
		text, _ = utf16Decoder(encoding).Bytes(text[:len(text)&^1])
		var rest io.Reader = bytes.NewReader(sample[bom:])
		if truncated {
			rest = io.MultiReader(rest, src)
		}
		r.raw = &countingReader{r: rest, n: int64(bom)}
		r.src = transform.NewReader(r.raw, utf16Decoder(encoding))
		r.buf = make([]byte, sampleSize)
		r.pos, r.end, r.srcErr = 0, 0, nil
	case Windows1252:
		r.dec = decWindows1252
	case UTF8:
		if isASCII(sample) {
			r.dec = decASCIISoFar
		}
	}
	r.delim = detectDelimiter(text, truncated)
	r.format.Delimiter = rune(r.delim)
	for _, c := range []byte{r.delim, '"', '\n', '\r'} {
		r.special[c] = true
	}
	return r, nil
}

// Format is the encoding and delimiter found. A file whose first 64 KiB are
// plain ASCII reads as UTF-8 until a record shows it is Windows-1252, from
// which point Format says so.
func (r *Reader) Format() Format { return r.format }

// Line is the physical line (1-based) where the last record, or the record
// of the last RowError, began.
func (r *Reader) Line() int { return r.recLine }

// Offset is how many bytes of the file have been consumed: exact for UTF-8
// and Windows-1252, a little ahead for UTF-16 (its decoder reads ahead);
// the file's size once Read has returned io.EOF.
func (r *Reader) Offset() int64 {
	if r.raw != nil {
		return r.raw.n
	}
	return r.base + int64(r.pos)
}

// Read returns the next record's values, untrimmed, or io.EOF at the end.
// Quoted values may hold newlines (kept as they are), the delimiter and
// doubled quotes. Blank lines are skipped. Records need not have the same
// number of values. A malformed or oversized record is a *RowError, and the
// next Read continues after it; any other error is from reading the file.
func (r *Reader) Read() ([]string, error) {
	r.rec, r.ends, r.discard, r.err = r.rec[:0], r.ends[:0], false, nil
	for {
		c, ok := r.peek()
		if !ok {
			if err := r.readFailure(); err != nil {
				return nil, err
			}
			return nil, io.EOF
		}
		if c != '\n' && c != '\r' {
			break
		}
		r.pos++
		r.endLine(c)
	}
	r.recLine = r.line
	for {
		var done bool
		var err error
		if c, ok := r.peek(); ok && c == '"' {
			r.pos++
			done, err = r.quoted()
		} else {
			done, err = r.unquoted()
		}
		if err != nil {
			return nil, err
		}
		if done {
			break
		}
	}
	if r.err != nil {
		return nil, r.err
	}
	return r.fields(), nil
}

// unquoted reads a value that does not start with a quote, and its
// delimiter or line end; done says the record ended.
func (r *Reader) unquoted() (done bool, err error) {
	for {
		if r.pos == r.end && !r.fill() {
			if err := r.readFailure(); err != nil {
				return true, err
			}
			r.endField()
			return true, nil
		}
		chunk := r.buf[r.pos:r.end]
		i := 0
		for i < len(chunk) && !r.special[chunk[i]] {
			i++
		}
		r.add(chunk[:i])
		if i == len(chunk) {
			r.pos = r.end
			continue
		}
		c := chunk[i]
		r.pos += i + 1
		switch c {
		case r.delim:
			r.endField()
			return false, nil
		case '"':
			return true, r.malformed(r.line, fmt.Sprintf(
				"column %d has a quote (\") inside a value that does not start with one; put the whole value in quotes and write each quote inside it twice (\"\")",
				r.column()))
		default:
			r.endLine(c)
			r.endField()
			return true, nil
		}
	}
}

// quoted reads a value after its opening quote, up to and with the
// delimiter or line end after its closing quote.
func (r *Reader) quoted() (done bool, err error) {
	start := r.line
	for {
		if r.pos == r.end && !r.fill() {
			if err := r.readFailure(); err != nil {
				return true, err
			}
			r.fail(start, fmt.Sprintf(
				"the quoted value in column %d is not closed, so the rest of the file was read as part of it; add the closing quote (\")",
				r.column()))
			return true, r.err
		}
		chunk := r.buf[r.pos:r.end]
		i := 0
		for i < len(chunk) && !quotedSpecial[chunk[i]] {
			i++
		}
		if i == len(chunk) {
			r.add(chunk)
			r.pos = r.end
			continue
		}
		c := chunk[i]
		r.pos += i + 1
		if c != '"' {
			r.add(chunk[:i+1])
			if c == '\n' {
				r.line++
			} else if next, ok := r.peek(); !ok || next != '\n' {
				r.line++ // a lone CR; CRLF counts at its LF
			}
			continue
		}
		r.add(chunk[:i])
		next, ok := r.peek()
		switch {
		case !ok:
			if err := r.readFailure(); err != nil {
				return true, err
			}
			r.endField()
			return true, nil
		case next == '"':
			r.pos++
			r.add([]byte{'"'})
		case next == r.delim:
			r.pos++
			r.endField()
			return false, nil
		case next == '\n' || next == '\r':
			r.pos++
			r.endLine(next)
			r.endField()
			return true, nil
		default:
			return true, r.malformed(r.line, fmt.Sprintf(
				"column %d has text after its closing quote; a quoted value must end at the %s or the end of the line, and a quote inside it is written twice (\"\")",
				r.column(), delimiterName(r.delim)))
		}
	}
}

// peek returns the next byte without consuming it; false at the end of the
// input or on a read error.
func (r *Reader) peek() (byte, bool) {
	if r.pos == r.end && !r.fill() {
		return 0, false
	}
	return r.buf[r.pos], true
}

// fill reads into the exhausted buffer; false when nothing more comes.
func (r *Reader) fill() bool {
	if r.srcErr != nil {
		return false
	}
	r.base += int64(r.end)
	r.pos, r.end = 0, 0
	for tries := 0; r.end == 0; tries++ {
		if tries == 100 {
			r.srcErr = io.ErrNoProgress
			break
		}
		n, err := r.src.Read(r.buf)
		r.end = n
		if err != nil {
			r.srcErr = err
			break
		}
	}
	return r.end > 0
}

// readFailure is the error reading the file, nil at its plain end.
func (r *Reader) readFailure() error {
	if r.srcErr == io.EOF {
		return nil
	}
	return r.srcErr
}

// endLine counts a line end whose first byte c was just consumed, taking
// the LF of a CRLF with it.
func (r *Reader) endLine(c byte) {
	if c == '\r' {
		if next, ok := r.peek(); ok && next == '\n' {
			r.pos++
		}
	}
	r.line++
}

// malformed fails the record and skips the rest of its physical line, where
// reading resumes.
func (r *Reader) malformed(line int, message string) error {
	r.fail(line, message)
	for {
		if r.pos == r.end && !r.fill() {
			return r.err
		}
		chunk := r.buf[r.pos:r.end]
		i := bytes.IndexAny(chunk, "\r\n")
		if i < 0 {
			r.pos = r.end
			continue
		}
		r.pos += i + 1
		r.endLine(chunk[i])
		return r.err
	}
}

// fail records the record's first problem; the rest of it is parsed but not kept.
func (r *Reader) fail(line int, message string) {
	if r.err == nil {
		r.err = &RowError{Line: line, Message: message}
	}
	r.discard = true
}

// column is the 1-based number of the value being read.
func (r *Reader) column() int { return len(r.ends) + 1 }

// add appends bytes to the value being read, within the limits.
func (r *Reader) add(b []byte) {
	if r.discard || len(b) == 0 {
		return
	}
	start := 0
	if len(r.ends) > 0 {
		start = r.ends[len(r.ends)-1]
	}
	switch {
	case len(r.rec)-start+len(b) > MaxField:
		r.fail(r.recLine, fmt.Sprintf("column %d is longer than 1 MiB, the most one value may hold", r.column()))
	case len(r.rec)+len(b) > maxRecord:
		r.fail(r.recLine, "the row is longer than 16 MiB, the most one row may hold")
	default:
		r.rec = append(r.rec, b...)
	}
}

// endField ends the value being read.
func (r *Reader) endField() {
	if r.discard {
		return
	}
	if len(r.ends) == MaxFields {
		r.fail(r.recLine, fmt.Sprintf("the row has more than %d columns, the most one row may have", MaxFields))
		return
	}
	r.ends = append(r.ends, len(r.rec))
}

// fields decodes the record read into strings.
func (r *Reader) fields() []string {
	raw := r.rec
	if r.dec == decASCIISoFar && !isASCII(raw) {
		if utf8.Valid(raw) {
			r.dec = decUTF8
		} else {
			r.dec = decWindows1252
			r.format.Encoding = Windows1252
		}
	}
	clean := true // raw is valid UTF-8 as it is
	switch r.dec {
	case decUTF8:
		clean = utf8.Valid(raw)
	case decWindows1252:
		clean = isASCII(raw)
	}
	out := make([]string, len(r.ends))
	start := 0
	if clean {
		s := string(raw) // one allocation for the record
		for i, end := range r.ends {
			out[i], start = s[start:end], end
		}
	} else {
		for i, end := range r.ends {
			out[i], start = r.decode(raw[start:end]), end
		}
	}
	if r.afterBOM {
		// A second BOM (some tools add one to a file that has one) is not
		// part of the first header.
		r.afterBOM = false
		out[0] = strings.TrimPrefix(out[0], "\uFEFF")
	}
	return out
}

// decode turns one value that is not plain UTF-8 into a string.
func (r *Reader) decode(b []byte) string {
	if r.dec == decUTF8 {
		return strings.ToValidUTF8(string(b), "\uFFFD")
	}
	var sb strings.Builder
	sb.Grow(len(b) + len(b)/2)
	for _, c := range b {
		if c < 0x80 {
			sb.WriteByte(c)
		} else {
			sb.WriteRune(cp1252[c-0x80])
		}
	}
	return sb.String()
}

func isASCII(b []byte) bool {
	for len(b) >= 8 {
		if binary.LittleEndian.Uint64(b)&0x8080808080808080 != 0 {
			return false
		}
		b = b[8:]
	}
	for _, c := range b {
		if c >= 0x80 {
			return false
		}
	}
	return true
}

func delimiterName(d byte) string {
	switch d {
	case ';':
		return "semicolon"
	case '\t':
		return "tab"
	}
	return "comma"
}

// countingReader counts the bytes read through it.
type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}
