package solution

import (
	"context"
	"net"
	"net/http"
	_ "net/http/pprof"
)

// ServeDebug serves the pprof endpoints (/debug/pprof/...) on ln until ctx is
// cancelled.
func ServeDebug(ctx context.Context, ln net.Listener) error {
	go http.Serve(ln, nil)
	<-ctx.Done()
	return nil
}
