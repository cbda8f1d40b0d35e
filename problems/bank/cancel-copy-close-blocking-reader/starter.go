package solution

import (
	"context"
	"io"
)

// CopyAll copies the named sources into dst, one after another, in order.
// A source behaves like a network connection: Read may block for a long time,
// and Close may be called while a Read is blocked, which makes it return.
func CopyAll(ctx context.Context, dst io.Writer, names []string, open func(name string) (io.ReadCloser, error)) error {
	for _, name := range names {
		rc, err := open(name)
		if err != nil {
			return err
		}
		defer rc.Close()

		done := make(chan error)
		go func() {
			_, err := io.Copy(dst, rc)
			done <- err
		}()

		select {
		case err := <-done:
			if err != nil {
				return err
			}
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	return nil
}
