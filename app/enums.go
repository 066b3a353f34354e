package app

import (
	"fieldbook/backend/activities"
	"strings"

	"fieldbook/backend/associations"
	"fieldbook/backend/changelog"
	"fieldbook/backend/errs"
	"fieldbook/backend/importer"
	"fieldbook/backend/records"
	"fieldbook/backend/schema"
)

// Enums is the shared vocabulary bound to the frontend as TypeScript enums
// (options.App.EnumBind): the generated models name each value, so the UI
// compares against changelog.Kind.RecordCreated rather than a string.
func Enums() []any {
	return []any{
		enum(changelog.Kinds),
		enum(changelog.Sources),
		enum(errs.Codes),
		enum(associations.LabelKinds),
		enum(associations.Changes),
		enum(records.FilterOps),
		enum(records.AssociationOps),
		enum(schema.BuiltInIDs),
		enum(activities.Modes),
		enum(activities.ItemKinds),
		enum(importer.Modes),
		enum(importer.ColumnKinds),
		enum(importer.Matches),
		enum(importer.States),
		enum(importer.JobKinds),
	}
}

// enumValue is one member as Wails binds it: Value and its TypeScript name.
type enumValue[T ~string] struct {
	Value  T
	TSName string
}

// enum names each value after its words: "record.merged_into" is
// RecordMergedInto, "Auto association by domain" AutoAssociationByDomain.
func enum[T ~string](values []T) []enumValue[T] {
	out := make([]enumValue[T], len(values))
	for i, v := range values {
		words := strings.FieldsFunc(string(v), func(r rune) bool { return r == '.' || r == '_' || r == ' ' })
		for j, w := range words {
			words[j] = strings.ToUpper(w[:1]) + w[1:]
		}
		out[i] = enumValue[T]{Value: v, TSName: strings.Join(words, "")}
	}
	return out
}
