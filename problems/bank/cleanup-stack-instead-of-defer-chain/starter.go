package solution

// Cleanup is a stack of cleanup functions. The zero value is ready to use.
type Cleanup struct {
	// TODO
}

// Defer registers f to be called by Run.
func (c *Cleanup) Defer(f func()) {
	panic("TODO")
}

// Run calls the registered functions, newest first, and reports panics.
func (c *Cleanup) Run() error {
	panic("TODO")
}
