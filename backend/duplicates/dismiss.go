package duplicates

import (
	"bytes"
	"encoding/json"
	"errors"

	"github.com/dgraph-io/badger/v4"
	"github.com/google/uuid"

	"fieldbook/backend/changelog"
	"fieldbook/backend/errs"
	"fieldbook/backend/keys"
	"fieldbook/backend/records"
	"fieldbook/backend/schema"
)

// pairKey is the set key of two records, whichever order they come in.
func pairKey(a, b uuid.UUID) [32]byte {
	if bytes.Compare(a[:], b[:]) > 0 {
		a, b = b, a
	}
	var k [32]byte
	copy(k[:16], a[:])
	copy(k[16:], b[:])
	return k
}

// dismissed reads every pair marked "Not a duplicate".
func (s *Service) dismissed() (map[[32]byte]bool, error) {
	out := map[[32]byte]bool{}
	err := s.log.Store().View(func(txn *badger.Txn) error {
		prefix := []byte{keys.PrefixNotDup}
		it := txn.NewIterator(badger.IteratorOptions{Prefix: prefix})
		defer it.Close()
		for it.Rewind(); it.Valid(); it.Next() {
			lo, hi, err := keys.ParseNotDup(it.Item().Key())
			if err != nil {
				return err
			}
			out[pairKey(lo, hi)] = true
		}
		return nil
	})
	return out, err
}

// Dismiss remembers that two records are not duplicates: Find leaves the
// pair out from now on. Both must be contacts, or both companies.
func (s *Service) Dismiss(meta changelog.Meta, a, b string) error {
	return s.remember(meta, a, b, true)
}

// Undismiss forgets a Dismiss, so the pair can be found again. The
// records may be gone meanwhile.
func (s *Service) Undismiss(meta changelog.Meta, a, b string) error {
	return s.remember(meta, a, b, false)
}

// dismissal is what the change log says of a dismissed pair.
type dismissal struct {
	Object string `json:"object,omitempty"`
	A      string `json:"a"`
	B      string `json:"b"`
}

func (s *Service) remember(meta changelog.Meta, aText, bText string, dismiss bool) error {
	a, err := parseID("a", aText)
	if err != nil {
		return err
	}
	b, err := parseID("b", bText)
	if err != nil {
		return err
	}
	if a == b {
		return errs.Invalid("b", "A record cannot be a duplicate of itself.")
	}
	object := ""
	if dismiss {
		if object, err = s.objectOf(a, b); err != nil {
			return err
		}
	}
	key := keys.NotDup(a, b)
	lo, hi := a, b
	if bytes.Compare(lo[:], hi[:]) > 0 {
		lo, hi = hi, lo
	}
	value, err := json.Marshal(dismissal{Object: object, A: lo.String(), B: hi.String()})
	if err != nil {
		return err
	}
	_, err = s.log.Write(meta, func(tx *changelog.Tx) error {
		_, err := tx.Get(key)
		has := err == nil
		if err != nil && !errors.Is(err, badger.ErrKeyNotFound) {
			return err
		}
		if has == dismiss {
			return nil // already so: nothing to log
		}
		change := changelog.Change{Kind: changelog.SettingUpdated, Object: object, Property: DismissedSetting}
		if dismiss {
			change.After = value
			tx.Record(change)
			return tx.Set(key, nil)
		}
		change.Before = value
		tx.Record(change)
		return tx.Delete(key)
	})
	return err
}

func parseID(field, text string) (uuid.UUID, error) {
	id, err := records.ParseID(text)
	if err != nil {
		e := *errs.As(err)
		e.Field = field
		return id, &e
	}
	return id, nil
}

// objectOf is the object of two records that can be dismissed as a pair.
func (s *Service) objectOf(a, b uuid.UUID) (string, error) {
	var refs [2]records.Ref
	var missing []uuid.UUID
	s.recs.LookupMany([]uuid.UUID{a, b}, func(i int, ref records.Ref, ok bool) {
		refs[i] = ref
		if !ok {
			missing = append(missing, []uuid.UUID{a, b}[i])
		}
	})
	if len(missing) > 0 {
		return "", errs.New(errs.CodeNotFound, "No record has the ID "+missing[0].String()+". It may have been deleted permanently.")
	}
	if refs[0].Num != refs[1].Num {
		return "", errs.Invalid("b", "Only two records of the same object can be duplicates.")
	}
	obj, ok := s.schema.ByNum(refs[0].Num)
	if !ok || (obj.ID != schema.Contacts && obj.ID != schema.Companies) {
		return "", errs.Invalid("object", "Duplicates are found among contacts and companies only.")
	}
	return obj.ID, nil
}
