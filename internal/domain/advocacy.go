package domain

import "io"

// HelpContactKind is one of the places outside a child's own team that a
// child can turn to for help: the authority's advocacy service, how to make
// a complaint, the Independent Visitor scheme, and Childline.
type HelpContactKind string

// Kinds of help contact, in the order a child is shown them.
const (
	HelpAdvocacy           HelpContactKind = "ADVOCACY"
	HelpComplaints         HelpContactKind = "COMPLAINTS"
	HelpIndependentVisitor HelpContactKind = "INDEPENDENT_VISITOR"
	HelpChildline          HelpContactKind = "CHILDLINE"
)

// Values lists the valid values (ent enum), in the order a child is shown them.
func (HelpContactKind) Values() []string {
	return []string{string(HelpAdvocacy), string(HelpComplaints), string(HelpIndependentVisitor), string(HelpChildline)}
}

// MarshalGQL implements graphql.Marshaler.
func (k HelpContactKind) MarshalGQL(w io.Writer) { marshal(w, k) }

// UnmarshalGQL implements graphql.Unmarshaler.
func (k *HelpContactKind) UnmarshalGQL(v any) error {
	return unmarshal(k, v, k.Values(), "HelpContactKind")
}

// Label is the plain words for a kind of help contact.
func (k HelpContactKind) Label() string { return Labels["HelpContactKind"][string(k)] }

// AdvocacyStatus is where a child's request for an advocate stands. It only
// moves forward: REQUESTED, ACCEPTED, CONTACTED, CLOSED (a step may be
// skipped, for a request the advocacy service cannot take on, say).
type AdvocacyStatus string

// Advocacy request statuses, in order.
const (
	AdvocacyRequested AdvocacyStatus = "REQUESTED"
	AdvocacyAccepted  AdvocacyStatus = "ACCEPTED"
	AdvocacyContacted AdvocacyStatus = "CONTACTED"
	AdvocacyClosed    AdvocacyStatus = "CLOSED"
)

// Values lists the valid values (ent enum), in order.
func (AdvocacyStatus) Values() []string {
	return []string{string(AdvocacyRequested), string(AdvocacyAccepted), string(AdvocacyContacted), string(AdvocacyClosed)}
}

// Step is the status's place in the order (0 for REQUESTED); -1 for a
// value that is not a status.
func (s AdvocacyStatus) Step() int {
	for i, v := range s.Values() {
		if v == string(s) {
			return i
		}
	}
	return -1
}

// Open reports whether the request is still going (not CLOSED).
func (s AdvocacyStatus) Open() bool { return s != AdvocacyClosed }

// MarshalGQL implements graphql.Marshaler.
func (s AdvocacyStatus) MarshalGQL(w io.Writer) { marshal(w, s) }

// UnmarshalGQL implements graphql.Unmarshaler.
func (s *AdvocacyStatus) UnmarshalGQL(v any) error {
	return unmarshal(s, v, s.Values(), "AdvocacyStatus")
}

// Label is the plain words for where a request for an advocate stands.
func (s AdvocacyStatus) Label() string { return Labels["AdvocacyStatus"][string(s)] }
