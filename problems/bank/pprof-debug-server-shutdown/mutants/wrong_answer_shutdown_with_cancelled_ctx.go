// mutant: passes the already-cancelled ctx to Shutdown, which then gives up at once instead of waiting for in-flight requests
package solution

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/http/pprof"
)

func ServeDebug(ctx context.Context, ln net.Listener) error {
	mux := http.NewServeMux()
	mux.HandleFunc("/debug/pprof/", pprof.Index)
	mux.HandleFunc("/debug/pprof/cmdline", pprof.Cmdline)
	mux.HandleFunc("/debug/pprof/profile", pprof.Profile)
	mux.HandleFunc("/debug/pprof/symbol", pprof.Symbol)
	mux.HandleFunc("/debug/pprof/trace", pprof.Trace)
	srv := &http.Server{Handler: mux}

	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()

	select {
	case err := <-served:
		return err
	case <-ctx.Done():
	}

	err := srv.Shutdown(ctx)
	<-served
	if errors.Is(err, context.Canceled) {
		return nil // we asked for it
	}
	return err
}
