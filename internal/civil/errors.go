package civil

// InputError is a client's date that cannot be read. The API shows it as
// BAD_USER_INPUT (it has the BadUserInput marker apierr looks for).
type InputError struct{ Message string }

func (e *InputError) Error() string { return e.Message }

// BadUserInput marks the error as the client's, not the server's.
func (*InputError) BadUserInput() {}
