package app

import "fieldbook/backend/schema"

// Schema lets the user see and change objects and their properties.
type Schema struct {
	life *Lifecycle
	svc  *schema.Service
}

// NewSchema builds the schema service.
func NewSchema(life *Lifecycle, svc *schema.Service) *Schema {
	return &Schema{life: life, svc: svc}
}

// Objects returns every object, built-ins first.
func (s *Schema) Objects() (out []schema.ObjectView, err error) {
	defer guard(&err)
	if err = s.life.ready(); err != nil {
		return nil, err
	}
	for _, o := range s.svc.Objects() {
		out = append(out, o.View())
	}
	return out, nil
}

// CreateObject defines a custom object.
func (s *Schema) CreateObject(in schema.ObjectInput) (out schema.ObjectView, err error) {
	defer guard(&err)
	if err = s.life.ready(); err != nil {
		return out, err
	}
	return view(s.svc.CreateObject(s.life.userMeta(), in))
}

// RenameObject changes a custom object's singular and plural names.
func (s *Schema) RenameObject(id string, in schema.ObjectInput) (out schema.ObjectView, err error) {
	defer guard(&err)
	if err = s.life.ready(); err != nil {
		return out, err
	}
	return view(s.svc.RenameObject(s.life.userMeta(), id, in))
}

// DeleteObject removes a custom object without records.
func (s *Schema) DeleteObject(id string) (err error) {
	defer guard(&err)
	if err = s.life.ready(); err != nil {
		return err
	}
	return s.svc.DeleteObject(s.life.userMeta(), id)
}

// AddProperty adds a property to an object.
func (s *Schema) AddProperty(objectID string, in schema.PropertyInput) (out schema.ObjectView, err error) {
	defer guard(&err)
	if err = s.life.ready(); err != nil {
		return out, err
	}
	return view(s.svc.AddProperty(s.life.userMeta(), objectID, in))
}

// UpdateProperty renames a property or changes a dropdown's options.
func (s *Schema) UpdateProperty(objectID, name string, in schema.PropertyInput) (out schema.ObjectView, err error) {
	defer guard(&err)
	if err = s.life.ready(); err != nil {
		return out, err
	}
	return view(s.svc.UpdateProperty(s.life.userMeta(), objectID, name, in))
}

// SetDisplayProperty chooses which property names a custom object's records.
func (s *Schema) SetDisplayProperty(objectID, name string) (out schema.ObjectView, err error) {
	defer guard(&err)
	if err = s.life.ready(); err != nil {
		return out, err
	}
	return view(s.svc.SetDisplayProperty(s.life.userMeta(), objectID, name))
}

// RemoveProperty removes a property from an object.
func (s *Schema) RemoveProperty(objectID, name string) (out schema.ObjectView, err error) {
	defer guard(&err)
	if err = s.life.ready(); err != nil {
		return out, err
	}
	return view(s.svc.RemoveProperty(s.life.userMeta(), objectID, name))
}

// view is a changed object as the UI reads it, with its rules.
func view(o schema.ObjectDef, err error) (schema.ObjectView, error) {
	if err != nil {
		return schema.ObjectView{}, err
	}
	return o.View(), nil
}
