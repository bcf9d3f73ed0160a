package graph

import (
	"slices"

	"kite/graph/model"
	"kite/internal/domain"
)

// enumLabels lists the plain words of every labelled enumeration, by name,
// each value in the schema's order.
func enumLabels() []*model.EnumLabel {
	var out []*model.EnumLabel
	names := make([]string, 0, len(domain.LabelledEnums))
	for name := range domain.LabelledEnums {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		for _, v := range domain.LabelledEnums[name] {
			out = append(out, &model.EnumLabel{Enum: name, Value: v, Label: domain.Labels[name][v]})
		}
	}
	return out
}
