// mutant: copies inline and starts a watcher per source that closes it on ctx.Done(), but the watcher has no other exit, so with a context that is never cancelled every watcher lives forever
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

		go func() {
			<-ctx.Done()
			rc.Close() // unblock a Read stuck on the network
		}()

		_, err = io.Copy(dst, rc)
		rc.Close()
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if err != nil {
			return err
		}
	}
	return nil
}
