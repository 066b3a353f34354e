package records

import (
	"encoding/json"
	"math"
	"testing"
	"unicode/utf8"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"fieldbook/backend/changelog"
)

func TestCodecRoundTrip(t *testing.T) {
	in := &stored{
		CreatedOp: uuid.MustParse("0190a0b2-1c3d-7e4f-8a5b-6c7d8e9f0a1b"), Object: "contacts", CreatedAt: 1767225600000, UpdatedAt: 1767225600001, DeletedAt: 0,
		CreatedBy: changelog.Actor{ID: "u1", Name: "Ann"}, UpdatedBy: changelog.Actor{ID: "u2", Name: "Bøb"},
		Props: map[string]any{"firstname": "Ann", "amount": -12.5, "vip": true, "closed": false, "empty": ""},
	}
	out, err := decodeRecord(encodeRecord(in))
	require.NoError(t, err)
	require.Equal(t, in, out)
}

func TestCodecReadsVersionOne(t *testing.T) {
	in := &stored{Object: "deals", CreatedAt: 5, Props: map[string]any{"name": "Big"}}
	v2 := encodeRecord(in)
	v1 := append([]byte{1}, v2[createdOpAt+16:]...) // version 1 had no createdOp
	out, err := decodeRecord(v1)
	require.NoError(t, err)
	require.Equal(t, in, out)
}

func TestCodecRejectsDamage(t *testing.T) {
	good := encodeRecord(&stored{Object: "deals", Props: map[string]any{"name": "Big"}})
	for i := 0; i < len(good); i++ {
		_, err := decodeRecord(good[:i])
		require.Error(t, err, "truncated at %d", i)
	}
	_, err := decodeRecord(append(append([]byte{}, good...), 0))
	require.Error(t, err, "trailing bytes")
	_, err = decodeRecord([]byte{9})
	require.Error(t, err, "unknown version")
}

func FuzzDecodeRecord(f *testing.F) {
	f.Add(encodeRecord(&stored{Object: "contacts", Props: map[string]any{"a": "b", "n": 1.5, "t": true}}))
	f.Add([]byte{1, 0, 0, 0, 0, 0, 0, 0, 0, 0})
	f.Fuzz(func(t *testing.T, b []byte) {
		r, err := decodeRecord(b) // must never panic
		if err != nil {
			return
		}
		again, err := decodeRecord(encodeRecord(r))
		require.NoError(t, err)
		require.Equal(t, r, again)
	})
}

func TestPropsJSONMatchesEncodingJSON(t *testing.T) {
	props := map[string]any{
		"name": "Ann \"The\" Lee\\ <b>&</b>", "notes": "line 1\nline 2\t\r\x01 é ✓ \u2028",
		"amount": -1234.5, "tiny": 1e-9, "huge": 1e21, "zero": 0.0, "vip": true, "closed": false,
	}
	var fast, slow map[string]any
	require.NoError(t, json.Unmarshal(propsJSON(props), &fast))
	b, err := json.Marshal(props)
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(b, &slow))
	require.Equal(t, slow, fast)
	require.Equal(t, props, fast)
}

func FuzzPropsJSON(f *testing.F) {
	f.Add("Ann", 1.5, true)
	f.Fuzz(func(t *testing.T, s string, x float64, v bool) {
		if !utf8.ValidString(s) || math.IsNaN(x) || math.IsInf(x, 0) {
			return // normalize refuses these
		}
		props := map[string]any{"s": s, s: x, "v": v}
		var got map[string]any
		require.NoError(t, json.Unmarshal(propsJSON(props), &got))
		require.Equal(t, props, got)
	})
}
