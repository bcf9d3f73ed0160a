// Package names maps the data model's names to the API's.
package names

import "strings"

// GraphQLField turns an ent field or edge name ("parent_views") into its
// GraphQL field name ("parentViews").
func GraphQLField(entName string) string {
	parts := strings.Split(entName, "_")
	for i := 1; i < len(parts); i++ {
		if parts[i] != "" {
			parts[i] = strings.ToUpper(parts[i][:1]) + parts[i][1:]
		}
	}
	return strings.Join(parts, "")
}
