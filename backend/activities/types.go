package activities

import (
	"fieldbook/backend/associations"
	"fieldbook/backend/changelog"
	"fieldbook/backend/records"
)

// Activity is an activity as a timeline shows it: the record, the date it
// sorts by, and the records it is associated with.
type Activity struct {
	records.RecordView
	At      string                `json:"at"`      // RFC 3339: its activity date (a meeting's start, a task's due date)
	Records []associations.Linked `json:"records"` // every live record it is associated with
}

// LogInput is an activity logged from a record's timeline.
type LogInput struct {
	Object string         `json:"object"` // notes, calls, emails, meetings or tasks
	Props  map[string]any `json:"props"`
	// Records are every record to associate it with: On, the suggestions
	// left ticked and any the user added. At least one.
	Records []string `json:"records"`
	// Auto are those of Records a rule suggested (Suggest, as the composer
	// showed them): their associations carry the source Activity auto
	// association, the others the user's.
	Auto []string `json:"auto,omitempty"`
}

// TimelineQuery asks for one page of a record's timeline, newest first.
type TimelineQuery struct {
	Record  string   `json:"record"`
	Types   []string `json:"types,omitempty"`   // activity objects to show; none: every one
	Authors []string `json:"authors,omitempty"` // IDs of the authors to show; none: everyone's
	Search  string   `json:"search,omitempty"`  // words each activity shown contains
	Changes bool     `json:"changes,omitempty"` // also show property and association changes
	Cursor  string   `json:"cursor,omitempty"`  // the previous page's Next
	Limit   int      `json:"limit"`             // at most MaxTimelinePage
}

// MaxTimelinePage bounds a timeline page.
const MaxTimelinePage = 200

// ItemKind is what a timeline item is; bound to the frontend (app.Enums).
type ItemKind string

const (
	ItemActivity    ItemKind = "activity"
	ItemMerge       ItemKind = "merge"       // another record was merged into this one
	ItemProperty    ItemKind = "property"    // a property changed (with TimelineQuery.Changes)
	ItemAssociation ItemKind = "association" // an association was made or removed (idem)
)

// ItemKinds lists every ItemKind.
var ItemKinds = []ItemKind{ItemActivity, ItemMerge, ItemProperty, ItemAssociation}

// TimelineItem is one entry of a timeline: an activity or an event.
type TimelineItem struct {
	Kind     ItemKind  `json:"kind"`
	At       string    `json:"at"` // RFC 3339
	Activity *Activity `json:"activity,omitempty"`
	Event    *Event    `json:"event,omitempty"`
}

// Event is something that happened to the record itself.
type Event struct {
	Actor  changelog.Actor  `json:"actor"`
	Source changelog.Source `json:"source"`
	Text   string           `json:"text"`             // what happened, in a sentence
	Record string           `json:"record,omitempty"` // the other record it names, if any
}

// TimelinePage is one page of a timeline.
type TimelinePage struct {
	Items []TimelineItem `json:"items"`
	Next  string         `json:"next"` // the cursor of the next page; "" on the last
}

// Overview is what a record's timeline holds in all, for its filters: a
// separate call, as it reads the whole timeline (a page reads 50 items).
type Overview struct {
	Total   int               `json:"total"`   // activities on the record
	Types   map[string]int    `json:"types"`   // how many of each activity object
	Authors []changelog.Actor `json:"authors"` // everyone who logged one there, in order of appearance
}
