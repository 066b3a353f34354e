package csvfile

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/stretchr/testify/require"
)

// row is what one Read returned: a record, or a RowError's text; with the
// Line it reported.
type row struct {
	Line   int
	Fields []string
	Err    string
}

func readAll(t *testing.T, data []byte) (*Reader, []row) {
	t.Helper()
	r, err := NewReader(bytes.NewReader(data))
	require.NoError(t, err)
	var rows []row
	for range len(data) + 1 {
		fields, err := r.Read()
		if err == io.EOF {
			require.Nil(t, fields)
			require.Equal(t, int64(len(data)), r.Offset(), "Offset at EOF is the file size")
			return r, rows
		}
		var rowErr *RowError
		if err != nil {
			require.ErrorAs(t, err, &rowErr)
			require.Nil(t, fields)
			require.GreaterOrEqual(t, rowErr.Line, r.Line(), "a problem is on or after the line its record began")
			rows = append(rows, row{Line: r.Line(), Err: err.Error()})
			continue
		}
		rows = append(rows, row{Line: r.Line(), Fields: fields})
	}
	t.Fatal("Read did not reach EOF")
	return nil, nil
}

func records(rows []row) [][]string {
	var out [][]string
	for _, r := range rows {
		out = append(out, r.Fields)
	}
	return out
}

func utf16Bytes(s string, bigEndian bool) []byte {
	var b []byte
	put := func(u uint16) {
		if bigEndian {
			b = append(b, byte(u>>8), byte(u))
		} else {
			b = append(b, byte(u), byte(u>>8))
		}
	}
	put(0xFEFF)
	for _, u := range utf16.Encode([]rune(s)) {
		put(u)
	}
	return b
}

func TestReadEveryEncoding(t *testing.T) {
	text := "Name,City\r\nZoë Müller,Zürich\r\n\"O'Brien, 😀\",Kraków\r\n"
	want := [][]string{{"Name", "City"}, {"Zoë Müller", "Zürich"}, {"O'Brien, 😀", "Kraków"}}
	for _, tc := range []struct {
		name     string
		data     []byte
		encoding string
	}{
		{"utf8", []byte(text), UTF8},
		{"utf8 bom", append([]byte{0xEF, 0xBB, 0xBF}, text...), UTF8BOM},
		{"utf16le", utf16Bytes(text, false), UTF16LE},
		{"utf16be", utf16Bytes(text, true), UTF16BE},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r, rows := readAll(t, tc.data)
			require.Equal(t, Format{Encoding: tc.encoding, Delimiter: ','}, r.Format())
			require.Equal(t, want, records(rows))
			require.Equal(t, []int{1, 2, 3}, []int{rows[0].Line, rows[1].Line, rows[2].Line})
		})
	}
}

func TestReadWindows1252(t *testing.T) {
	data := []byte("Name;Price\r\nCaf\xe9 Ren\xe9;\x80 5\r\nna\xefve;\x93quoted\x94\r\n")
	r, rows := readAll(t, data)
	require.Equal(t, Format{Encoding: Windows1252, Delimiter: ';'}, r.Format())
	require.Equal(t, [][]string{{"Name", "Price"}, {"Café René", "€ 5"}, {"naïve", "“quoted”"}}, records(rows))
}

// asciiRows is an ASCII file longer than the detection sample.
func asciiRows(n int) []byte {
	var b bytes.Buffer
	b.WriteString("id,name\n")
	for i := range n {
		fmt.Fprintf(&b, "%d,Person number %d\n", i, i)
	}
	return b.Bytes()
}

func TestWindows1252AfterAnASCIISample(t *testing.T) {
	data := append(asciiRows(5000), "5000,Ren\xe9e \x80\n"...)
	require.Greater(t, len(data), sampleSize)
	r, err := NewReader(bytes.NewReader(data))
	require.NoError(t, err)
	require.Equal(t, UTF8, r.Format().Encoding)
	var last []string
	for {
		fields, err := r.Read()
		if err == io.EOF {
			break
		}
		require.NoError(t, err)
		last = fields
	}
	require.Equal(t, []string{"5000", "Renée €"}, last)
	require.Equal(t, Windows1252, r.Format().Encoding)
}

func TestInvalidUTF8AfterTheSampleBecomesReplacementChars(t *testing.T) {
	data := append([]byte("name\nZoë\n"), asciiRows(5000)...)
	data = append(data, "bad \xff\xfe here,ok \xe9\n"...)
	r, rows := readAll(t, data)
	require.Equal(t, UTF8, r.Format().Encoding)
	require.Equal(t, []string{"bad \uFFFD here", "ok \uFFFD"}, rows[len(rows)-1].Fields)
	require.Equal(t, UTF8, r.Format().Encoding)
}

func TestCharacterCutByTheSampleIsStillUTF8(t *testing.T) {
	prefix := strings.Repeat("a", sampleSize-1) // "é" straddles the sample's end
	data := []byte("x\n" + prefix[2:] + "é\n")
	r, rows := readAll(t, data)
	require.Equal(t, UTF8, r.Format().Encoding)
	require.Equal(t, prefix[2:]+"é", rows[1].Fields[0])
}

func TestBOMNeverInTheFirstHeader(t *testing.T) {
	for name, data := range map[string][]byte{
		"utf8":       []byte("\xEF\xBB\xBFEmail,Name\nz@example.com,Zoë\n"),
		"double bom": []byte("\xEF\xBB\xBF\xEF\xBB\xBFEmail,Name\nz@example.com,Zoë\n"),
		"utf16 double bom": func() []byte {
			return utf16Bytes("\uFEFFEmail,Name\nz@example.com,Zoë\n", false)
		}(),
	} {
		t.Run(name, func(t *testing.T) {
			_, rows := readAll(t, data)
			require.Equal(t, [][]string{{"Email", "Name"}, {"z@example.com", "Zoë"}}, records(rows))
		})
	}
}

func TestDetectDelimiter(t *testing.T) {
	for _, tc := range []struct {
		name string
		data string
		want rune
	}{
		{"comma", "a,b,c\n1,2,3\n", ','},
		{"semicolon", "a;b;c\n1;2;3\n", ';'},
		{"tab", "a\tb\tc\n1\t2\t3\n", '\t'},
		{"semicolon with decimal commas", "name;amount\nA;1,5\nB;2,75\n", ';'},
		{"semicolon with commas in every value", "Name;City\nDoe, John;Paris\nRoe, Jane;Rome\n", ';'},
		{"tab with commas", "a\tb\tc\n1,5\t2\t3\n4,5\t5\t6,5\n", '\t'},
		{"comma with quoted semicolons", "a,b\n\"x;y;z\",1\n\"p;q;r\",2\n\"s;t;u\",3\n", ','},
		{"comma with quoted newlines and tabs", "a,b\n\"x\t\ny\t\",1\n\"p\tq\",2\n", ','},
		{"tie prefers comma", "a,b;c\n1,2;3\n", ','},
		{"tie prefers semicolon over tab", "a;b\tc\n1;2\t3\n", ';'},
		{"one column", "email\nz@example.com\n", ','},
		{"empty file", "", ','},
		{"one row", "a;b;c", ';'},
		{"ragged semicolons", "a;b;c;d\n1;2;3;4\n1;2\n1;2;3;4\n", ';'},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r, err := NewReader(strings.NewReader(tc.data))
			require.NoError(t, err)
			require.Equal(t, tc.want, r.Format().Delimiter)
		})
	}
}

func TestDetectDelimiterIgnoresACutLastLine(t *testing.T) {
	// The sample ends inside a long row, whose commas would tie with the
	// header's semicolon (and ties prefer the comma) if the cut row voted.
	data := "a;b\n" + strings.Repeat(",", sampleSize)
	r, err := NewReader(strings.NewReader(data))
	require.NoError(t, err)
	require.Equal(t, ';', r.Format().Delimiter)
}

func TestReadEachDelimiter(t *testing.T) {
	for _, d := range []string{",", ";", "\t"} {
		data := strings.ReplaceAll("Name|Note\nZoë|\"a|b\"\n\"x\"|y|\n", "|", d)
		r, rows := readAll(t, []byte(data))
		require.Equal(t, rune(d[0]), r.Format().Delimiter)
		require.Equal(t, [][]string{{"Name", "Note"}, {"Zoë", "a" + d + "b"}, {"x", "y", ""}}, records(rows))
	}
}

func TestReadQuotedValues(t *testing.T) {
	data := "name,note,n\r\n" +
		"\"Zoë\",\"line one\nline two\r\nline three\",1\r\n" +
		"\"a, b\",\"she said \"\"hi\"\"\",\"\"\r\n" +
		"\"\"\"\",\"\",\"x\ny\"\n" +
		"last,row,3\r\n"
	_, rows := readAll(t, []byte(data))
	require.Equal(t, []row{
		{Line: 1, Fields: []string{"name", "note", "n"}},
		{Line: 2, Fields: []string{"Zoë", "line one\nline two\r\nline three", "1"}},
		{Line: 5, Fields: []string{"a, b", `she said "hi"`, ""}},
		{Line: 6, Fields: []string{`"`, "", "x\ny"}},
		{Line: 8, Fields: []string{"last", "row", "3"}},
	}, rows)
}

func TestReadLineEndsAndBlankLines(t *testing.T) {
	for name, tc := range map[string]struct {
		data  string
		lines []int
	}{
		"lf":                {"a,b\n1,2\n3,4\n", []int{1, 2, 3}},
		"crlf":              {"a,b\r\n1,2\r\n3,4\r\n", []int{1, 2, 3}},
		"cr":                {"a,b\r1,2\r3,4\r", []int{1, 2, 3}},
		"no final newline":  {"a,b\n1,2\n3,4", []int{1, 2, 3}},
		"no final, crlf":    {"a,b\r\n1,2\r\n3,4", []int{1, 2, 3}},
		"blank lines":       {"\n\na,b\n\n1,2\r\n\r\n\r\n3,4\n\n\n", []int{3, 5, 8}},
		"quoted at the end": {"a,b\n1,2\n3,\"4\"", []int{1, 2, 3}},
	} {
		t.Run(name, func(t *testing.T) {
			_, rows := readAll(t, []byte(tc.data))
			require.Equal(t, [][]string{{"a", "b"}, {"1", "2"}, {"3", "4"}}, records(rows))
			var lines []int
			for _, r := range rows {
				lines = append(lines, r.Line)
			}
			require.Equal(t, tc.lines, lines)
		})
	}
}

func TestReadKeepsValuesAsTheyAre(t *testing.T) {
	_, rows := readAll(t, []byte(" a , b ,\t\n,,\n \n"))
	require.Equal(t, [][]string{{" a ", " b ", "\t"}, {"", "", ""}, {" "}}, records(rows))
}

func TestReadRaggedRows(t *testing.T) {
	_, rows := readAll(t, []byte("a,b,c\n1\n1,2,3,4,5\n,\n"))
	require.Equal(t, [][]string{{"a", "b", "c"}, {"1"}, {"1", "2", "3", "4", "5"}, {"", ""}}, records(rows))
}

func TestMalformedRowsAreReportedAndReadingGoesOn(t *testing.T) {
	data := "name,note\n" + // 1
		"Zoë,5\"10\n" + // 2: stray quote
		"Ann,ok\n" + // 3
		"\"Bob\" Jr,x\n" + // 4: text after the closing quote
		"\"Cy\",\"multi\nline\"x,\"rest\n" + // 5-6: text after a closing quote on line 6
		"Dee,fine\r\n" + // 7
		"Eve,\"never closed\nmore\n" // 8-9: unclosed to EOF
	_, rows := readAll(t, []byte(data))
	require.Equal(t, []row{
		{Line: 1, Fields: []string{"name", "note"}},
		{Line: 2, Err: `Line 2: column 2 has a quote (") inside a value that does not start with one; put the whole value in quotes and write each quote inside it twice ("")`},
		{Line: 3, Fields: []string{"Ann", "ok"}},
		{Line: 4, Err: `Line 4: column 1 has text after its closing quote; a quoted value must end at the comma or the end of the line, and a quote inside it is written twice ("")`},
		{Line: 5, Err: `Line 6: column 2 has text after its closing quote; a quoted value must end at the comma or the end of the line, and a quote inside it is written twice ("")`},
		{Line: 7, Fields: []string{"Dee", "fine"}},
		{Line: 8, Err: `Line 8: the quoted value in column 2 is not closed, so the rest of the file was read as part of it; add the closing quote (")`},
	}, rows)
}

func TestMalformedSemicolonRowNamesTheSemicolon(t *testing.T) {
	_, rows := readAll(t, []byte("a;b\n\"x\"y;z\n1;2\n"))
	require.Contains(t, rows[1].Err, "must end at the semicolon")
	require.Equal(t, []string{"1", "2"}, rows[2].Fields)
}

func TestOffsetCountsConsumedBytes(t *testing.T) {
	data := []byte("\xEF\xBB\xBFa,b\r\n\"x\ny\",2\n\n3,4")
	r, err := NewReader(bytes.NewReader(data))
	require.NoError(t, err)
	require.Equal(t, int64(3), r.Offset(), "the BOM is consumed")
	var offsets []int64
	for {
		_, err := r.Read()
		if err == io.EOF {
			break
		}
		require.NoError(t, err)
		offsets = append(offsets, r.Offset())
	}
	require.Equal(t, []int64{8, 16, int64(len(data))}, offsets)
}

func TestOffsetGrowsToTheFileSize(t *testing.T) {
	plain := asciiRows(20000) // several buffers
	for name, data := range map[string][]byte{
		"utf8":    plain,
		"utf16le": utf16Bytes(string(plain), false),
	} {
		t.Run(name, func(t *testing.T) {
			r, err := NewReader(bytes.NewReader(data))
			require.NoError(t, err)
			last, n := r.Offset(), 0
			for {
				_, err := r.Read()
				if err == io.EOF {
					break
				}
				require.NoError(t, err)
				require.GreaterOrEqual(t, r.Offset(), last)
				last = r.Offset()
				n++
			}
			require.Equal(t, 20001, n)
			require.Equal(t, int64(len(data)), r.Offset())
			require.Equal(t, 20001, r.Line())
		})
	}
}

func TestLimits(t *testing.T) {
	big := strings.Repeat("x", MaxField)
	wide := strings.Repeat("v,", MaxFields-1) + "v"
	data := "a,b\n" + // 1
		big + ",ok\n" + // 2: exactly MaxField
		big + "y,z\n" + // 3: one byte over, unquoted
		"1,2\n" + // 4
		"\"q\n" + big + "\",z\n" + // 5-6: over, quoted across lines
		"3,4\n" + // 7
		wide + "\n" + // 8: exactly MaxFields
		wide + ",v\n" + // 9: one more
		strings.Repeat(big+",", 17) + "\n" + // 10: a row over 16 MiB
		"5,6\n" // 11
	_, rows := readAll(t, []byte(data))
	// Summaries, so a failure does not print megabytes.
	type summary struct {
		Line   int
		Fields int
		Size   int
		Err    string
	}
	var got []summary
	for _, r := range rows {
		size := 0
		for _, f := range r.Fields {
			size += len(f)
		}
		got = append(got, summary{r.Line, len(r.Fields), size, r.Err})
	}
	require.Equal(t, []summary{
		{Line: 1, Fields: 2, Size: 2},
		{Line: 2, Fields: 2, Size: MaxField + 2},
		{Line: 3, Err: "Line 3: column 1 is longer than 1 MiB, the most one value may hold"},
		{Line: 4, Fields: 2, Size: 2},
		{Line: 5, Err: "Line 5: column 1 is longer than 1 MiB, the most one value may hold"},
		{Line: 7, Fields: 2, Size: 2},
		{Line: 8, Fields: MaxFields, Size: MaxFields},
		{Line: 9, Err: "Line 9: the row has more than 2000 columns, the most one row may have"},
		{Line: 10, Err: "Line 10: the row is longer than 16 MiB, the most one row may hold"},
		{Line: 11, Fields: 2, Size: 2},
	}, got)
}

// failingReader returns data, then err.
type failingReader struct {
	data []byte
	err  error
}

func (f *failingReader) Read(p []byte) (int, error) {
	if len(f.data) == 0 {
		return 0, f.err
	}
	n := copy(p, f.data)
	f.data = f.data[n:]
	return n, nil
}

func TestReadErrorsAreNotRowErrors(t *testing.T) {
	broken := errors.New("disk unplugged")
	data := asciiRows(5000)
	r, err := NewReader(&failingReader{data: data[:sampleSize+100], err: broken})
	require.NoError(t, err)
	for {
		_, err = r.Read()
		if err != nil {
			break
		}
	}
	require.ErrorIs(t, err, broken)
	_, err = r.Read()
	require.ErrorIs(t, err, broken, "the error stays")

	_, err = NewReader(&failingReader{data: []byte("a,b\n"), err: broken})
	require.ErrorIs(t, err, broken, "an error before the sample is read fails NewReader")
}

// contactsCSV is a contact-like file of n rows, about 100 bytes each.
func contactsCSV(n int) []byte {
	var b bytes.Buffer
	b.WriteString("First name,Last name,Email,Phone,Company,Domain,City,Notes\r\n")
	cities := []string{"Zürich", "Paris", "New York", "São Paulo", "Kraków"}
	for i := range n {
		fmt.Fprintf(&b, "Person%d,Family%d,person%d@example%d.com,+41 44 %07d,Company %d,example%d.com,%s,",
			i, i%997, i, i%5000, i, i%5000, i%5000, cities[i%len(cities)])
		if i%10 == 0 {
			b.WriteString("\"Met at the fair, \"\"Booth 7\"\"\nFollow up\"")
		}
		b.WriteString("\r\n")
	}
	return b.Bytes()
}

func BenchmarkReader(b *testing.B) {
	data := contactsCSV(100_000)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		r, err := NewReader(bytes.NewReader(data))
		if err != nil {
			b.Fatal(err)
		}
		n := 0
		for {
			_, err := r.Read()
			if err == io.EOF {
				break
			}
			if err != nil {
				b.Fatal(err)
			}
			n++
		}
		if n != 100_001 {
			b.Fatalf("read %d records", n)
		}
	}
}
