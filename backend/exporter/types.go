package exporter

import (
	"fieldbook/backend/associations"
	"fieldbook/backend/records"
)

// Request is what to export: an index view (its query, columns and
// association columns) or, with All, a whole object with every property
// and every association.
type Request struct {
	Query        records.ListQuery     `json:"query"` // Offset and Limit are ignored
	Columns      []string              `json:"columns"`
	Associations []associations.Column `json:"associations"`
	All          bool                  `json:"all"`
}

// Result is what an export wrote.
type Result struct {
	Path string `json:"path"`
	Rows int    `json:"rows"`
}
