package csvfile

import (
	"bytes"
	"unicode/utf8"

	xencoding "golang.org/x/text/encoding"
	"golang.org/x/text/encoding/unicode"
)

// Encoding names, as Format.Encoding reports them.
const (
	UTF8        = "UTF-8"
	UTF8BOM     = "UTF-8 with BOM"
	UTF16LE     = "UTF-16LE"
	UTF16BE     = "UTF-16BE"
	Windows1252 = "Windows-1252"
)

// Format is what Detect found.
type Format struct {
	Encoding  string // "UTF-8", "UTF-8 with BOM", "UTF-16LE", "UTF-16BE", "Windows-1252"
	Delimiter rune   // ',', ';' or '\t'
}

// sampleSize is how much of the file detection looks at.
const sampleSize = 64 << 10

// detectLines is how many records of the sample vote on the delimiter.
const detectLines = 20

// detectEncoding names the encoding from a BOM, else from whether the sample
// is valid UTF-8, and returns the BOM's length. truncated says the file goes
// on after the sample, so a character cut at its end is not invalid.
func detectEncoding(sample []byte, truncated bool) (string, int) {
	switch {
	case bytes.HasPrefix(sample, []byte{0xEF, 0xBB, 0xBF}):
		return UTF8BOM, 3
	case bytes.HasPrefix(sample, []byte{0xFF, 0xFE}):
		return UTF16LE, 2
	case bytes.HasPrefix(sample, []byte{0xFE, 0xFF}):
		return UTF16BE, 2
	}
	if truncated {
		sample = trimCutRune(sample)
	}
	if utf8.Valid(sample) {
		return UTF8, 0
	}
	return Windows1252, 0
}

// trimCutRune drops an incomplete UTF-8 sequence at the end of b.
func trimCutRune(b []byte) []byte {
	for i := 1; i <= utf8.UTFMax-1 && i <= len(b); i++ {
		if utf8.RuneStart(b[len(b)-i]) {
			if !utf8.FullRune(b[len(b)-i:]) {
				return b[:len(b)-i]
			}
			break
		}
	}
	return b
}

// utf16Decoder turns UTF-16 (its BOM already skipped) into UTF-8, putting
// U+FFFD for unpaired surrogates.
func utf16Decoder(encoding string) *xencoding.Decoder {
	order := unicode.LittleEndian
	if encoding == UTF16BE {
		order = unicode.BigEndian
	}
	return unicode.UTF16(order, unicode.IgnoreBOM).NewDecoder()
}

// candidates are the delimiters detection chooses from, in the order ties
// are settled.
var candidates = []byte{',', ';', '\t'}

// detectDelimiter picks the candidate that occurs outside quotes the same
// number of times on the most of the sample's first records. The sample is
// ASCII-compatible text; when truncated, its last record may be cut and does
// not vote (unless it is the only one).
func detectDelimiter(sample []byte, truncated bool) byte {
	type tally struct{ counts [3]int }
	var rows []tally
	var cur tally
	inQuotes, blank := false, true
	end := func(complete bool) {
		if !blank && (complete || len(rows) == 0) {
			rows = append(rows, cur)
		}
		cur, blank = tally{}, true
	}
	for i := 0; i < len(sample) && len(rows) < detectLines; i++ {
		c := sample[i]
		switch {
		case c == '"':
			inQuotes = !inQuotes
		case inQuotes:
		case c == '\n' || c == '\r':
			end(true)
			continue
		default:
			for k, d := range candidates {
				if c == d {
					cur.counts[k]++
				}
			}
		}
		blank = false
	}
	if len(rows) < detectLines {
		end(!truncated)
	}

	best, bestScore := candidates[0], 0
	for k, d := range candidates {
		freq := map[int]int{}
		score := 0
		for _, row := range rows {
			if n := row.counts[k]; n > 0 {
				freq[n]++
				score = max(score, freq[n])
			}
		}
		if score > bestScore {
			best, bestScore = d, score
		}
	}
	return best
}
