// Package pipeline sends one request's independent reads to PostgreSQL in
// one round trip. Every read is still built by its own code, under its own
// access rules (internal/access); only how its statement travels changes.
//
// A caller names reads that do not depend on each other (Together). On
// PostgreSQL each runs on a goroutine of its own until it asks the
// database for its first statement; Driver holds those statements until
// every read has asked (or finished without asking), sends them as one
// batch on one connection, and hands each read its rows through
// database/sql, so that each scans them exactly as it would have scanned
// them from its own statement. On SQLite, in process, a round trip costs
// nothing: the reads run in turn, in the caller's goroutine.
package pipeline

import (
	"context"
	"database/sql"
	"sync"
)

// Together runs reads. With batching (PostgreSQL) they run at once, and the
// first statement each reads goes with the others' in one round trip; a
// read's later statements go alone. Without it they run in turn. It returns
// the first error in the order the reads were given. Reads with batching
// must go through the pool (Driver), never a transaction: a transaction's
// one connection cannot run statements at once.
func Together(ctx context.Context, batching bool, reads ...func(context.Context) error) error {
	if !batching || len(reads) < 2 {
		for _, read := range reads {
			if err := read(ctx); err != nil {
				return err
			}
		}
		return nil
	}
	g := &group{pending: len(reads)}
	errs := make([]error, len(reads))
	panics := make([]any, len(reads))
	var wg sync.WaitGroup
	for i, read := range reads {
		p := &participant{g: g}
		wg.Add(1)
		go func() {
			reserveStack()
			defer wg.Done()
			defer func() { panics[i] = recover() }()
			defer p.done() // a read that asks for nothing must not hold the rest
			errs[i] = read(context.WithValue(ctx, participantKey{}, p))
		}()
	}
	wg.Wait()
	for i := range reads {
		if panics[i] != nil {
			panic(panics[i]) // in the caller's goroutine, where it would have been raised in turn
		}
		if errs[i] != nil {
			return errs[i]
		}
	}
	return nil
}

// statement is one read's first statement, waiting for the batch.
type statement struct {
	query string
	args  []any
	reply chan reply // buffered: the sender never waits on a read
}

type reply struct {
	result *result
	err    error // the batch did not reach the statement
}

// sender sends a group's statements in one round trip and replies to each;
// open then makes a reply's result into rows for the read that asked.
type sender interface {
	send(ctx context.Context, stmts []*statement)
	open(ctx context.Context, r *result) (*sql.Rows, error)
}

// group collects the first statement of each of its reads.
type group struct {
	mu      sync.Mutex
	pending int // reads that have neither asked nor finished
	stmts   []*statement
	by      sender // the driver the statements were asked of
	ctx     context.Context
	sent    bool
}

// participant is one read of a group; it joins at most once.
type participant struct {
	g      *group
	joined bool
	left   bool
}

type participantKey struct{}

// join offers a read's statement to its group. ok is false when the read
// has already had its turn (a later statement goes alone). Otherwise it
// waits for the batch and returns the statement's rows.
func join(ctx context.Context, by sender, query string, args []any) (rows *sql.Rows, ok bool, err error) {
	p, _ := ctx.Value(participantKey{}).(*participant)
	if p == nil {
		return nil, false, nil
	}
	g := p.g
	g.mu.Lock()
	if p.joined || p.left || g.sent {
		g.mu.Unlock()
		return nil, false, nil
	}
	p.joined = true
	st := &statement{query: query, args: args, reply: make(chan reply, 1)}
	g.stmts = append(g.stmts, st)
	if g.by == nil {
		g.by, g.ctx = by, context.WithoutCancel(ctx) // the batch serves every read, not only this one
	}
	g.pending--
	send := g.ready()
	g.mu.Unlock()
	if send != nil {
		g.by.send(g.ctx, send)
	}
	select {
	case r := <-st.reply:
		if r.err != nil {
			return nil, true, r.err
		}
		rows, err := by.open(ctx, r.result)
		return rows, true, err
	case <-ctx.Done():
		return nil, true, ctx.Err()
	}
}

// done marks a read finished; the last of a group to finish or ask sends
// what the others asked.
func (p *participant) done() {
	g := p.g
	g.mu.Lock()
	if p.joined || p.left {
		g.mu.Unlock()
		return
	}
	p.left = true
	g.pending--
	send := g.ready()
	g.mu.Unlock()
	if send != nil {
		g.by.send(g.ctx, send)
	}
}

// ready returns the statements to send once no read is still to ask (and
// marks them sent), or nil. Called with g.mu held.
func (g *group) ready() []*statement {
	if g.pending > 0 || g.sent || len(g.stmts) == 0 {
		return nil
	}
	g.sent = true
	return g.stmts
}

// readStack is how much stack reserveStack makes room for: a read through
// ent, its interceptors, database/sql and pgx runs about that deep.
const readStack = 16 << 10

// stackIndex keeps reserveStack's frame from being optimised away.
var stackIndex int

// reserveStack grows a new goroutine's stack while it is still empty.
// Go starts a goroutine's stack small (about the average size of all
// goroutines' stacks), and a read grows it twice or more on its way down,
// each time copying the frames already on it and fixing up their pointers:
// 11% of a dashboard's instructions on PostgreSQL (callgrind,
// runtime.copystack), against 1% with one growth here, where there is
// nothing to copy. The stack goes back to the runtime's pool when the
// goroutine ends.
//
//go:noinline
func reserveStack() byte {
	var frame [readStack]byte
	frame[stackIndex] = 1
	return frame[(stackIndex+1)%readStack]
}
