package solution

import (
	"context"
	"fmt"
	"io"
)

// CopyAll copies the named sources into dst, one after another, in order.
// A source behaves like a network connection: Read may block for a long time,
// and Close may be called while a Read is blocked, which makes it return.
func CopyAll(ctx context.Context, dst io.Writer, names []string, open func(name string) (io.ReadCloser, error)) error {
	for _, name := range names {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := copyOne(ctx, dst, name, open); err != nil {
			return err
		}
	}
	return nil
}

// copyOne copies one source and closes it before returning, on every path,
// so at most one source is open at a time.
func copyOne(ctx context.Context, dst io.Writer, name string, open func(string) (io.ReadCloser, error)) error {
	rc, err := open(name)
	if err != nil {
		return fmt.Errorf("open %s: %w", name, err)
	}

	// Read cannot be interrupted by ctx, so it runs in its own goroutine and
	// the caller waits on both. The buffer lets the copier finish even if
	// nobody is receiving any more.
	done := make(chan error, 1)
	go func() {
		_, err := io.Copy(dst, rc)
		done <- err
	}()

	select {
	case err = <-done:
		rc.Close()
		if err != nil {
			return fmt.Errorf("copy %s: %w", name, err)
		}
		return nil
	case <-ctx.Done():
		rc.Close() // cancelling does not release the source: closing it unblocks Read
		<-done     // and the copier must stop touching dst before we return
		return ctx.Err()
	}
}
