package graph

import "testing"

func ptr(n int) *int { return &n }

func TestPageLimits(t *testing.T) {
	p := PageLimits{Default: 20, Max: 100}
	tests := []struct {
		name                string
		first, last         *int
		wantFirst, wantLast *int
		wantErr             bool
	}{
		{"absent gets the default page", nil, nil, ptr(20), nil, false},
		{"within the cap is kept", ptr(10), nil, ptr(10), nil, false},
		{"first over the cap is capped", ptr(5000), nil, ptr(100), nil, false},
		{"last over the cap is capped", nil, ptr(1000), nil, ptr(100), false},
		{"negative is refused", ptr(-1), nil, nil, nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := map[string]any{"first": tt.first, "last": tt.last, "after": nil}
			err := p.apply(args)
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v", err)
			}
			if tt.wantErr {
				return
			}
			if got, _ := args["first"].(*int); !same(got, tt.wantFirst) {
				t.Errorf("first = %v, want %v", derefInt(got), derefInt(tt.wantFirst))
			}
			if got, _ := args["last"].(*int); !same(got, tt.wantLast) {
				t.Errorf("last = %v, want %v", derefInt(got), derefInt(tt.wantLast))
			}
		})
	}
}

func same(a, b *int) bool { return (a == nil && b == nil) || (a != nil && b != nil && *a == *b) }

func derefInt(p *int) any {
	if p == nil {
		return nil
	}
	return *p
}
