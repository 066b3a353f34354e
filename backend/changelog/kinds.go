package changelog

// Kind says what one change did. Kinds are stored in the log and bound to
// the frontend (app.Enums), so a value never changes once written.
type Kind string

const (
	RecordCreated    Kind = "record.created"
	RecordUpdated    Kind = "record.updated"
	RecordDeleted    Kind = "record.deleted"  // moved to the recycle bin
	RecordRestored   Kind = "record.restored" // back from the recycle bin
	RecordPurged     Kind = "record.purged"   // deleted permanently
	RecordMerged     Kind = "record.merged"   // kept a merged record's values
	RecordMergedInto Kind = "record.merged_into"

	ObjectCreated        Kind = "object.created"
	ObjectRenamed        Kind = "object.renamed"
	ObjectDeleted        Kind = "object.deleted"
	ObjectDisplayChanged Kind = "object.display_changed"
	PropertyAdded        Kind = "property.added"
	PropertyUpdated      Kind = "property.updated"
	PropertyRemoved      Kind = "property.removed"

	SettingUpdated Kind = "setting.updated"

	AssociationCreated      Kind = "association.created"
	AssociationRemoved      Kind = "association.removed"
	AssociationLabelAdded   Kind = "association.label_added"
	AssociationLabelRemoved Kind = "association.label_removed"
	AssociationPrimarySet   Kind = "association.primary_set"
	AssociationPrimaryUnset Kind = "association.primary_unset"
	AssociationPairDefined  Kind = "association.pair_defined"
	AssociationLabelCreated Kind = "association.label_created"
	AssociationLabelRenamed Kind = "association.label_renamed"
	AssociationLabelDeleted Kind = "association.label_deleted"
	AssociationLimitSet     Kind = "association.limit_set"
)

// Kinds lists every kind above (a test holds the two together).
var Kinds = []Kind{
	RecordCreated, RecordUpdated, RecordDeleted, RecordRestored, RecordPurged, RecordMerged, RecordMergedInto,
	ObjectCreated, ObjectRenamed, ObjectDeleted, ObjectDisplayChanged, PropertyAdded, PropertyUpdated, PropertyRemoved,
	SettingUpdated,
	AssociationCreated, AssociationRemoved, AssociationLabelAdded, AssociationLabelRemoved, AssociationPrimarySet,
	AssociationPrimaryUnset, AssociationPairDefined, AssociationLabelCreated, AssociationLabelRenamed,
	AssociationLabelDeleted, AssociationLimitSet,
}

// Sources lists every source, for binding to the frontend.
var Sources = []Source{
	SourceUser, SourceObjectDeletion, SourceObjectMerge, SourceObjectRestore, SourceImport,
	SourceAutoDomain, SourceActivityAuto, SourceAPI, SourceJob, SourceMigration, SourceUnknown,
}
