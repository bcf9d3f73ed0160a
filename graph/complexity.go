package graph

import (
	"context"
	"encoding/binary"
	"encoding/json"
	"hash/maphash"

	gqlcomplexity "github.com/99designs/gqlgen/complexity"
	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/errcode"
	"github.com/99designs/gqlgen/graphql/handler/lru"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// pricedOnce enforces Limits.MaxComplexity as gqlgen's ComplexityLimit does
// (same walker, same prices, same error and extension code), but prices each
// operation once per query text, operation name and variables, and keeps the
// price: clients send the same few queries, and walking the document with its
// arguments on every request was about a twentieth of gqlgen's time on the
// child's dashboard (issue 14). The price depends on nothing else: the
// prices (limits.go) read only the arguments and the children's prices.
type pricedOnce struct {
	limit  int
	opts   []gqlcomplexity.Option
	es     graphql.ExecutableSchema
	prices *lru.LRU[int]
	seeds  [2]maphash.Seed
}

var _ interface {
	graphql.HandlerExtension
	graphql.OperationContextMutator
} = (*pricedOnce)(nil)

func newPricedOnce(limit int, opts ...gqlcomplexity.Option) *pricedOnce {
	return &pricedOnce{limit: limit, opts: opts, prices: lru.New[int](1000),
		seeds: [2]maphash.Seed{maphash.MakeSeed(), maphash.MakeSeed()}}
}

func (*pricedOnce) ExtensionName() string { return "ComplexityLimit" }

func (p *pricedOnce) Validate(es graphql.ExecutableSchema) error {
	p.es = es
	return nil
}

func (p *pricedOnce) MutateOperationContext(ctx context.Context, oc *graphql.OperationContext) *gqlerror.Error {
	price := p.price(ctx, oc)
	if price > p.limit {
		err := gqlerror.Errorf("operation has complexity %d, which exceeds the limit of %d", price, p.limit)
		errcode.Set(err, "COMPLEXITY_LIMIT_EXCEEDED")
		return err
	}
	return nil
}

func (p *pricedOnce) price(ctx context.Context, oc *graphql.OperationContext) int {
	op := oc.Doc.Operations.ForName(oc.OperationName)
	vars, err := json.Marshal(oc.Variables) // map keys sorted: one text per set of values
	if err != nil {
		return gqlcomplexity.Calculate(ctx, p.es, op, oc.Variables, p.opts...)
	}
	key := p.key(oc.RawQuery, oc.OperationName, string(vars))
	if price, ok := p.prices.Get(ctx, key); ok {
		return price
	}
	price := gqlcomplexity.Calculate(ctx, p.es, op, oc.Variables, p.opts...)
	p.prices.Add(ctx, key, price)
	return price
}

// key is 128 bits of hash of the query, the operation's name and the
// variables, each length-prefixed so that no two triples run together: a
// small key for a cache of up to a thousand, whichever size the query is,
// under seeds of this process's own choosing (a client cannot aim at a
// collision it cannot compute).
func (p *pricedOnce) key(parts ...string) string {
	var out [16]byte
	for i, seed := range p.seeds {
		var h maphash.Hash
		h.SetSeed(seed)
		for _, part := range parts {
			var n [8]byte
			binary.LittleEndian.PutUint64(n[:], uint64(len(part)))
			h.Write(n[:])
			h.WriteString(part)
		}
		binary.LittleEndian.PutUint64(out[i*8:], h.Sum64())
	}
	return string(out[:])
}
