// mutant: handles cancellation correctly but keeps `defer rc.Close()` inside the loop, so every source stays open until CopyAll returns
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
		defer rc.Close()

		done := make(chan error, 1)
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
			rc.Close()
			<-done
			return ctx.Err()
		}
	}
	return nil
}
