package solution

import (
	"context"
	"net"
	"net/http"
	"net/http/pprof"
	"time"
)

// shutdownGrace bounds how long in-flight requests may take once ctx is done.
const shutdownGrace = 10 * time.Second

// ServeDebug serves the pprof endpoints (/debug/pprof/...) on ln until ctx is
// cancelled, then shuts down gracefully and returns.
func ServeDebug(ctx context.Context, ln net.Listener) error {
	// A private mux: the debug port exposes pprof and nothing else, and the
	// public server's mux is not touched.
	mux := http.NewServeMux()
	mux.HandleFunc("/debug/pprof/", pprof.Index)
	mux.HandleFunc("/debug/pprof/cmdline", pprof.Cmdline)
	mux.HandleFunc("/debug/pprof/profile", pprof.Profile)
	mux.HandleFunc("/debug/pprof/symbol", pprof.Symbol)
	mux.HandleFunc("/debug/pprof/trace", pprof.Trace)
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}

	// Buffered: Serve's result must be deliverable even if we stop listening.
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()

	select {
	case err := <-served:
		return err // the listener failed; Serve never returns nil
	case <-ctx.Done():
	}

	// ctx is already cancelled, so the grace period needs a fresh deadline.
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), shutdownGrace)
	defer cancel()
	err := srv.Shutdown(sctx) // closes ln, waits for in-flight requests
	if err != nil {
		srv.Close() // grace period over: cut the remaining connections
	}
	<-served // http.ErrServerClosed; the Serve goroutine is gone
	return err
}
