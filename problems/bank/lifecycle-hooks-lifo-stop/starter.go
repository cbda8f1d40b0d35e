package solution

import "context"

// Hook is one component's start and stop logic. Either function may be nil.
type Hook struct {
	Name    string
	OnStart func(ctx context.Context) error
	OnStop  func(ctx context.Context) error
}

// Lifecycle starts hooks in order and stops them in reverse order.
// The zero value is ready to use.
type Lifecycle struct {
	// TODO
}

// Append adds a hook. It must be called before Start.
func (l *Lifecycle) Append(h Hook) {
	// TODO
}

// Start runs the OnStart hooks in order. See the statement for failures.
func (l *Lifecycle) Start(ctx context.Context) error {
	// TODO
	return nil
}

// Stop runs the OnStop hooks of the started hooks in reverse order.
func (l *Lifecycle) Stop(ctx context.Context) error {
	// TODO
	return nil
}
