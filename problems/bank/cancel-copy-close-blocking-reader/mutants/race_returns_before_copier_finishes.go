// mutant: closes the source on cancellation and returns at once, trusting the buffered channel to let the copier exit, but the copier may still be writing to dst
package solution

import (
	"context"
	"io"
)

func CopyAll(ctx context.Context, dst io.Writer, names []string, open func(name string) (io.ReadCloser, error)) error {
	for _, name := range names {
		if err := ctx.Err(); err != nil {
			return err
		}
		rc, err := open(name)
		if err != nil {
			return err
		}

		done := make(chan error, 1)
		go func() {
			_, err := io.Copy(dst, rc)
			done <- err
		}()

		select {
		case err := <-done:
			rc.Close()
			if err != nil {
				return err
			}
		case <-ctx.Done():
			rc.Close()
			return ctx.Err()
		}
	}
	return nil
}
